import { firstValueFrom, lastValueFrom, Observable, of, throwError, toArray } from 'rxjs';
import { DataQuery, DataQueryRequest, dateTime, LoadingState, TimeRange, toDataFrame } from '@grafana/data';

import { buildRequest, MAX_DATA_POINTS, runRequest, toDataQueryError } from './queryRunner';

const range: TimeRange = {
  from: dateTime(Date.UTC(2024, 0, 1)),
  to: dateTime(Date.UTC(2024, 0, 1, 6)),
  raw: { from: 'now-6h', to: 'now' },
};

function fakeDs(query: (r: DataQueryRequest<DataQuery>) => any, filterQuery?: (q: DataQuery) => boolean) {
  const calls: Array<DataQueryRequest<DataQuery>> = [];
  return {
    calls,
    ds: {
      query: (r: DataQueryRequest<DataQuery>) => {
        calls.push(r);
        return query(r);
      },
      filterQuery,
    },
  };
}

describe('buildRequest', () => {
  it("builds a dashboard panel's request, filterQuery applied first", () => {
    const { ds } = fakeDs(
      () => of({ data: [] }),
      (q) => q.refId !== 'hidden'
    );
    const r = buildRequest(ds, [{ refId: 'A' }, { refId: 'hidden' }], range, 42);
    expect(r).toMatchObject({
      requestId: 'Q42',
      startTime: 42,
      maxDataPoints: MAX_DATA_POINTS,
      interval: '20s',
      intervalMs: 20_000,
      range,
      rangeRaw: range.raw,
      timezone: 'utc',
      app: 'dashboard',
      targets: [{ refId: 'A' }],
      scopedVars: { __interval: { text: '20s', value: '20s' }, __interval_ms: { text: '20000', value: 20_000 } },
    });
  });

  it('keeps every target of a data source without filterQuery', () => {
    const { ds } = fakeDs(() => of({ data: [] }));
    expect(buildRequest(ds, [{ refId: 'A' }, { refId: 'B' }], range).targets).toHaveLength(2);
  });
});

describe('runRequest', () => {
  const request = (targets: DataQuery[] = [{ refId: 'A' }]) => ({
    ...buildRequest({ query: () => of() }, [], range),
    targets,
  });

  it('sends nothing when no target is left', async () => {
    const { ds, calls } = fakeDs(() => of({ data: [] }));
    expect(await lastValueFrom(runRequest(ds, request([])))).toEqual({ state: 'Done', series: [], timeRange: range });
    expect(calls).toEqual([]);
  });

  it('passes the response on, from an Observable or a Promise', async () => {
    const frame = toDataFrame({ refId: 'A', fields: [{ name: 'v', values: [1] }] });
    for (const answer of [of({ data: [frame] }), Promise.resolve({ data: [frame] })]) {
      const { ds } = fakeDs(() => answer);
      expect(await lastValueFrom(runRequest(ds, request()))).toEqual({
        state: LoadingState.Done,
        series: [frame],
        errors: undefined,
        timeRange: range,
      });
    }
  });

  it('ends in the Error state for errors of the response', async () => {
    const { ds } = fakeDs(() => of({ data: [], error: { refId: 'A', message: 'bad' } }));
    expect(await lastValueFrom(runRequest(ds, request()))).toMatchObject({
      state: 'Error',
      errors: [{ refId: 'A', message: 'bad' }],
    });
  });

  it('keeps a streaming state the response gives', async () => {
    const { ds } = fakeDs(() => of({ data: [], state: LoadingState.Streaming }));
    expect((await firstValueFrom(runRequest(ds, request()))).state).toBe('Streaming');
  });

  it('turns a failed Observable or a synchronous throw into one error, with its status', async () => {
    const fetchError = { status: 503, data: { message: 'Gnocchi 503: down' }, message: 'ignored' };
    const failing = [
      fakeDs(() => throwError(() => fetchError)).ds,
      fakeDs(() => {
        throw fetchError;
      }).ds,
    ];
    for (const ds of failing) {
      expect(await lastValueFrom(runRequest(ds, request()).pipe(toArray()))).toEqual([
        { state: 'Error', series: [], errors: [{ message: 'Gnocchi 503: down', status: 503 }], timeRange: range },
      ]);
    }
  });

  it('is cold: nothing is sent before subscribing, and unsubscribing cancels', () => {
    let unsubscribed = false;
    const { ds, calls } = fakeDs(() => new Observable(() => () => (unsubscribed = true)));
    const data = runRequest(ds, request());
    expect(calls).toHaveLength(0);
    data.subscribe().unsubscribe();
    expect(calls).toHaveLength(1);
    expect(unsubscribed).toBe(true);
  });
});

describe('toDataQueryError', () => {
  it("prefers the server's message, then the error's", () => {
    expect(toDataQueryError('plain')).toEqual({ message: 'plain' });
    expect(toDataQueryError(new Error('boom'))).toEqual({ message: 'boom' });
    expect(toDataQueryError({ status: 400, data: { message: 'Gnocchi 400' } })).toEqual({
      message: 'Gnocchi 400',
      status: 400,
    });
    expect(toDataQueryError(undefined)).toEqual({ message: 'undefined' });
  });
});
