/**
 * Dashboards saved with the old plugin (one per version family, tests/fixtures/dashboards) run against
 * the real stack: every panel shows the series names 1.7.1 showed and the seed's values; their
 * variables run and offer the saved values. See README "Migrating from the old plugin".
 */
import { DataFrame, DataQueryRequest, dateTime, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { DataSource } from '../../src/datasource';
import { fetchTransport } from '../../src/http/transport';
import { isPolicyLookup } from '../../src/query/granularityPlan';
import type { GnocchiQuery } from '../../src/types';
import { recorder } from '../../src/__mocks__/transport';
import { Dashboard, loadDashboard, panelsOf, resolveSeed, variableValues } from './dashboards';
import { loadSeed, Seed, SeedResource, seedValue } from './seed';
import { passwordSettings, stackDataSource } from './stackDataSource';

let seed: Seed;
beforeAll(() => {
  seed = loadSeed();
});

function dataSource(vars: Record<string, string | string[]>) {
  const r = recorder((req) => fetchTransport(req));
  // a 1.x definition: the URL is Keystone's, without /v3; `domain` scopes user and project
  const ds = stackDataSource(seed, {
    url: seed.urls.keystone,
    jsonData: { ...passwordSettings(seed), domain: 'default' },
    vars,
    transport: r.transport,
  });
  // the panel's own requests; the archive-policy look-ups are shared by the dashboard (once per name)
  return { ds, gnocchiRequests: () => r.requests.filter((q) => q.service === 'Gnocchi' && !isPolicyLookup(q)).length };
}

async function runPanel(ds: DataSource, targets: GnocchiQuery[], range?: [number, number]) {
  const end = seed.measures.end_unix * 1000;
  const [fromMs, toMs] = range ?? [end - 3 * 3_600_000, end + 1];
  const from = dateTime(fromMs);
  const to = dateTime(toMs);
  const request = {
    requestId: 'old',
    interval: '1m',
    intervalMs: 60_000,
    maxDataPoints: 1000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as DataQueryRequest<GnocchiQuery>;
  const res = await lastValueFrom(ds.query(request));
  expect(res.errors).toBeUndefined();
  return res.data as DataFrame[];
}

const values = (f: DataFrame) => f.fields.find((x) => x.type === FieldType.number)!.values as Array<number | null>;
const times = (f: DataFrame) => f.fields.find((x) => x.type === FieldType.time)!.values as number[];
const vms = (pred: (r: SeedResource) => boolean) =>
  Object.values(seed.resources)
    .filter((r) => r.type === 'demo_instance' && r.project === 'grafana-demo' && pred(r))
    .sort((a, b) => String(a.display_name).localeCompare(String(b.display_name)));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

type Check = (frames: DataFrame[], count: () => number) => void;

/** What 1.7.1 showed, per panel title. */
const EXPECTED: Record<string, Record<string, { range?: () => [number, number]; check: Check }>> = {
  'grafana4-rows-plugin-1.5.json': {
    'Host load (1.2 label)': {
      check: (frames, count) => {
        // a label without `$` (before 1.3) is literal text; `load` is matched unanchored (search + aggregates)
        expect(frames.map((f) => f.name)).toEqual(['name', 'name', 'name', 'name']);
        expect(count()).toBe(2);
        for (const f of frames) {
          const host = seed.resources[String(f.fields[1].labels?.name)];
          const v = values(f);
          // zero fill as saved: zeros between the seed's 5-minute points of a 60 s archive
          expect(v.filter((x) => x === 0).length).toBeGreaterThan(0);
          expect(v.filter((x) => x !== 0).every((x) => x === seedValue('load', host.index, 0))).toBe(true);
        }
      },
    },
    'Memory of web VMs (1.5)': {
      check: (frames) => {
        expect(frames.map((f) => f.name)).toEqual(['unlabeled']);
        const expected = mean(vms((r) => String(r.display_name).startsWith('web-')).map((r) => 1024 * (r.index + 1)));
        expect(values(frames[0]).length).toBeGreaterThan(10);
        expect(values(frames[0]).every((x) => x === expected)).toBe(true);
      },
    },
    'VM cpu on $server': {
      check: (frames) => {
        const web = vms((r) => r.host === 'compute-2' && String(r.display_name).startsWith('web-'));
        // `cpu` unanchored takes cpu_util; `host = "$server"` quoted in the dashboard
        expect(frames.map((f) => f.name)).toEqual(web.map((r) => `${r.display_name} cpu_util`));
        frames.forEach((f, i) => {
          times(f).forEach((t, k) =>
            expect(values(f)[k]).toBeCloseTo(seedValue('cpu_util', web[i].index, t / 1000), 6)
          );
        });
      },
    },
  },
  'grafana5-panels-plugin-1.7.json': {
    'CPU per host': {
      check: (frames) => {
        expect(frames.map((f) => f.name)).toEqual(['compute-1', 'compute-3']);
        frames.forEach((f) => {
          const members = vms((r) => r.host === f.name).map((r) => r.index);
          times(f).forEach((t, k) =>
            expect(values(f)[k]).toBeCloseTo(mean(members.map((i) => seedValue('cpu_util', i, t / 1000))), 6)
          );
        });
      },
    },
    'Memory per flavor': {
      check: (frames) => {
        // reaggregation `none`: the max of the max, per flavor
        expect(frames.map((f) => f.name)).toEqual(['m1.large', 'm1.medium', 'm1.small']);
        frames.forEach((f) => {
          const max = Math.max(
            ...vms((r) => r.flavor === f.name && ['compute-1', 'compute-3'].includes(String(r.host))).map(
              (r) => 1024 * (r.index + 1)
            )
          );
          expect(values(f).every((x) => x === max)).toBe(true);
        });
      },
    },
    'One VM (deprecated resource mode)': {
      check: (frames) => {
        // no label: the resource id; `none found` saved as aggregator = unset (mean)
        expect(frames.map((f) => f.name)).toEqual([seed.resources['vm-002'].id]);
        expect(values(frames[0]).every((x) => x === 2048)).toBe(true);
      },
    },
    'Unlabeled dynamic aggregate': {
      check: (frames) => {
        // the hidden target B sends nothing
        expect(frames.map((f) => f.name)).toEqual(['unlabeled']);
        expect(values(frames[0]).every((x) => x === 1024)).toBe(true);
      },
    },
  },
  'grafana9-export-plugin-1.7.json': {
    'Fixed metric (metric mode)': {
      range: () => [Date.UTC(2024, 0, 1, 0, 0), Date.UTC(2024, 0, 1, 0, 10)],
      check: (frames, count) => {
        // `$metric` is the metric's name (read from its document, as 1.7.1); no label: the metric id
        expect(frames.map((f) => f.name)).toEqual(['fixed (mean)', seed.fixed.metric_id]);
        expect(values(frames[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(values(frames[1])).toEqual([5.5]);
        expect(count()).toBe(3);
      },
    },
    'Web VMs memory (regex)': {
      check: (frames) => {
        const web = vms((r) => /^web-0/.test(String(r.display_name)) && r.host === 'compute-1');
        expect(web.length).toBeGreaterThan(0);
        expect(frames.map((f) => f.name)).toEqual(web.map(() => 'compute-1 - memory.usage'));
        frames.forEach((f, i) => expect(values(f).every((x) => x === 1024 * (web[i].index + 1))).toBe(true));
      },
    },
  },
};

describe.each(Object.keys(EXPECTED))('old dashboard %s', (file) => {
  let dash: Dashboard;
  beforeAll(() => {
    dash = loadDashboard(file);
  });

  it('every panel with targets is checked', () => {
    expect(
      panelsOf(dash)
        .map((p) => p.title)
        .sort()
    ).toEqual(Object.keys(EXPECTED[file]).sort());
  });

  it('its query variables run and offer the saved values', async () => {
    const { ds } = dataSource({});
    for (const v of dash.templating?.list ?? []) {
      if (v.type !== 'query') {
        continue;
      }
      const found = (await ds.metricFindQuery(v.query!)).map((x) => String(x.value));
      const saved = variableValues({ ...dash, templating: { list: [v] } }, seed)[v.name];
      for (const value of Array.isArray(saved) ? saved : [saved]) {
        expect(found).toContain(value);
      }
    }
  });

  it.each(Object.keys(EXPECTED[file]))('panel "%s" shows what 1.7.1 showed', async (title) => {
    const panel = panelsOf(dash).find((p) => p.title === title)!;
    const { ds, gnocchiRequests } = dataSource(variableValues(dash, seed));
    const targets = panel.targets!.map((t) => JSON.parse(resolveSeed(JSON.stringify(t), seed)) as GnocchiQuery);
    const expected = EXPECTED[file][title];
    const frames = await runPanel(ds, targets, expected.range?.());
    expected.check(frames, gnocchiRequests);
  });
});
