/**
 * Server mode: Grafana's data source proxy templates the plugin.json routes from jsonData and
 * secureJsonData (Go text/template over the raw JSON of the route). This checks the routes against
 * what browser mode sends, with a small emulation of the template forms the routes use.
 */
import { keystoneAuthBody } from './auth/keystone';
import { GnocchiOptions, GnocchiSecureJsonData } from './types';

const plugin = require('./plugin.json');

/** `{{ .JsonData.x }}`, `{{ .SecureJsonData.x }}` and `{{ or .JsonData.x .JsonData.y `default` }}`. */
function template(text: string, jsonData: GnocchiOptions, secure: GnocchiSecureJsonData): string {
  const lookup = (ref: string) => {
    const [, scope, key] = /^\.(JsonData|SecureJsonData)\.(\w+)$/.exec(ref)!;
    const value = ((scope === 'JsonData' ? jsonData : secure) as Record<string, unknown>)[key];
    return value === undefined || value === null ? '' : String(value);
  };
  text = text.replace(/\{\{\s*or\s+([^}]*?)\s*\}\}/g, (_m, args: string) => {
    for (const arg of args.split(/\s+/)) {
      const v = arg.startsWith('`') ? arg.slice(1, -1) : lookup(arg);
      if (v !== '') {
        return v;
      }
    }
    return '';
  });
  return text.replace(/\{\{\s*(\.\w+\.\w+)\s*\}\}/g, (_m, ref: string) => lookup(ref));
}

function route(path: string) {
  const r = plugin.routes.find((x: { path: string }) => x.path === path);
  expect(r).toBeDefined();
  return r;
}

describe('plugin.json', () => {
  it('is the old plugin id, with metrics, annotations, multi-value ad hoc operators and a Grafana dependency', () => {
    expect(plugin).toMatchObject({
      id: 'gnocchixyz-gnocchi-datasource',
      type: 'datasource',
      metrics: true,
      annotations: true,
      multiValueFilterOperators: true,
    });
    expect(plugin.dependencies.grafanaDependency).toBe('>=12.3.0');
  });

  it('the password route sends the body browser mode sends (user/project by name, domains by id)', () => {
    const jsonData: GnocchiOptions = { username: 'grafana', project: 'grafana-demo', keystoneUrl: 'http://ks:5000/v3' };
    const r = route('keystone/password');
    expect(r.method).toBe('POST');
    expect(template(r.url, jsonData, {})).toBe('http://ks:5000/v3/auth/tokens');
    const body = JSON.parse(template(JSON.stringify(r.body), jsonData, { password: 'pw' }));
    expect(body).toEqual(keystoneAuthBody('keystone', jsonData, 'pw'));
    const custom = { ...jsonData, domain: 'users', projectDomainId: 'projects' };
    expect(JSON.parse(template(JSON.stringify(r.body), custom, { password: 'pw' }))).toEqual(
      keystoneAuthBody('keystone', custom, 'pw')
    );
  });

  it('the application-credential route sends id + secret and no scope', () => {
    const jsonData: GnocchiOptions = { appCredentialId: 'abc', keystoneUrl: 'http://ks/identity/v3' };
    const r = route('keystone/application_credential');
    const body = JSON.parse(template(JSON.stringify(r.body), jsonData, { appCredentialSecret: 's' }));
    expect(body).toEqual(keystoneAuthBody('application_credential', jsonData, 's'));
  });

  it('Gnocchi routes: reads for everyone, POST only to aggregates and search; the static token only on its own routes', () => {
    const gnocchi = plugin.routes.filter((r: { path: string }) => r.path.startsWith('gnocchi'));
    for (const r of gnocchi) {
      expect(r.url.startsWith('{{ .JsonData.endpoint }}')).toBe(true);
      if (r.method === 'POST') {
        expect(r.path).toMatch(/\/v1\/(aggregates|search)$/);
      } else {
        expect(r.method).toBe('GET');
      }
      const token = (r.headers ?? []).find((h: { name: string }) => h.name === 'X-Auth-Token');
      expect(Boolean(token)).toBe(r.path.startsWith('gnocchi-token'));
    }
  });
});
