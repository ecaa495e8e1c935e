/**
 * The provisioned dashboards (provisioning/dashboards) against the real stack, as Grafana would run
 * them: the data source of provisioning/datasources (URL pointed at this stack), every query variable
 * run through the plugin (the saved value when it is offered, else the first; all values for `All`),
 * then every panel: no error, and data in every target.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFrame, DataQueryRequest, dateTime } from '@grafana/data';
import { lastValueFrom } from 'rxjs';
import { parse } from 'yaml';

import { DataSource } from '../../src/datasource';
import { fetchTransport } from '../../src/http/transport';
import type { GnocchiQuery } from '../../src/types';
import { fakeTemplateSrv } from '../../src/__mocks__/templateSrv';
import { Dashboard, panelsOf } from './dashboards';
import { loadSeed, Seed } from './seed';

const root = join(__dirname, '..', '..');
const dir = join(root, 'provisioning', 'dashboards');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const provisioned = parse(readFileSync(join(root, 'provisioning/datasources/gnocchi.yaml'), 'utf8')).datasources;

let seed: Seed;
beforeAll(() => {
  seed = loadSeed();
});

function dataSource(uid: string, vars: Record<string, string | string[]> = {}) {
  const d = provisioned.find((x: { uid: string }) => x.uid === uid);
  return new DataSource(
    {
      ...d,
      id: 1,
      url: d.url.replace('http://localhost:5000', seed.urls.keystone),
      meta: {} as never,
      readOnly: false,
    },
    { transport: fetchTransport, templateSrv: fakeTemplateSrv(vars) }
  );
}

type Variable = {
  name: string;
  type: string;
  query: string;
  includeAll?: boolean;
  multi?: boolean;
  current?: { value: string | string[] };
  datasource: { uid: string };
};

async function resolveVariables(d: Dashboard): Promise<Record<string, string | string[]>> {
  const out: Record<string, string | string[]> = {};
  for (const v of (d.templating?.list ?? []) as unknown as Variable[]) {
    if (v.type !== 'query') {
      continue;
    }
    const values = (await dataSource(v.datasource.uid, out).metricFindQuery(v.query)).map((x) => String(x.value));
    expect(values.length).toBeGreaterThan(0);
    const saved = v.current?.value;
    const wanted = (Array.isArray(saved) ? saved : saved ? [saved] : []).filter((x) => values.includes(x));
    out[v.name] = v.includeAll ? values : v.multi && wanted.length ? wanted : (wanted[0] ?? values[0]);
  }
  return out;
}

describe.each(files)('provisioned dashboard %s', (file) => {
  const dash: Dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const panels = panelsOf(dash);
  let vars: Record<string, string | string[]>;
  beforeAll(async () => {
    vars = await resolveVariables(dash);
  });

  it.each(panels.map((p) => p.title))('panel "%s": no error, data for every target', async (title) => {
    const panel = panels.find((p) => p.title === title)! as unknown as {
      targets: GnocchiQuery[];
      datasource: { uid: string };
    };
    const ds = dataSource(panel.datasource.uid, vars);
    const end = seed.measures.end_unix * 1000;
    const from = dateTime(end - 6 * 3_600_000);
    const to = dateTime(end + 1);
    const range = { from, to };
    const res = await lastValueFrom(
      ds.query({
        requestId: title,
        interval: '1m',
        intervalMs: 60_000,
        maxDataPoints: 1000,
        range: { ...range, raw: range },
        scopedVars: {},
        targets: panel.targets,
        timezone: 'utc',
        app: 'dashboard',
        startTime: Date.now(),
      } as DataQueryRequest<GnocchiQuery>)
    );
    expect(res.errors).toBeUndefined();
    for (const t of panel.targets.filter((x) => !x.hide)) {
      const frames = (res.data as DataFrame[]).filter((f) => f.refId === t.refId && f.length > 0);
      expect(frames.length).toBeGreaterThan(0);
    }
  });
});
