/**
 * The reader against the plain path on the real stack's answers (npm run test:integration): every
 * /v1/aggregates shape the plugin reads (A, B, C, D of A, D of C), with Gnocchi's bare NaN and
 * Infinity, and the measures of /v1/metric/<id>/measures, as the running Gnocchi writes them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { measuresToColumns } from '../columns';
import { granularitiesOf } from '../granularity';
import { parseGnocchiJson } from '../json';
import { aggregatesToSeries, measuresOf, Series } from '../series';
import { columnsOf, readGnocchiBody } from './index';

const STATE = process.env.STACK_STATE || '/tmp/gnocchi-ds-stack';
const seed = JSON.parse(readFileSync(join(STATE, 'seed.json'), 'utf8'));
let token = '';

beforeAll(async () => {
  const res = await fetch(`${seed.urls.keystone.replace(/\/+$/, '')}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'grafana', domain: { id: 'default' }, password: 'grafana-secret' } },
        },
        scope: { project: { name: 'grafana-demo', domain: { id: 'default' } } },
      },
    }),
  });
  token = res.headers.get('x-subject-token') ?? '';
  expect(res.status).toBe(201);
});

async function gnocchi(path: string, body?: unknown): Promise<string> {
  const res = await fetch(`${seed.urls.gnocchi}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect([res.status, text.slice(0, 200)]).toEqual([200, expect.any(String)]);
  return text;
}

function outcome(series: Series[]) {
  return {
    granularities: granularitiesOf(series),
    series: series.map(({ measures, columns, ...rest }) => ({
      ...rest,
      ...measuresToColumns(measures, { granularity: 300 }),
    })),
  };
}

const window = () => `start=${seed.measures.start_unix - 3600}&stop=${seed.measures.end_unix + 3600}`;
const vm = (name: string) => seed.resources[name].metrics as Record<string, string>;

const AGGREGATES: Array<[string, string, unknown, string[]]> = [
  ['A', '', { operations: '(aggregate mean (metric cpu_util mean))', resource_type: 'demo_instance', search: {} }, []],
  [
    'A, Infinity',
    '',
    { operations: '(aggregate mean (/ (metric cpu_util mean) 0))', resource_type: 'demo_instance', search: {} },
    [],
  ],
  [
    'A, NaN',
    '&fill=null',
    {
      operations: '(/ (- (metric cpu_util mean) (metric cpu_util mean)) 0)',
      resource_type: 'demo_instance',
      search: { '=': { display_name: 'db-02' } },
    },
    [],
  ],
  [
    'B',
    '',
    {
      operations: `(metric (${vm('vm-001').cpu_util} mean) (${vm('vm-001').cpu_util} max) (${vm('vm-002')['memory.usage']} mean))`,
    },
    [],
  ],
  ['C', '', { operations: '(metric cpu_util mean)', resource_type: 'demo_instance', search: {} }, []],
  [
    'C, two metrics, fill',
    '&fill=null',
    { operations: '(metric (cpu_util mean) (memory.usage max))', resource_type: 'demo_instance', search: {} },
    [],
  ],
  [
    'C, Infinity',
    '',
    {
      operations: '(/ (metric cpu_util mean) 0)',
      resource_type: 'demo_instance',
      search: { '=': { display_name: 'db-02' } },
    },
    [],
  ],
  [
    'D of A',
    '&groupby=host',
    { operations: '(aggregate mean (metric cpu_util mean))', resource_type: 'demo_instance', search: {} },
    ['host'],
  ],
  [
    'D of C',
    '&groupby=host&groupby=flavor',
    { operations: '(metric cpu_util mean)', resource_type: 'demo_instance', search: {} },
    ['host', 'flavor'],
  ],
];

describe('the reader on the real stack: same series as parseGnocchiJson + aggregatesToSeries', () => {
  it.each(AGGREGATES)('/v1/aggregates %s', async (_name, params, body, groupby) => {
    const text = await gnocchi(`/v1/aggregates?details=true&${window()}${params}`, body);
    const fast = aggregatesToSeries(readGnocchiBody(text, 'aggregates'), { groupby });
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.every((s) => columnsOf(s.measures) && s.columns)).toBe(true);
    expect(outcome(fast)).toEqual(outcome(aggregatesToSeries(parseGnocchiJson(text), { groupby })));
  });

  it.each([
    ['mean', ''],
    ['max, resampled', '&aggregation=max&granularity=60&resample=3600'],
  ])('/v1/metric/<id>/measures, %s', async (_name, params) => {
    const text = await gnocchi(`/v1/metric/${vm('vm-001').cpu_util}/measures?${window()}${params}`);
    const measures = measuresOf(readGnocchiBody(text, 'measures'));
    expect(columnsOf(measures)?.times.length).toBeGreaterThan(0);
    expect(outcome([{ measures, labels: {} }])).toEqual(
      outcome([{ measures: measuresOf(parseGnocchiJson(text)), labels: {} }])
    );
  });
});
