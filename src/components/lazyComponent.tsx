/**
 * A component whose code loads as a chunk of its own the first time it renders, so that
 * dist/module.js holds only what a dashboard needs to draw panels (editors load when opened).
 */
import React, { ComponentType, lazy, Suspense } from 'react';
import { LoadingPlaceholder } from '@grafana/ui';

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  loadingText: string
): (props: P) => React.JSX.Element {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyComponent(props: P) {
    return (
      <Suspense fallback={<LoadingPlaceholder text={loadingText} />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyComponent;
}
