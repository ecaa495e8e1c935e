import { decodeJsonParam, hostSearch, initialState, modulePathOf, readHostParams, UrlParamError } from './urlState';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('decodeJsonParam', () => {
  const value = { label: 'ü ${host}', n: [1, 2], s: '>>>???' };

  it('reads JSON, base64 and base64url of UTF-8 JSON', () => {
    expect(decodeJsonParam('q', JSON.stringify(value))).toEqual(value);
    expect(decodeJsonParam('q', b64(value))).toEqual(value);
    expect(decodeJsonParam('q', b64url(value))).toEqual(value);
  });

  it('reads base64 whose `+` became a space in an unencoded URL', () => {
    const raw = b64(value);
    expect(raw).toContain('+');
    expect(decodeJsonParam('q', raw.replace(/\+/g, ' '))).toEqual(value);
  });

  it('treats a missing or empty parameter as absent', () => {
    expect(decodeJsonParam('q', null)).toBeUndefined();
    expect(decodeJsonParam('q', '')).toBeUndefined();
  });

  it('names the parameter it cannot read', () => {
    expect(() => decodeJsonParam('vars', '{not json')).toThrow(
      new UrlParamError('URL parameter "vars" is neither JSON nor base64-encoded JSON')
    );
  });
});

describe('readHostParams / hostSearch', () => {
  it('reads every parameter', () => {
    const search = `?ds=${b64url({ url: 'http://k' })}&query=${encodeURIComponent('{"metric_id":"m"}')}&vars=${b64url([
      { name: 'h', options: ['a'], current: 'a' },
    ])}&from=now-3h&to=1700000000000&module=/fixtures/x/module.js&autotest=1&skipSourceCheck=1`;
    expect(readHostParams(search)).toEqual({
      ds: { url: 'http://k' },
      query: { metric_id: 'm' },
      vars: [{ name: 'h', options: ['a'], current: 'a' }],
      from: 'now-3h',
      to: '1700000000000',
      module: '/fixtures/x/module.js',
      autotest: true,
      skipSourceCheck: true,
    });
  });

  it('ignores flags other than 1 and absent parameters', () => {
    expect(readHostParams('?autotest=0&skipSourceCheck=yes')).toEqual({});
    expect(readHostParams('')).toEqual({});
  });

  it('round-trips through hostSearch', () => {
    const p = {
      ds: { access: 'direct' as const, jsonData: { password: 'p+/=?&ü' } },
      query: { refId: 'A', label: '${display_name} é' },
      vars: [{ name: 'hosts', multi: true, options: ['a', 'b'], current: ['a'] }],
      from: '2024-01-01T00:00:00Z',
      to: 'now',
      autotest: true,
    };
    const search = hostSearch(p);
    for (const name of ['ds', 'query', 'vars']) {
      expect(new URLSearchParams(search).get(name)).toMatch(/^[\w-]+$/);
    }
    expect(readHostParams(search)).toEqual(p);
    expect(hostSearch({})).toBe('');
  });
});

describe('modulePathOf', () => {
  it('defaults to the built plugin, even when other parameters are broken', () => {
    expect(modulePathOf('?query=%7Bbroken')).toBe('/dist/module.js');
    expect(modulePathOf('?module=/fixtures/own-react/module.js')).toBe('/fixtures/own-react/module.js');
  });
});

describe('initialState', () => {
  const defaults = {
    url: 'http://127.0.0.1:5000/v3',
    jsonData: { mode: 'keystone', username: 'demo' },
    query: { queryMode: 'metric', metric_id: 'x' },
    vars: [{ name: 'hosts', options: ['a'], current: 'a' }],
    from: '1000',
    to: '2000',
  };

  it('takes the playground defaults when the URL gives nothing', () => {
    const s = initialState({}, defaults);
    expect(s.settings).toMatchObject({ url: defaults.url, jsonData: defaults.jsonData, access: 'direct' });
    expect(s.query).toEqual({ refId: 'A', queryMode: 'metric', metric_id: 'x' });
    expect(s.vars).toBe(defaults.vars);
    expect(s.range).toEqual({ from: '1000', to: '2000' });
    expect(s.autotest).toBe(false);
  });

  it('replaces (does not merge) the defaults with what the URL gives', () => {
    const s = initialState(
      { ds: { jsonData: { mode: 'application_credential' } }, query: { refId: 'B', queryMode: 'resource' }, vars: [] },
      defaults
    );
    expect(s.settings.url).toBe('http://127.0.0.1:5000');
    expect(s.settings.jsonData).toEqual({ mode: 'application_credential' });
    expect(s.query).toEqual({ refId: 'B', queryMode: 'resource' });
    expect(s.vars).toEqual([]);
  });

  it('falls back to the last 6 hours without defaults', () => {
    expect(initialState({ autotest: true }, {})).toMatchObject({
      range: { from: 'now-6h', to: 'now' },
      query: { refId: 'A' },
      vars: [],
      autotest: true,
    });
  });
});

describe('dashboard mode', () => {
  const dashboard = {
    title: 'Cloud',
    time: { from: 'now-3h', to: 'now' },
    panels: [{ title: 'p', targets: [{ refId: 'A' }] }],
    templating: { list: [{ name: 'hosts', multi: true, current: { value: ['a'] } }] },
  };
  const defaults = { vars: [{ name: 'demo', options: [], current: '' }], from: '1000', to: '2000' };

  it('reads the dashboard parameter (base64url JSON) and writes it back', () => {
    const search = hostSearch({ dashboard });
    expect(readHostParams(search)).toEqual({ dashboard });
  });

  it("brings the dashboard's variables and time range, below what the URL gives", () => {
    const s = initialState({ dashboard }, defaults);
    expect(s.dashboard?.panels.map((p) => p.title)).toEqual(['p']);
    expect(s.vars).toEqual([{ name: 'hosts', multi: true, options: ['a'], current: ['a'] }]);
    expect(s.range).toEqual({ from: 'now-3h', to: 'now' });
    const given = initialState({ dashboard, vars: [], from: '5', to: '6' }, defaults);
    expect(given.vars).toEqual([]);
    expect(given.range).toEqual({ from: '5', to: '6' });
    expect(initialState({}, defaults).dashboard).toBeUndefined();
  });

  it('names the parameter when it is not a dashboard', () => {
    expect(() => initialState({ dashboard: { title: 'x' } }, {})).toThrow(
      new UrlParamError(
        'URL parameter "dashboard": it is not a dashboard: a dashboard JSON has a "panels" (or, before Grafana 5, "rows") list'
      )
    );
  });
});
