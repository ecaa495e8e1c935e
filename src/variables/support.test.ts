import { DataQueryRequest, DataQueryResponse, dateTime, LoadingState } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { recordingClient } from '../__mocks__/client';
import { fakeTemplateSrv } from '../__mocks__/templateSrv';
import { response } from '../__mocks__/transport';
import { migrateVariableQuery } from '../migrations/variableQuery';
import type { GnocchiVariableQuery } from '../types';
import { GnocchiVariableSupport } from './support';

const RESOURCES = [
  { id: 'a', display_name: 'web-1', host: 'c1', metrics: { cpu_util: 'm1' } },
  { id: 'b', display_name: 'db-1', host: 'c2', metrics: { cpu_util: 'm2' } },
];

function setup(status = 200) {
  const r = recordingClient((req) => {
    if (status !== 200) {
      return response(status, { description: 'Unknown resource type' });
    }
    return response(200, req.url.includes('/v1/resource/generic/') ? RESOURCES[0] : RESOURCES);
  });
  const support = new GnocchiVariableSupport({ client: r.client, variableTemplateSrv: fakeTemplateSrv({ h: 'c1' }) });
  const run = (target: string | GnocchiVariableQuery): Promise<DataQueryResponse> => {
    const range = { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } };
    const request = {
      app: 'dashboard',
      requestId: 'v1',
      timezone: '',
      range,
      interval: '',
      intervalMs: 0,
      targets: [target],
      scopedVars: {},
      startTime: 0,
    } as unknown as DataQueryRequest<GnocchiVariableQuery>;
    return lastValueFrom(support.query(request));
  };
  const values = async (target: string | GnocchiVariableQuery) => {
    const frame = (await run(target)).data[0];
    return frame.fields[1].values.map((v: string, i: number) => `${frame.fields[0].values[i]}=${v}`);
  };
  return { ...r, support, run, values };
}

describe('GnocchiVariableSupport', () => {
  it('a saved 1.x string runs unchanged through the 1.x parser: text and value fields', async () => {
    const { values, requests } = setup();
    expect(await values('resources(instance, ${display_name}, id, host = $h)')).toEqual(['web-1=a', 'db-1=b']);
    expect(decodeURIComponent(requests[0].url)).toContain("filter=host = 'c1'");
    expect(requests[0].url).not.toContain('attrs=');
    expect(await values({ refId: 'A', query: 'metrics(a)' })).toEqual(['cpu_util=cpu_util']);
  });

  it('every 1.x form gives the same values migrated as unchanged', async () => {
    for (const text of [
      'resources(instance, ${display_name} ($host), id, host in ["c1", "c2"])',
      'resources(instance, $host, $metrics.cpu_util, {"=": {"host": "$h"}})',
      'resources(instance, host, host = $h)',
      'resources(instance, display_name)',
      'metrics(a)',
    ]) {
      const { values } = setup();
      expect(await values(migrateVariableQuery(text))).toEqual(await values(text));
    }
  });

  it('an unknown 1.x function gives no values and sends nothing, as 1.7.1', async () => {
    const { values, requests } = setup();
    expect(await values('not_existing(instance, host)')).toEqual([]);
    expect(await values(migrateVariableQuery('not_existing(instance, host)'))).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it("failures are the variable's readable error, with status", async () => {
    const { run } = setup(400);
    const res = await run({ refId: 'V', kind: 'resources', resource_type: 'nope' });
    expect(res.state).toBe(LoadingState.Error);
    expect(res.errors?.[0].message).toMatch(/Unknown resource type/);
    expect(res.errors?.[0].status).toBe(400);
  });

  it('the editor starts from a resources query', () => {
    expect(setup().support.getDefaultQuery()).toMatchObject({ kind: 'resources' });
  });
});
