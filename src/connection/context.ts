/**
 * What the steps of Save & test share: the client, how it is reached (browser or server access),
 * the probe and origin, the report being built; and how found facts are worded.
 */
import type { ClientDescription } from '../auth/connection';
import type { GnocchiClient } from '../client';
import { messageOf } from '../http/errors';
import type { AuthMode } from '../types';
import type { Probe, Report } from './steps';

export interface Context {
  client: GnocchiClient;
  view: ClientDescription;
  browser: boolean;
  probe: Probe;
  origin?: string;
  now: () => number;
  report: Report;
}

const MODE_LABELS: Record<AuthMode, string> = {
  keystone: 'Keystone password',
  application_credential: 'Keystone application credential',
  token: 'static Keystone token',
  basic: 'basic auth',
  noauth: 'no authentication',
};

export function modeLabel(mode: AuthMode): string {
  return MODE_LABELS[mode] ?? String(mode);
}

export function endpointSource(view: ClientDescription, gnocchiUrl: string): string {
  if (view.endpointSetting) {
    return `${gnocchiUrl}, from the Gnocchi URL setting (Keystone's catalog is not used)`;
  }
  const region = view.region ? ` in region ${view.region}` : '';
  return `${gnocchiUrl}, from Keystone's catalog (the ${view.interface} "metric" endpoint${region})`;
}

export function expiry(ctx: Context): string | undefined {
  const at = ctx.client.describe().tokenExpiresAt;
  if (at === undefined) {
    return undefined;
  }
  const minutes = Math.round((at - ctx.now()) / 60_000);
  const left = minutes >= 120 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return `token expires at ${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')} (in ${left}; renewed automatically)`;
}

export function serverHint(service: 'Keystone' | 'Gnocchi'): string {
  return `In server access, Grafana's server sends the request: ${service}'s URL must be reachable from the Grafana server (not from this browser).`;
}

/**
 * The text of anything thrown, without secrets. (Only texts from outside are redacted: the
 * diagnosis' own words would be mangled by a short secret such as a password "wrong".)
 */
export function said(ctx: Context, e: unknown): string {
  return ctx.client.redactor.text(messageOf(e));
}

/** The Keystone base URL (browser) or proxy route (server), or '' when there is none. */
export function keystoneBase(ctx: Context): string {
  try {
    return ctx.client.redactor.text(ctx.client.keystoneUrl());
  } catch {
    return '';
  }
}
