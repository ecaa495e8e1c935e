/**
 * Save & test as a diagnosis: the steps run in order and the first that fails ends it, with a
 * message specific to it.
 *
 *   Settings → Keystone reachable → Keystone answers with CORS → Token obtained →
 *   X-Subject-Token readable → Gnocchi endpoint (catalog) → Gnocchi reachable →
 *   Gnocchi answers with CORS → Authenticated listing
 *
 * Keystone steps run in the Keystone modes only; the CORS steps in browser access only (Grafana's
 * server needs no CORS). Authentication goes through the client itself, so that a successful test
 * leaves its token cached for the queries that follow.
 */
import type { GnocchiClient } from '../client';
import { isKeystoneMode } from '../auth/connection';
import { RequestError } from '../http/errors';
import { Context, endpointSource, expiry, keystoneBase, modeLabel, said, serverHint } from './context';
import { gnocchiSteps } from './gnocchiSteps';
import { hiddenCauses, knownCause } from './keystoneCauses';
import { scopeCheck } from './scopeCheck';
import { browserOrigin, corsFix, Diagnosis, noCorsProbe, Probe, Report } from './steps';
import { explainUnreachable, isNoAnswer } from './unreachable';

export interface DiagnoseDeps {
  /** The no-cors probe (browser fetch by default; tests give their own). */
  probe?: Probe;
  /** This Grafana's origin (`window.location.origin` by default). */
  origin?: string;
  now?: () => number;
}

export async function diagnose(client: GnocchiClient, deps: DiagnoseDeps = {}): Promise<Diagnosis> {
  const view = client.describe();
  const ctx: Context = {
    client,
    view,
    browser: !view.server,
    probe: deps.probe ?? noCorsProbe,
    origin: deps.origin ?? browserOrigin(),
    now: deps.now ?? Date.now,
    report: new Report(),
  };
  let result: Diagnosis;
  try {
    result = await run(ctx);
  } catch (e) {
    // a step that threw something unforeseen: still a readable answer
    result = ctx.report.fail('Settings', said(ctx, e));
  }
  return result;
}

async function run(ctx: Context): Promise<Diagnosis> {
  const { client, report } = ctx;
  const access = ctx.browser ? 'browser access (requests go from this browser)' : "server access (Grafana's proxy)";
  const problem = client.configProblem;
  if (problem) {
    return report.fail('Settings', problem.message, 'Nothing was sent: the settings are incomplete or invalid.');
  }
  report.ok('Settings', `${modeLabel(client.mode)}, ${access}`);
  let gnocchiUrl: string;
  if (isKeystoneMode(client.mode)) {
    const sentBefore = client.counts.keystone;
    try {
      gnocchiUrl = await client.gnocchiUrl();
    } catch (e) {
      return keystoneFailure(ctx, e, client.counts.keystone > sentBefore);
    }
    keystoneSuccess(ctx, gnocchiUrl);
  } else {
    gnocchiUrl = await client.gnocchiUrl();
    report.ok(
      'Gnocchi endpoint',
      `${gnocchiUrl} (${ctx.view.endpointSetting ? 'the Gnocchi URL setting' : 'the data source URL'})`
    );
  }
  return gnocchiSteps(ctx, gnocchiUrl);
}

function keystoneSuccess(ctx: Context, gnocchiUrl: string) {
  const { report, view } = ctx;
  const ks = keystoneBase(ctx);
  report.ok(
    'Keystone reachable',
    ctx.browser ? `${ks} answered this browser` : `${ks} (Grafana's proxy route) answered`
  );
  if (ctx.browser) {
    report.ok('Keystone answers with CORS', `Keystone allows ${ctx.origin ?? 'this origin'}`);
  }
  report.ok('Token obtained', `${modeLabel(ctx.client.mode)} accepted${expiry(ctx) ? `; ${expiry(ctx)}` : ''}`);
  if (ctx.browser) {
    report.ok('X-Subject-Token readable', 'Keystone exposes X-Subject-Token to this origin');
  }
  report.ok('Gnocchi endpoint', endpointSource(view, gnocchiUrl));
}

const CATALOG = /catalog|"metric" service has no/i;

async function keystoneFailure(ctx: Context, e: unknown, sent: boolean): Promise<Diagnosis> {
  const { report } = ctx;
  if (!(e instanceof RequestError)) {
    return report.fail('Keystone reachable', said(ctx, e));
  }
  if (!sent) {
    return report.fail('Settings', e.message, 'Nothing was sent to Keystone: the settings are incomplete.');
  }
  if (!ctx.browser && (e.status === 502 || e.status === 504)) {
    return report.fail('Keystone reachable', e.message, serverHint('Keystone'));
  }
  const cause = knownCause(e.message);
  if (cause && e.status !== undefined) {
    reached(ctx);
    return report.fail('Token obtained', `${cause.title}: ${e.message}`, cause.fix);
  }
  switch (e.kind) {
    case 'network':
      if (ctx.browser && isNoAnswer(e)) {
        const u = await explainUnreachable('Keystone', 'POST', e, ctx.probe, ctx.origin);
        if (u.verdict === 'cors') {
          report.ok('Keystone reachable', `${e.url} answers a no-cors request`);
          return report.fail('Keystone answers with CORS', u.message, u.detail, u.verbose);
        }
        return report.fail('Keystone reachable', u.message, u.detail, u.verbose);
      }
      return report.fail('Keystone reachable', e.message, ctx.browser ? undefined : serverHint('Keystone'));
    case 'timeout':
    case 'redirect':
    case 'cancelled':
      return report.fail('Keystone reachable', e.message);
    case 'cors':
      reached(ctx);
      report.ok('Token obtained', 'Keystone issued a token');
      return report.fail('X-Subject-Token readable', e.message, corsFix('Keystone', ctx.origin, 'expose'));
    case 'config':
      if (e.status === undefined && CATALOG.test(e.message)) {
        reached(ctx);
        report.ok('Token obtained', `${modeLabel(ctx.client.mode)} accepted`);
        if (ctx.browser) {
          report.ok('X-Subject-Token readable', 'Keystone exposes X-Subject-Token to this origin');
        }
        return report.fail(
          'Gnocchi endpoint',
          e.message,
          `Looked for the ${ctx.view.interface} endpoint of the "metric" service${ctx.view.region ? ` in region ${ctx.view.region}` : ''}: ` +
            'choose an interface and region the catalog has (advanced settings), or set the Gnocchi URL explicitly.'
        );
      }
      // an answer that is not Keystone's token API (a web server's 404, a login page)
      return report.fail(
        'Keystone reachable',
        e.message,
        'The data source URL must be Keystone, e.g. http://keystone:5000/v3'
      );
    default: {
      reached(ctx);
      if (e.status !== 401) {
        return report.fail('Token obtained', e.message);
      }
      const verdict = await scopeCheck(ctx);
      if (verdict) {
        return report.fail('Token obtained', e.message, `${verdict.title}: ${verdict.detail}`);
      }
      const serverNote = ctx.browser ? '' : ' In server access the secret used is the one saved in secure settings.';
      return report.fail('Token obtained', e.message, hiddenCauses(ctx.client.mode) + serverNote);
    }
  }
}

/** Keystone answered: reachable, and (browser) its CORS allowed this origin. */
function reached(ctx: Context) {
  const ks = keystoneBase(ctx);
  ctx.report.ok('Keystone reachable', `${ks} answered`);
  if (ctx.browser) {
    ctx.report.ok('Keystone answers with CORS', `Keystone allows ${ctx.origin ?? 'this origin'}`);
  }
}
