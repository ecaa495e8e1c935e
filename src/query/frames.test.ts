import { FieldType } from '@grafana/data';

import type { Measure } from '../types';
import { RES_WEB1, RES_WEB2, SHAPE_C, SHAPE_D_AGGREGATED } from '../gnocchi/__fixtures__/aggregates';
import { aggregatesToSeries } from '../gnocchi/series';
import { measuresToFrame, seriesToFrames } from './frames';
import { parseGnocchiJson } from '../gnocchi/json';

const T = (hh: number, mm: number) => Date.UTC(2024, 0, 1, hh, mm);
const opts = { refId: 'A', name: 'cpu', labels: { host: 'compute-1' } };

describe('measuresToFrame', () => {
  it('builds a Time/Value frame', () => {
    const frame = measuresToFrame(
      [
        ['2024-01-01T10:00:00+00:00', 60.0, 1.5],
        ['2024-01-01T10:01:00+00:00', 60.0, 2],
      ],
      { ...opts, unit: 'ns' }
    );
    expect(frame.name).toBe('cpu');
    expect(frame.refId).toBe('A');
    expect(frame.length).toBe(2);
    const [time, value] = frame.fields;
    expect(time.name).toBe('Time');
    expect(time.type).toBe(FieldType.time);
    expect(time.values).toEqual([T(10, 0), T(10, 1)]);
    expect(time.config.interval).toBeUndefined();
    expect(value.name).toBe('Value');
    expect(value.type).toBe(FieldType.number);
    expect(value.values).toEqual([1.5, 2]);
    expect(value.labels).toEqual({ host: 'compute-1' });
    expect(value.config.displayNameFromDS).toBe('cpu');
    expect(value.config.unit).toBe('ns');
  });

  it('marks the labelled value field filterable (Explore: filter for / filter out)', () => {
    const [, value] = measuresToFrame([['2024-01-01T10:00:00+00:00', 60, 1]], opts).fields;
    expect(value.config.filterable).toBe(true);
    expect(value.labels).toEqual({ host: 'compute-1' });
  });

  it('handles an empty list', () => {
    const frame = measuresToFrame([], opts);
    expect(frame.length).toBe(0);
    expect(frame.fields.map((f) => f.values)).toEqual([[], []]);
  });

  it('keeps null, NaN (from bare NaN) as null, infinities, and numeric strings', () => {
    const measures = parseGnocchiJson(
      '[["2024-01-01T10:00:00+00:00", 60.0, NaN], ["2024-01-01T10:01:00+00:00", 60.0, null], ["2024-01-01T10:02:00+00:00", 60.0, Infinity], ["2024-01-01T10:03:00+00:00", 60.0, "4.5"], ["2024-01-01T10:04:00+00:00", 60.0, 0]]'
    ) as Measure[];
    expect(measuresToFrame(measures, opts).fields[1].values).toEqual([null, null, Infinity, 4.5, 0]);
  });

  // Without `granularity` Gnocchi concatenates all granularities, coarsest first.
  const mixed: Measure[] = [
    ['2024-01-01T09:00:00+00:00', 3600.0, 10],
    ['2024-01-01T10:00:00+00:00', 3600.0, 11],
    ['2024-01-01T10:00:00+00:00', 300.0, 1],
    ['2024-01-01T10:05:00+00:00', 300.0, 2],
    ['2024-01-01T10:10:00+00:00', 300.0, 3],
  ];

  it('keeps the finest granularity where it exists, the coarser one only before it (no duplicate time)', () => {
    const f = measuresToFrame(mixed, opts);
    expect(f.fields[0].values).toEqual([T(9, 0), T(10, 0), T(10, 5), T(10, 10)]);
    expect(f.fields[1].values).toEqual([10, 1, 2, 3]);
    expect(f.fields[0].config.interval).toBeUndefined();
  });

  it('keeps the requested granularity', () => {
    const f = measuresToFrame(mixed, { ...opts, granularity: 3600 });
    expect(f.fields[0].values).toEqual([T(9, 0), T(10, 0)]);
    expect(f.fields[1].values).toEqual([10, 11]);
  });

  it('coarser archives fill in only inside the range (Gnocchi rounds the start down to each granularity)', () => {
    const f = measuresToFrame(mixed, { ...opts, fromMs: T(9, 30) });
    expect(f.fields[1].values).toEqual([1, 2, 3]);
  });

  it('falls back to the finest when the requested granularity is absent', () => {
    expect(measuresToFrame(mixed, { ...opts, granularity: 60 }).fields[1].values).toEqual([10, 1, 2, 3]);
  });

  it('keeps everything of a single other granularity (e.g. a resample)', () => {
    const resampled: Measure[] = [
      ['2024-01-01T00:00:00+00:00', 86400.0, 5],
      ['2024-01-02T00:00:00+00:00', 86400.0, 6],
    ];
    const f = measuresToFrame(resampled, { ...opts, granularity: 300 });
    expect(f.fields[1].values).toEqual([5, 6]);
    expect(f.fields[0].config.interval).toBeUndefined();
  });

  it('accepts calendar granularities and string granularities', () => {
    const weekly: Measure[] = [
      ['2024-01-01T00:00:00+00:00', 'W', 5],
      ['2024-01-08T00:00:00+00:00', 'W', 6],
    ];
    expect(measuresToFrame(weekly, opts).fields[1].values).toEqual([5, 6]);
    const monthly: Measure[] = [
      ['2024-01-01T00:00:00+00:00', 'M', 5],
      ['2024-03-01T00:00:00+00:00', 'M', 6],
    ];
    const f = measuresToFrame(monthly, { ...opts, zeroFill: {} });
    expect(f.fields[1].values).toEqual([5, 6]); // no fixed step: no zero fill
    expect(f.fields[0].config.interval).toBeUndefined();
    const strings: Measure[] = [
      ['2024-01-01T00:00:00+00:00', '60.0', 5],
      ['2024-01-01T00:01:00+00:00', 60, 6],
    ];
    expect(measuresToFrame(strings, opts).fields[1].values).toEqual([5, 6]);
  });

  describe('zeroFill (draw_missing_datapoint_as_zero)', () => {
    const gappy: Measure[] = [
      ['2024-01-01T10:00:00+00:00', 300.0, 1],
      ['2024-01-01T10:05:00+00:00', 300.0, 2],
      ['2024-01-01T10:20:00+00:00', 300.0, 3],
      ['2024-01-01T10:25:00+00:00', 300.0, null],
    ];

    it('fills missing buckets between points with 0, not the edges, keeps nulls', () => {
      const f = measuresToFrame(gappy, { ...opts, zeroFill: { fromMs: T(9, 0), toMs: T(11, 0) } });
      expect(f.fields[0].values).toEqual([T(10, 0), T(10, 5), T(10, 10), T(10, 15), T(10, 20), T(10, 25)]);
      expect(f.fields[1].values).toEqual([1, 2, 0, 0, 3, null]);
      expect(f.length).toBe(6);
    });

    it('uses stepMs when given', () => {
      const f = measuresToFrame(gappy.slice(1, 3), { ...opts, zeroFill: { stepMs: 600000 } });
      expect(f.fields[0].values).toEqual([T(10, 5), T(10, 15), T(10, 20)]);
    });

    it('never adds zeros outside [fromMs, toMs]', () => {
      const f = measuresToFrame(gappy, { ...opts, zeroFill: { fromMs: T(10, 12), toMs: T(10, 30) } });
      expect(f.fields[0].values).toEqual([T(10, 0), T(10, 5), T(10, 15), T(10, 20), T(10, 25)]);
    });

    it("fills each part at its own step and the gap between parts at the newer one's (1.7.1's example: 19 points)", () => {
      const measures: Measure[] = [
        ['2024-01-01T14:00:00+00:00', 600.0, 5],
        ['2024-01-01T14:20:00+00:00', 600.0, 6],
        ['2024-01-01T14:33:00+00:00', 60.0, 7],
        ['2024-01-01T14:34:00+00:00', 60.0, 8],
        ['2024-01-01T14:36:00+00:00', 60.0, 9],
      ];
      const f = measuresToFrame(measures, { ...opts, zeroFill: {} });
      const bridge = Array.from({ length: 12 }, (_, k) => T(14, 21 + k));
      expect(f.fields[0].values).toEqual([
        T(14, 0),
        T(14, 10),
        T(14, 20),
        ...bridge,
        T(14, 33),
        T(14, 34),
        T(14, 35),
        T(14, 36),
      ]);
      expect(f.fields[1].values).toEqual([5, 0, 6, ...bridge.map(() => 0), 7, 8, 0, 9]);
      expect(f.length).toBe(19);
    });

    it('does nothing without gaps', () => {
      const f = measuresToFrame(gappy.slice(0, 2), { ...opts, zeroFill: {} });
      expect(f.fields[1].values).toEqual([1, 2]);
    });
  });
});

