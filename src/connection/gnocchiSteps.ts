/**
 * The Gnocchi steps of Save & test: reachable (its root document, which also gives the version),
 * answers with CORS (browser access), and one authenticated listing (`GET /v1/resource_type`).
 */
import { isKeystoneMode } from '../auth/connection';
import type { RequestError } from '../http/errors';
import { Context, endpointSource, expiry, modeLabel, said, serverHint } from './context';
import type { Diagnosis } from './steps';
import { explainUnreachable, isNoAnswer } from './unreachable';

function buildOf(text: string): string {
  try {
    const j = JSON.parse(text);
    return j && typeof j.build === 'string' ? j.build : '';
  } catch {
    return '';
  }
}

/** Which request headers make the listing a CORS "non-simple" request (a preflight). */
function authHeader(ctx: Context): string {
  const m = ctx.client.mode;
  return isKeystoneMode(m) || m === 'token' ? 'X-Auth-Token' : m === 'basic' ? 'Authorization' : '';
}

export async function gnocchiSteps(ctx: Context, gnocchiUrl: string): Promise<Diagnosis> {
  const { client, report } = ctx;
  const rootUrl = `${gnocchiUrl}/`;
  let version = '';
  try {
    const { res } = await client.raw('GET', '/');
    if (!ctx.browser && (res.status === 502 || res.status === 504)) {
      return report.fail(
        'Gnocchi reachable',
        `Grafana's server could not reach Gnocchi: its data source proxy answered ${res.status} for ${rootUrl}`,
        serverHint('Gnocchi')
      );
    }
    if (res.status >= 200 && res.status < 300) {
      version = buildOf(res.text);
    }
  } catch (e) {
    if (ctx.browser && isNoAnswer(e)) {
      const u = await explainUnreachable('Gnocchi', 'GET', e, ctx.probe, ctx.origin);
      if (u.verdict === 'cors') {
        report.ok('Gnocchi reachable', `${e.url} answers a no-cors request`);
        return report.fail('Gnocchi answers with CORS', u.message, u.detail, u.verbose);
      }
      return report.fail('Gnocchi reachable', u.message, u.detail, u.verbose);
    }
    return report.fail('Gnocchi reachable', said(ctx, e), ctx.browser ? undefined : serverHint('Gnocchi'));
  }
  report.ok('Gnocchi reachable', `${rootUrl} answered${version ? ` (Gnocchi ${version})` : ''}`);
  if (ctx.browser) {
    report.ok('Gnocchi answers with CORS', `Gnocchi allows ${ctx.origin ?? 'this origin'}`);
  }

  let types: unknown;
  try {
    types = await client.request<unknown>('GET', '/v1/resource_type');
  } catch (e) {
    if (ctx.browser && isNoAnswer(e)) {
      const header = authHeader(ctx);
      return report.fail(
        'Authenticated listing',
        (e as RequestError).message,
        `Gnocchi's root answered this origin, but this request did not get through` +
          (header
            ? `: it carries ${header}, so the browser first asks Gnocchi (CORS preflight) whether it may; Gnocchi's [cors] allow_headers must include ${header} (its default list does). `
            : '. ') +
          "Otherwise Gnocchi failed on it (5xx) and its error had no CORS headers: Gnocchi's log tells."
      );
    }
    return report.fail('Authenticated listing', said(ctx, e));
  }
  if (!Array.isArray(types)) {
    return report.fail(
      'Authenticated listing',
      `Gnocchi at ${gnocchiUrl} answered GET /v1/resource_type with something that is not a list of resource types`
    );
  }
  report.ok('Authenticated listing', `GET /v1/resource_type: ${types.length} resource types`);

  const keystone = isKeystoneMode(client.mode);
  const message = `${keystone ? 'Keystone authentication OK. ' : ''}Gnocchi${version ? ` ${version}` : ''} at ${gnocchiUrl}: ${types.length} resource types.`;
  const found = [
    `Gnocchi ${version || '(version unknown: its root document gave none)'}, ${types.length} resource types.`,
    `Auth mode: ${modeLabel(client.mode)}, ${ctx.browser ? 'browser' : 'server'} access.`,
    `Endpoint: ${keystone ? endpointSource(ctx.view, gnocchiUrl) : gnocchiUrl}.`,
  ];
  const exp = keystone ? expiry(ctx) : undefined;
  if (exp) {
    found.push(`Keystone ${exp}.`);
  }
  return report.success(message, found);
}
