/**
 * Docker is not available on our machines, so docker-compose.yaml is validated statically:
 * its shape, its ports, its mounts, and that every stack service runs a script of stack/ that
 * exists and that the native stack (stack/up.sh) runs too. CI runs those scripts natively.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yaml'), 'utf8'), { merge: true });
const services: Record<string, any> = compose.services;
const IMAGE_ROOT = '/opt/gnocchi-ds/';
const upSh = readFileSync(join(root, 'stack/up.sh'), 'utf8');

function repoPathOfCommand(name: string): string {
  const cmd = services[name].command;
  expect(Array.isArray(cmd)).toBe(true);
  expect(cmd[0].startsWith(IMAGE_ROOT)).toBe(true);
  return cmd[0].slice(IMAGE_ROOT.length);
}

describe('docker-compose.yaml', () => {
  it('has the expected services', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['gnocchi', 'gnocchi-metricd', 'grafana', 'keystone', 'plugin', 'postgres', 'seed'].sort()
    );
  });

  it('builds the stack image from debian:bookworm-slim with the native install script', () => {
    for (const name of ['postgres', 'keystone', 'gnocchi', 'gnocchi-metricd', 'seed']) {
      expect(services[name].build.dockerfile).toBe('stack/docker/Dockerfile');
      expect(services[name].build.context).toBe('.');
    }
    const dockerfile = readFileSync(join(root, 'stack/docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM debian:bookworm-slim$/m);
    expect(dockerfile).toContain('stack/install.sh');
    expect(dockerfile).toContain(`COPY stack/ ${IMAGE_ROOT}stack/`);
  });

  it.each([
    ['postgres', 'stack/bin/postgres.sh'],
    ['keystone', 'stack/bin/keystone.sh'],
    ['gnocchi', 'stack/bin/gnocchi-api.sh'],
    ['gnocchi-metricd', 'stack/bin/gnocchi-metricd.sh'],
    ['seed', 'stack/seed-all.sh'],
  ])('service %s runs %s, an executable script the native stack also runs', (name, script) => {
    const rel = repoPathOfCommand(name);
    expect(rel).toBe(script);
    const file = join(root, rel);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o111).not.toBe(0);
    // stack/up.sh launches the same file: `launch <name> <script>` runs $STACK_HOME/bin/<script>
    expect(upSh).toContain(rel.split('/').pop());
  });

  it('publishes Grafana, Keystone and Gnocchi on their default ports', () => {
    expect(services.grafana.ports).toContain('3000:3000');
    expect(services.keystone.ports).toContain('5000:5000');
    expect(services.gnocchi.ports).toContain('8041:8041');
  });

  it('points the browser-facing URLs at the published ports and allows the Grafana origin', () => {
    const env = services.keystone.environment;
    expect(env.KS_PUBLIC_URL).toBe('http://localhost:5000');
    expect(env.GN_PUBLIC_URL).toBe('http://localhost:8041');
    expect(env.CORS_ORIGINS.split(',')).toContain('http://localhost:3000');
    // every stack service shares the same environment (same anchor)
    for (const name of ['postgres', 'gnocchi', 'gnocchi-metricd', 'seed']) {
      expect(services[name].environment).toEqual(env);
    }
  });

  it('mounts the built plugin and the provisioning into Grafana, unsigned plugin allowed', () => {
    const g = services.grafana;
    expect(g.image).toMatch(/^grafana\/grafana(-oss|-enterprise)?:/);
    expect(g.volumes).toContain('./dist:/var/lib/grafana/plugins/gnocchixyz-gnocchi-datasource');
    expect(g.volumes).toContain('./provisioning:/etc/grafana/provisioning');
    expect(g.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).toBe('gnocchixyz-gnocchi-datasource');
    expect(g.environment.GF_AUTH_ANONYMOUS_ENABLED).toBe('true');
    expect(g.depends_on.seed.condition).toBe('service_completed_successfully');
    expect(g.depends_on.plugin.condition).toBe('service_completed_successfully');
    const home = g.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH.replace('/etc/grafana/', '');
    expect(existsSync(join(root, home))).toBe(true);
  });

  it('shares the Gnocchi storage volume between the API and metricd', () => {
    const vol = 'gnocchi-storage:/var/lib/gnocchi-ds/gnocchi';
    expect(services.gnocchi.volumes).toContain(vol);
    expect(services['gnocchi-metricd'].volumes).toContain(vol);
    for (const v of ['pg-data', 'keystone-keys', 'gnocchi-storage', 'plugin-node-modules']) {
      expect(Object.keys(compose.volumes)).toContain(v);
    }
  });

  it('provisions data sources of this plugin in browser mode, and the dashboard', () => {
    const ds = parse(readFileSync(join(root, 'provisioning/datasources/gnocchi.yaml'), 'utf8'));
    expect(ds.datasources.length).toBeGreaterThanOrEqual(2);
    for (const d of ds.datasources) {
      expect(d.type).toBe('gnocchixyz-gnocchi-datasource');
      expect(d.access).toBe('direct');
      expect(d.url).toMatch(/^http:\/\/localhost:5000/);
    }
    expect(ds.datasources.map((d: any) => d.jsonData.mode).sort()).toEqual(['application_credential', 'keystone']);
    const uids = new Set(ds.datasources.map((d: any) => d.uid));
    const dashboards = readdirSync(join(root, 'provisioning/dashboards')).filter((f) => f.endsWith('.json'));
    expect(dashboards.sort()).toEqual(['gnocchi-demo.json', 'openstack-cloud.json']);
    for (const file of dashboards) {
      const dash = JSON.parse(readFileSync(join(root, 'provisioning/dashboards', file), 'utf8'));
      for (const p of dash.panels) {
        expect(uids.has(p.datasource.uid)).toBe(true);
        // made with this plugin's editor: readable names (see README, Migrating)
        expect(p.targets.every((t: any) => t.queryVersion === 2)).toBe(true);
      }
    }
  });
});
