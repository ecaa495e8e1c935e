import { isDeepStrictEqual } from 'node:util';

import { ColumnsOptions, measuresToColumns } from '../columns';
import { granularitiesOf } from '../granularity';
import { parseGnocchiJson } from '../json';
import { aggregatesToSeries, measuresOf, Series } from '../series';
import { SHAPE_A, SHAPE_B, SHAPE_C, SHAPE_D_AGGREGATED, SHAPE_D_SEARCH } from '../__fixtures__/aggregates';
import type { Measure } from '../../types';
import { generator } from './__fixtures__/generate';
import { bodyParserFor, columnsOf, readAggregates, readGnocchiBody } from './index';

/** What the frames are made of: series without `measures`/`columns`, and the frame columns. */
function outcome(series: Series[], opts: ColumnsOptions) {
  return {
    granularities: granularitiesOf(series),
    series: series.map(({ measures, columns, ...rest }) => ({ ...rest, ...measuresToColumns(measures, opts) })),
  };
}

function plain(text: string, kind: 'aggregates' | 'measures', groupby: string[], opts: ColumnsOptions = {}) {
  const body = parseGnocchiJson(text);
  const series =
    kind === 'aggregates' ? aggregatesToSeries(body, { groupby }) : [{ measures: measuresOf(body), labels: {} }];
  return outcome(series, opts);
}

function fast(text: string, kind: 'aggregates' | 'measures', groupby: string[], opts: ColumnsOptions = {}) {
  const body = readGnocchiBody(text, kind);
  const series =
    kind === 'aggregates' ? aggregatesToSeries(body, { groupby }) : [{ measures: measuresOf(body), labels: {} }];
  return { read: series.some((s) => columnsOf(s.measures) !== undefined), ...outcome(series, opts) };
}

/** The result, or the message of what was thrown. */
function attempt<T>(fn: () => T): T | { threw: string } {
  try {
    return fn();
  } catch (e) {
    return { threw: String((e as Error).message) };
  }
}

describe('the reader against the plain path (parseGnocchiJson + aggregatesToSeries + measuresToColumns)', () => {
  it('gives the same series, labels and columns for 10,000 generated bodies', () => {
    const next = generator(20261130);
    let read = 0;
    let threw = 0;
    for (let k = 0; k < 10_000; k++) {
      const g = next();
      const opts = { granularity: g.granularity, zeroFill: g.zeroFill };
      const want = attempt(() => plain(g.text, g.kind, g.groupby, opts));
      const got = attempt(() => fast(g.text, g.kind, g.groupby, opts));
      const { read: wasRead, ...gotOutcome } = got as ReturnType<typeof fast>;
      if (!isDeepStrictEqual('threw' in got ? got : gotOutcome, want)) {
        // a readable diff of the first difference
        expect({ body: g.text, ...('threw' in got ? got : gotOutcome) }).toEqual({ body: g.text, ...want });
      }
      read += wasRead ? 1 : 0;
      threw += 'threw' in want ? 1 : 0;
    }
    // Both paths were exercised: most bodies read fast, some given up on, some broken.
    expect(read).toBeGreaterThan(5000);
    expect(threw).toBeGreaterThan(20);
  });

  it('reads the realistic bodies of each shape', () => {
    for (const [body, groupby] of [
      [SHAPE_A, []],
      [SHAPE_B, []],
      [SHAPE_C, []],
      [SHAPE_D_AGGREGATED, ['host']],
      [SHAPE_D_SEARCH, ['flavor_name', 'host']],
    ] as Array<[unknown, string[]]>) {
      for (const text of [
        JSON.stringify(body),
        JSON.stringify(body, null, 2),
        JSON.stringify(body).replace(/,/g, ', '),
      ]) {
        const got = fast(text, 'aggregates', groupby);
        expect(got.read).toBe(true);
        const { read, ...rest } = got;
        expect(rest).toEqual(plain(text, 'aggregates', groupby));
      }
    }
  });
});

describe('readGnocchiBody', () => {
  const list = '[["2024-01-01T00:00:00+00:00", 60.0, 1.5], ["2024-01-01T00:01:00+00:00", 60.0, NaN]]';

  it('leaves tagged empty lists where the measures were, with their columns', () => {
    const body = readGnocchiBody(`{"measures": {"aggregated": ${list}}}`, 'aggregates') as {
      measures: { aggregated: Measure[] };
    };
    const m = body.measures.aggregated;
    expect(m).toEqual([]);
    const c = columnsOf(m)!;
    expect([...c.times]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 1)]);
    expect([...c.granularities]).toEqual([60, 60]);
    expect([...c.values]).toEqual([1.5, NaN]);
    expect(measuresToColumns(m)).toEqual({ times: [...c.times], values: [1.5, null] });
  });

  it('reads the measures list of /v1/metric/<id>/measures, bare Infinity included', () => {
    const m = readGnocchiBody(list.replace('1.5', '-Infinity'), 'measures') as Measure[];
    expect(measuresToColumns(m).values).toEqual([-Infinity, null]);
  });

  it('gives up on what it does not read exactly as the plain path, which then decides', () => {
    const strings = readGnocchiBody('[["2024-01-01T00:00:00+00:00", 60, "1.5"]]', 'measures') as Measure[];
    expect(columnsOf(strings)).toBeUndefined();
    expect(strings).toEqual([['2024-01-01T00:00:00+00:00', 60, '1.5']]);
    // a measures list where an aggregates body is expected: as the plain path, no pre-parsed list
    expect(readGnocchiBody(list, 'aggregates')).toEqual(parseGnocchiJson(list));
    expect(() => readGnocchiBody(list + ']', 'measures')).toThrow(SyntaxError);
    expect(() => readGnocchiBody('{"measures": {"aggregated": [[', 'aggregates')).toThrow(SyntaxError);
  });

  it('grows its arrays past the first guess of the number of points', () => {
    const points = Array.from({ length: 5000 }, (_, i) => `["2024-01-01T00:00:00Z",60,${i}]`);
    const text = `{"measures":{"a":{"mean":[${points.join(',')}]},"b":{"mean":[${points.join(',')}]}}}`;
    const series = readAggregates(text);
    expect(series.map((s) => s.columns!.values.length)).toEqual([5000, 5000]);
    expect(series.map((s) => s.columns!.values[4999])).toEqual([4999, 4999]);
  });
});

describe('bodyParserFor', () => {
  it('reads aggregates and measures answers, and leaves the rest to parseGnocchiJson', () => {
    const list = '[["2024-01-01T00:00:00+00:00", 60.0, 1]]';
    expect(columnsOf(bodyParserFor('/v1/metric/abc/measures')(list) as Measure[])).toBeDefined();
    expect(bodyParserFor('/v1/metric/abc')).toBe(parseGnocchiJson);
    expect(bodyParserFor('/v1/resource/generic')).toBe(parseGnocchiJson);
    expect(readAggregates(`{"measures": {"aggregated": ${list}}}`)[0].columns).toBeDefined();
  });
});