describe('seriesToFrames', () => {
  it('names frames by template', () => {
    const frames = seriesToFrames(aggregatesToSeries(SHAPE_C), {
      refId: 'B',
      labelTemplate: '${display_name} $metric $aggregation ($host)',
    });
    expect(frames.map((f) => f.name)).toEqual([
      'web-1 cpu mean (compute-1)',
      'web-1 memory.usage mean (compute-1)',
      'web-2 cpu mean (compute-2)',
      'web-2 memory.usage mean (compute-2)',
    ]);
    expect(frames[0].refId).toBe('B');
    expect(frames[0].fields[1].config.displayNameFromDS).toBe('web-1 cpu mean (compute-1)');
    expect(frames[0].fields[1].labels).toMatchObject({ host: 'compute-1' });
  });

  it('uses distinct default names without a template', () => {
    const frames = seriesToFrames(aggregatesToSeries(SHAPE_C), { refId: 'A', labelTemplate: '  ' });
    expect(frames.map((f) => f.name)).toEqual([
      'web-1 cpu mean',
      'web-1 memory.usage mean',
      'web-2 cpu mean',
      'web-2 memory.usage mean',
    ]);
    const groups = seriesToFrames(aggregatesToSeries(SHAPE_D_AGGREGATED), { refId: 'A' });
    expect(groups.map((f) => f.name)).toEqual(['host=compute-1', 'host=compute-2']);
  });

  it('passes granularity and zero fill through', () => {
    const frames = seriesToFrames(
      [
        {
          measures: [
            ['2024-01-01T10:00:00+00:00', 300, 1],
            ['2024-01-01T10:10:00+00:00', 300, 2],
          ],
          labels: {},
        },
      ],
      { refId: 'A', granularity: 300, zeroFill: {} }
    );
    expect(frames[0].fields[1].values).toEqual([1, 0, 2]);
    expect(frames[0].name).toBe('aggregated');
  });

  it('keeps the label of a duplicate resource name distinct', () => {
    const twin = { ...RES_WEB2, display_name: 'web-1' };
    const series = aggregatesToSeries({
      references: [RES_WEB1, twin],
      measures: { [RES_WEB1.id]: { cpu: { mean: [] } }, [twin.id]: { cpu: { mean: [] } } },
    });
    const names = seriesToFrames(series, { refId: 'A' }).map((f) => f.name);
    expect(new Set(names).size).toBe(2);
    expect(names).toContain(`web-1 cpu mean (${RES_WEB1.id})`);
  });
});
