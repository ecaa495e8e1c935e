import type { AnnotationQuery } from '@grafana/data';

import { createDatasource, dataQueryRequest, runRequest } from '../__mocks__/datasource';
import { recorder, response, tokenResponse } from '../__mocks__/transport';
import type { GnocchiQuery } from '../types';
import { annotationSupport, prepareAnnotation, prepareQuery } from './support';

const anno = (extra: Partial<AnnotationQuery<GnocchiQuery>>): AnnotationQuery<GnocchiQuery> => ({
  name: 'Lifecycle',
  enable: true,
  iconColor: 'red',
  ...extra,
});

describe('annotation support', () => {
  it('prepareAnnotation: the same object when already current, else migrated once', () => {
    const current = Object.freeze(anno({ target: { refId: 'Anno', queryType: 'lifecycle', resource_type: 'x' } }));
    expect(prepareAnnotation(current)).toBe(current);
    const old = anno({ query: "host = 'c1'" });
    const migrated = prepareAnnotation(old);
    expect(migrated).toEqual({
      name: 'Lifecycle',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', queryType: 'lifecycle', resource_search: "host = 'c1'" },
    });
    expect(prepareAnnotation(migrated)).toBe(migrated);
    expect(prepareAnnotation(anno({}))).toMatchObject({ target: { refId: 'Anno', queryType: 'lifecycle' } });
  });

  it('prepareQuery: defaults for blank fields (Grafana puts getDefaultQuery on the annotation, not the target)', () => {
    expect(prepareQuery(anno({ target: { refId: 'Anno', resource_type: 'instance', title: '' } as never }))).toEqual({
      refId: 'Anno',
      queryType: 'lifecycle',
      resource_type: 'instance',
      event: 'both',
      title: '${type} ${event}',
      text: '${original_resource_id}',
    });
    expect(annotationSupport.getDefaultQuery?.()).toMatchObject({ queryType: 'lifecycle', event: 'both' });
  });
});

describe('annotation queries through the data source', () => {
  const T0 = Date.UTC(2024, 0, 1);
  function setup() {
    const r = recorder((req) =>
      req.service === 'Keystone'
        ? tokenResponse()
        : response(200, [
            {
              id: 'u1',
              type: 'instance',
              original_resource_id: 'vm1',
              host: "o'neil",
              started_at: '2024-01-01T01:00:00+00:00',
              ended_at: null,
            },
          ])
    );
    return { ...r, ds: createDatasource({ transport: r.transport, vars: { h: "o'neil" } }) };
  }

  it('the time range and the search are searched on the server; Grafana gets time/title/text/tags frames', async () => {
    const { ds, requests } = setup();
    const target = prepareQuery(
      anno({
        target: { refId: 'Anno', resource_type: 'instance', resource_search: 'host = $h', tags: 'host' } as never,
      })
    ) as GnocchiQuery;
    expect(ds.filterQuery(target)).toBe(true);
    const res = await runRequest(ds, dataQueryRequest([target]));
    expect(res.errors).toBeUndefined();
    const search = requests.find((r) => r.service === 'Gnocchi')!;
    const url = decodeURIComponent(search.url);
    expect(url).toContain('/v1/search/resource/instance?filter=');
    expect(url).toContain(
      `filter=host = "o'neil" and (started_at >= '2024-01-01T00:00:00.000Z' and started_at <= '2024-01-01T06:00:00.000Z' or ended_at >= '2024-01-01T00:00:00.000Z' and ended_at <= '2024-01-01T06:00:00.000Z')&`
    );
    expect(url).toContain('attrs=id&attrs=type&attrs=started_at&attrs=ended_at&attrs=original_resource_id&attrs=host');
    const frame = res.data[0];
    expect(frame.fields.map((f: { name: string }) => f.name)).toEqual(['time', 'title', 'text', 'tags', 'id']);
    expect(frame.fields[0].values).toEqual([T0 + 3_600_000]);
    expect(frame.fields[1].values).toEqual(['instance created']);
    expect(frame.fields[3].values).toEqual([["o'neil"]]);
  });

  it('active ad hoc filters narrow annotations too (JSON search)', async () => {
    const { ds, requests } = setup();
    const target = prepareQuery(
      anno({ target: { refId: 'Anno', resource_search: '{"=": {"flavor": "m1"}}' } as never })
    );
    const request = {
      ...dataQueryRequest([target as GnocchiQuery]),
      filters: [{ key: 'host', operator: '=', value: 'c1' }],
    };
    await runRequest(ds, request);
    const body = JSON.parse(requests.find((r) => r.service === 'Gnocchi')!.body ?? '');
    expect(body.and[0]).toEqual({ '=': { flavor: 'm1' } });
    expect(body.and[2]).toEqual({ '=': { host: 'c1' } });
  });
});
