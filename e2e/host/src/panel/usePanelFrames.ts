/**
 * What both panels (the playground's and the dashboard's runtime time-series panel) draw from a
 * PanelData: frames through `applyFieldOverrides` with the panel defaults, the series list and the
 * errors.
 */
import { useMemo } from 'react';
import { applyFieldOverrides, DataQueryError, PanelData } from '@grafana/data';
import { config } from '@grafana/runtime';

import { FIELD_DEFAULTS, seriesOf, withPanelDefaults } from './series';

const NO_ERRORS: DataQueryError[] = [];

export function usePanelFrames(data: PanelData) {
  const theme = config.theme2;
  const frames = useMemo(
    () =>
      applyFieldOverrides({
        // Grafana core fills @grafana/data's field-config registry with the standard options, whose
        // defaults applyFieldOverrides then applies; the host's registry is empty, so the panel's
        // defaults are merged here.
        data: withPanelDefaults(data.series),
        fieldConfig: { defaults: FIELD_DEFAULTS as any, overrides: [] },
        replaceVariables: (v: string) => v,
        theme,
        timeZone: 'utc',
      }),
    [data.series, theme]
  );
  const series = useMemo(() => seriesOf(frames), [frames]);
  const errors = useMemo(() => data.errors ?? (data.error ? [data.error] : NO_ERRORS), [data.errors, data.error]);
  return { frames, series, errors };
}
