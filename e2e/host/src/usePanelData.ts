/**
 * The panel's data: each run builds a request, subscribes to runRequest (cancelling the run before)
 * and counts runs (`data-run`, `window.__panel.run`). State is set only from runQueries, which is
 * called from effects and event handlers.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Subscription } from 'rxjs';
import { DataQuery, LoadingState, PanelData, TimeRange } from '@grafana/data';

import { buildRequest, runRequest } from './queryRunner';
import type { AnyDataSource } from './services';
import type { HostTemplateSrv } from '../../../src/testing/grafanaTemplateSrv';

export function usePanelData(ds: AnyDataSource, range: TimeRange, templateSrv: HostTemplateSrv) {
  const [data, setData] = useState<PanelData>(() => ({
    state: LoadingState.NotStarted,
    series: [],
    timeRange: range,
  }));
  const [run, setRun] = useState(0);
  const sub = useRef<Subscription | undefined>(undefined);

  const runQueries = useCallback(
    (queries: DataQuery[]) => {
      sub.current?.unsubscribe();
      templateSrv.updateTimeRange(range);
      const request = buildRequest(ds, queries, range);
      setRun((n) => n + 1);
      if (request.targets.length > 0) {
        // the last series stay visible while loading, as in Grafana
        setData((d) => ({ ...d, state: LoadingState.Loading, timeRange: range }));
      }
      sub.current = runRequest(ds, request).subscribe(setData);
    },
    [ds, range, templateSrv]
  );

  useEffect(() => () => sub.current?.unsubscribe(), []);

  return { data, run, runQueries };
}
