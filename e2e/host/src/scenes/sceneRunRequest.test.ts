import { lastValueFrom, of, throwError } from 'rxjs';
import {
  CoreApp,
  DataQuery,
  DataQueryRequest,
  dateTime,
  DataTopic,
  LoadingState,
  TimeRange,
  toDataFrame,
} from '@grafana/data';

import { preparedTargets, queryIsEmpty, sceneRunRequest } from './sceneRunRequest';

const range: TimeRange = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } };
const request = (targets: DataQuery[]) =>
  ({ requestId: 'r1', range, targets, scopedVars: {}, app: 'dashboard' }) as unknown as DataQueryRequest<DataQuery>;

function fakeDs(response: unknown = { data: [] }) {
  const calls: DataQueryRequest[] = [];
  return {
    calls,
    query: (r: DataQueryRequest) => {
      calls.push(r);
      return of(response as any);
    },
    filterQuery: (q: DataQuery) => !q.hide && (q as any).mode !== undefined,
    getDefaultQuery: (app: CoreApp) => ({ mode: 'default', app }) as Partial<DataQuery>,
  };
}

describe('sceneRunRequest (core runRequest for scenes)', () => {
  it('knows empty queries as core does', () => {
    expect(queryIsEmpty({ refId: 'A', hide: false, datasource: { uid: 'x' } })).toBe(true);
    expect(queryIsEmpty({ refId: 'A', mode: 'x' })).toBe(false);
  });

  it('merges the default query into empty targets, then filterQuery', () => {
    const ds = fakeDs();
    const out = preparedTargets(
      ds as any,
      [{ refId: 'A' }, { refId: 'B', hide: true }, { refId: 'C', mode: 'm' } as any],
      false
    );
    expect(out).toEqual([
      { refId: 'A', mode: 'default', app: CoreApp.PanelEditor },
      { refId: 'C', mode: 'm' },
    ]);
  });

  it('skips filterQuery with a queryFunction (variables) and sends nothing for no target', async () => {
    const ds = fakeDs();
    const fn = jest.fn(() => of({ data: [] }));
    await lastValueFrom(sceneRunRequest(ds as any, request([{ refId: 'V', hide: true }]), fn));
    expect(fn).toHaveBeenCalledTimes(1);
    expect(ds.calls).toHaveLength(0);
    const none = await lastValueFrom(sceneRunRequest(ds as any, request([{ refId: 'B', hide: true }])));
    expect(none.state).toBe(LoadingState.Done);
    expect(ds.calls).toHaveLength(0);
  });

  it('splits annotation frames out of the series', async () => {
    const anno = toDataFrame({ fields: [{ name: 'time', values: [1] }] });
    anno.meta = { dataTopic: DataTopic.Annotations };
    const series = toDataFrame({ fields: [{ name: 'v', values: [1] }] });
    const ds = fakeDs({ data: [series, anno] });
    const data = await lastValueFrom(sceneRunRequest(ds as any, request([{ refId: 'A', mode: 'm' } as any])));
    expect(data.series).toEqual([series]);
    expect(data.annotations).toEqual([anno]);
    expect(data.state).toBe(LoadingState.Done);
    expect(data.request?.targets).toEqual([{ refId: 'A', mode: 'm' }]);
  });

  it('ends errors of the response or of the Observable in the Error state', async () => {
    const ds = fakeDs({ data: [], errors: [{ message: 'nope', refId: 'A' }] });
    const a = await lastValueFrom(sceneRunRequest(ds as any, request([{ refId: 'A', mode: 'm' } as any])));
    expect(a).toMatchObject({ state: LoadingState.Error, errors: [{ message: 'nope' }] });
    const failing = { ...fakeDs(), query: () => throwError(() => ({ status: 502, data: { message: 'bad gateway' } })) };
    const b = await lastValueFrom(sceneRunRequest(failing as any, request([{ refId: 'A', mode: 'm' } as any])));
    expect(b).toMatchObject({ state: LoadingState.Error, errors: [{ message: 'bad gateway', status: 502 }] });
  });
});
