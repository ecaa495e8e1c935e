/**
 * Scale (issue 13 §3): a metric-regex panel over 10,000 resources reads every page of the resource
 * search — ⌈N/1000⌉ pages, +1 when the last page is full — then sends one /v1/aggregates request
 * with every matching name, including a name only the very last resource has.
 */
import { recordingClient } from '../__mocks__/client';
import { response } from '../__mocks__/transport';
import type { GnocchiQuery } from '../types';
import { runnerOf } from './runners';

const window = { fromMs: Date.UTC(2024, 0, 1, 0), toMs: Date.UTC(2024, 0, 1, 6) };

/** `n` resources sorted by id; the last one alone has the metric `cpu_rare`. */
function resources(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const id = `r-${String(i).padStart(6, '0')}`;
    const metrics: Record<string, string> = { cpu_util: `${id}-cpu`, memory: `${id}-mem` };
    if (i === n - 1) {
      metrics.cpu_rare = `${id}-rare`;
    }
    return { id, type: 'instance', metrics };
  });
}

/** A Gnocchi that pages its search as Gnocchi does (`limit`, `marker` = last id of the previous page, in its own order). */
function pagedGnocchi(all: ReturnType<typeof resources>) {
  return recordingClient((req) => {
    const url = new URL(req.url);
    if (url.pathname.startsWith('/v1/search/resource/')) {
      expect(url.searchParams.get('sort')).toBeNull();
      const limit = Number(url.searchParams.get('limit'));
      const marker = url.searchParams.get('marker');
      const from = marker === null ? 0 : all.findIndex((r) => r.id === marker) + 1;
      return response(200, all.slice(from, from + limit));
    }
    return response(200, { measures: { aggregated: [['2024-01-01T00:00:00+00:00', 60, 1]] } });
  });
}

const q: GnocchiQuery = {
  refId: 'A',
  queryVersion: 2,
  queryMode: 'resource_search',
  resource_type: 'instance',
  metric_name: '^cpu_',
};

describe('a metric-regex panel over many resources', () => {
  it.each([
    [10_000, 11], // 10 full pages, then an empty one
    [10_500, 11], // 10 full pages and a last one of 500
  ])('%i resources: every page in %i search requests, then one /v1/aggregates', async (n, pages) => {
    expect(pages).toBeLessThanOrEqual(Math.ceil(n / 1000) + 1);
    const all = resources(n);
    const { requests, client } = pagedGnocchi(all);
    const out = await runnerOf(q).run(q, { client, window });

    const searches = requests.filter((r) => r.url.includes('/v1/search/resource/instance'));
    expect(searches).toHaveLength(pages);
    expect(requests).toHaveLength(pages + 1);
    // each page continues after the last id of the previous one
    const markers = searches.map((r) => new URL(r.url).searchParams.get('marker'));
    expect(markers).toEqual([null, ...Array.from({ length: pages - 1 }, (_, k) => all[(k + 1) * 1000 - 1].id)]);

    const last = requests[requests.length - 1];
    expect(last.url).toContain('/v1/aggregates');
    expect(JSON.parse(String(last.body)).operations).toEqual(['metric', ['cpu_rare', 'mean'], ['cpu_util', 'mean']]);
    expect(out.requests).toHaveLength(2);
  });
});
