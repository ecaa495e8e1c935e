import { CoreApp, LoadingState } from '@grafana/data';

import { createDatasource, dataQueryRequest, runRequest } from './__mocks__/datasource';
import { recorder, response, tokenResponse } from './__mocks__/transport';
import type { HttpRequest } from './http/transport';
import type { GnocchiQuery } from './types';

const AGG_BODY = {
  measures: {
    aggregated: [
      ['2024-01-01T00:00:00+00:00', 60, 1.5],
      ['2024-01-01T00:01:00+00:00', 60, 2.5],
    ],
  },
};

function gnocchi(handler: (req: HttpRequest) => ReturnType<typeof response> | Promise<ReturnType<typeof response>>) {
  return recorder((req) => (req.service === 'Keystone' ? tokenResponse() : handler(req)));
}

const dyn = (over: Partial<GnocchiQuery> = {}): GnocchiQuery => ({
  refId: 'A',
  queryMode: 'dynamic_aggregates',
  resource_type: 'instance',
  operations: '(aggregate mean (metric cpu mean))',
  ...over,
});

describe('DataSource.filterQuery and query()', () => {
  it('hidden and incomplete targets send nothing and show no error', async () => {
    const r = gnocchi(() => response(200, AGG_BODY));
    const ds = createDatasource({ transport: r.transport });
    const targets: GnocchiQuery[] = [
      dyn({ hide: true }),
      { refId: 'B', queryMode: 'dynamic_aggregates', operations: '  ' },
      { refId: 'C', queryMode: 'metric' },
      { refId: 'D', queryMode: 'resource', metric_name: 'cpu' },
      { refId: 'E', queryMode: 'resource_search' },
      { refId: 'F' },
    ];
    for (const t of targets) {
      expect(ds.filterQuery(t)).toBe(false);
    }
    const res = await runRequest(ds, dataQueryRequest(targets));
    expect(res).toEqual({ data: [], key: 'Q1', state: LoadingState.Done });
    expect(r.requests).toHaveLength(0);
  });

  it('a saved 1.x target without queryMode runs as a resource search', () => {
    const ds = createDatasource({ transport: gnocchi(() => response(200, [])).transport });
    expect(ds.filterQuery({ refId: 'A', metric_name: 'cpu_util' })).toBe(true);
  });

  it('runs complete targets: one Keystone and one Gnocchi request (+1 policy look-up, once), executedQueryString on the frames', async () => {
    const r = gnocchi((req) => (req.method === 'GET' ? response(200, []) : response(200, AGG_BODY)));
    const ds = createDatasource({ transport: r.transport });
    const res = await runRequest(ds, dataQueryRequest([dyn()]));
    expect(res.state).toBe(LoadingState.Done);
    expect(res.errors).toBeUndefined();
    expect(r.count('Keystone')).toBe(1);
    // the archive policy of `cpu` (no such metric here: no granularity asked), read once per instance
    expect(r.requests.filter((q) => q.service === 'Gnocchi').map((q) => q.method)).toEqual(['GET', 'POST']);
    await runRequest(ds, dataQueryRequest([dyn()]));
    expect(r.count('Gnocchi')).toBe(3);
    expect(res.data).toHaveLength(1);
    expect(res.data[0].refId).toBe('A');
    expect(res.data[0].fields[1].values).toEqual([1.5, 2.5]);
    expect(res.data[0].meta.executedQueryString).toBe(
      'POST /v1/aggregates?details=true&start=2024-01-01T00%3A00%3A00.000Z&stop=2024-01-01T06%3A00%3A00.000Z\n' +
        '{"operations":"(aggregate mean (metric cpu mean))","resource_type":"instance","search":{}}'
    );
  });

  it('keeps per-target errors with their status and the other targets data', async () => {
    const r = gnocchi((req) =>
      String(req.body).includes('broken')
        ? response(400, { code: 400, description: 'Invalid operations: broken', title: 'Bad Request' })
        : response(200, AGG_BODY)
    );
    const ds = createDatasource({ transport: r.transport });
    const res = await runRequest(ds, dataQueryRequest([dyn(), dyn({ refId: 'B', operations: '(broken)' })]));
    expect(res.state).toBe(LoadingState.Error);
    expect(res.data.map((f) => f.refId)).toEqual(['A']);
    expect(res.errors).toEqual([
      expect.objectContaining({ refId: 'B', status: 400, message: expect.stringContaining('broken') }),
    ]);
  });

  it('an error thrown before any request (bad granularity, reversed range) is that target error', async () => {
    const r = gnocchi(() => response(200, AGG_BODY));
    const ds = createDatasource({ transport: r.transport });
    const bad = await runRequest(ds, dataQueryRequest([dyn({ granularity: 'abc' })]));
    expect(bad.errors?.[0]).toEqual(
      expect.objectContaining({ refId: 'A', message: expect.stringMatching(/Granularity/) })
    );
    const reversed = await runRequest(
      ds,
      dataQueryRequest([dyn()], { from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 0, 1) })
    );
    expect(reversed.errors?.[0].message).toMatch(/start before it ends/);
    expect(r.count('Gnocchi')).toBe(0);
  });

  it('unsubscribing aborts the requests in flight', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const r = gnocchi((req) => {
      if (req.method === 'GET') {
        return response(200, []); // the shared policy look-up
      }
      signals.push(req.signal);
      return new Promise(() => undefined); // never answers
    });
    const ds = createDatasource({ transport: r.transport });
    const next = jest.fn();
    const sub = ds.query(dataQueryRequest([dyn(), dyn({ refId: 'B' })])).subscribe({ next });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(signals).toHaveLength(2);
    sub.unsubscribe();
    expect(signals.every((s) => s?.aborted)).toBe(true);
    expect(next).not.toHaveBeenCalled();
  });

  it('maxDataPoints reaches the granularity choice', async () => {
    // 60 s and 3600 s points over 6 h: 360 one-minute points do not fit 100 points, hourly ones do.
    const measures: Array<[string, number, number]> = [];
    for (let m = 0; m < 360; m++) {
      measures.push([new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString(), 60, m]);
    }
    for (let h = 0; h < 6; h++) {
      measures.push([new Date(Date.UTC(2024, 0, 1, h)).toISOString(), 3600, h]);
    }
    const r = gnocchi(() => response(200, { measures: { aggregated: measures } }));
    const ds = createDatasource({ transport: r.transport });
    const few = await runRequest(ds, dataQueryRequest([dyn()], { intervalMs: 1000, maxDataPoints: 100 }));
    expect(few.data[0].length).toBe(6);
    const many = await runRequest(ds, dataQueryRequest([dyn()], { intervalMs: 1000, maxDataPoints: 1000 }));
    expect(many.data[0].length).toBe(360);
  });

  it('interpolates variables before running (search quoted for Gnocchi)', async () => {
    const r = gnocchi(() => response(200, AGG_BODY));
    const ds = createDatasource({ transport: r.transport, vars: { host: "c1' or host != 'x" } });
    await runRequest(ds, dataQueryRequest([dyn({ resource_search: 'host = $host' })]));
    const body = JSON.parse(String(r.requests.find((q) => q.service === 'Gnocchi' && q.method === 'POST')!.body));
    expect(body.search).toBe(`host = "c1' or host != 'x"`);
  });
});

describe('DataSource.getDefaultQuery', () => {
  it('gives new queries the recommended mode and no zero fill (D1)', () => {
    const ds = createDatasource({ transport: recorder(() => response(200, [])).transport });
    expect(ds.getDefaultQuery(CoreApp.PanelEditor)).toEqual({
      queryVersion: 2,
      queryMode: 'dynamic_aggregates',
      editorMode: 'builder',
      resource_type: 'generic',
      aggregator: 'mean',
      draw_missing_datapoint_as_zero: false,
    });
  });
});
