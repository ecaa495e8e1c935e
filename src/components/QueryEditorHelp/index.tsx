/** The cheat sheet, loaded as a chunk of its own when it is opened (dist/module.js stays small). */
import React, { lazy, Suspense } from 'react';
import type { QueryEditorHelpProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';

import type { GnocchiQuery } from '../../types';

const Help = lazy(() => import('./QueryEditorHelp').then((m) => ({ default: m.QueryEditorHelp })));

export function QueryEditorHelp(props: QueryEditorHelpProps<GnocchiQuery>) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading examples" />}>
      <Help {...props} />
    </Suspense>
  );
}
