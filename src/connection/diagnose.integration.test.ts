/**
 * Save & test's diagnosis against the real Keystone + Gnocchi (Node's fetch; the CORS cases are
 * in e2e/browser/diagnose.spec.ts, in real Chromium): Keystone's real answers classified.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { GnocchiClient } from '../client';
import { fetchTransport, HttpRequest, Transport } from '../http/transport';
import type { GnocchiOptions } from '../types';
import { diagnose } from './diagnose';

/** What these tests need of the stack's seed ($STACK_STATE/seed.json, written by the stack). */
interface Seed {
  urls: { keystone: string; gnocchi: string };
  users: { grafana: { name: string; password: string; project: string } };
}

let seed: Seed;
beforeAll(() => {
  seed = JSON.parse(readFileSync(join(process.env.STACK_STATE || '/tmp/gnocchi-ds-stack', 'seed.json'), 'utf8'));
});

function run(jsonData: Partial<GnocchiOptions> = {}, url?: string) {
  const sent: HttpRequest[] = [];
  const transport: Transport = (req) => {
    sent.push(req);
    return fetchTransport(req);
  };
  const u = seed.users.grafana;
  const client = new GnocchiClient(
    {
      url: url ?? `${seed.urls.keystone}/v3`,
      access: 'direct',
      jsonData: { mode: 'keystone', username: u.name, password: u.password, project: u.project, ...jsonData },
    },
    transport
  );
  return { sent, result: diagnose(client, { origin: 'http://localhost:3000' }) };
}

const last = (r: Awaited<ReturnType<typeof diagnose>>) => r.details.steps[r.details.steps.length - 1];

describe('Save & test diagnosis against the real stack', () => {
  it('success: version, mode, resource types, endpoint from the catalog, token expiry', async () => {
    const r = await run().result;
    expect(r.status).toBe('success');
    expect(r.message).toMatch(
      /^Keystone authentication OK\. Gnocchi 4\.4\.\d+ at http:\/\/127\.0\.0\.1:8041: \d+ resource types\.$/
    );
    expect(r.details.message).toMatch(/Endpoint: http:\/\/127\.0\.0\.1:8041, from Keystone's catalog/);
    expect(r.details.message).toMatch(/Keystone token expires at .* \(in (59|60) min; renewed automatically\)/);
  });

  it('a wrong password: told apart from a project problem by a request without the project', async () => {
    const { sent, result } = run({ password: 'not-the-password' });
    const r = await result;
    expect(last(r)).toMatchObject({ name: 'Token obtained', status: 'failed' });
    expect(r.details.message).toMatch(/^Wrong password, unknown user or disabled user: /);
    expect(sent.map((q) => q.method)).toEqual(['POST', 'POST']);
  });

  it('a project the user has no role on: the projects it has', async () => {
    const r = await run({ project: 'other-demo' }).result;
    expect(last(r)).toMatchObject({ name: 'Token obtained', status: 'failed' });
    expect(r.message).toMatch(/^Keystone 401 Unauthorized/);
    expect(r.details.message).toMatch(
      new RegExp(
        `^Project refused: .*not for project "other-demo".* Projects this user has a role on: .*${seed.users.grafana.project}`
      )
    );
  });

  it('a region the catalog does not have: what it has', async () => {
    const r = await run({ region: 'RegionTwo' }).result;
    expect(last(r)).toMatchObject({ name: 'Gnocchi endpoint', status: 'failed' });
    expect(r.message).toMatch(/^The "metric" service has no public endpoint in region RegionTwo \(endpoints: public@/);
  });

  it('Keystone where nothing listens: unreachable, not CORS', async () => {
    const r = await run({}, 'http://127.0.0.1:1/v3').result;
    expect(last(r)).toMatchObject({ name: 'Keystone reachable', status: 'failed' });
    expect(r.message).toMatch(/nothing answers there, so Keystone is down or the URL is wrong/);
  });
});
