/**
 * The pieces of Save & test's diagnosis: its steps, the report Grafana shows (a short `message`,
 * `details.message` / `details.verboseMessage`, and the list of steps), the no-cors probe that tells
 * a server that does not answer from one that answers without CORS, and the exact `[cors]` lines
 * a refusing service needs.
 */
import type { TestDataSourceResponse } from '@grafana/data';

import type { Service } from '../http/errors';

export type StepName =
  | 'Settings'
  | 'Keystone reachable'
  | 'Keystone answers with CORS'
  | 'Token obtained'
  | 'X-Subject-Token readable'
  | 'Gnocchi endpoint'
  | 'Gnocchi reachable'
  | 'Gnocchi answers with CORS'
  | 'Authenticated listing';

export type StepStatus = 'ok' | 'failed';

export interface Step {
  name: StepName;
  status: StepStatus;
  message: string;
}

export interface DiagnosisDetails {
  /** Shown by Grafana below the message. */
  message?: string;
  /** Shown by Grafana behind "Show details". */
  verboseMessage?: string;
  steps: Step[];
}

export type Diagnosis = TestDataSourceResponse & { details: DiagnosisDetails };

/**
 * What an opaque `fetch(url, {mode: 'no-cors'})` tells: `answered` (something answers at that
 * address, so a failed CORS request there was refused by CORS), `no-answer` (nothing listens, the
 * host is unknown, or the connection is cut), `unknown` (no probe possible, or it timed out).
 */
export type ProbeResult = 'answered' | 'no-answer' | 'unknown';
export type Probe = (url: string) => Promise<ProbeResult>;

export const PROBE_TIMEOUT_MS = 5_000;

/** The browser's own probe: an opaque request resolves whenever the server answered anything. */
export const noCorsProbe: Probe = async (url) => {
  if (typeof fetch !== 'function') {
    return 'unknown';
  }
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, PROBE_TIMEOUT_MS);
  try {
    await fetch(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal: ac.signal });
    return 'answered';
  } catch {
    return timedOut ? 'unknown' : 'no-answer';
  } finally {
    clearTimeout(timer);
  }
};

export function browserOrigin(): string | undefined {
  return typeof window !== 'undefined' && window.location?.origin && window.location.origin !== 'null'
    ? window.location.origin
    : undefined;
}

const CONFIG_FILES: Record<Service, string> = {
  Keystone: '/etc/keystone/keystone.conf',
  Gnocchi: '/etc/gnocchi/gnocchi.conf',
};

/** Where each service reads its `[cors]` section from. */
export function configFile(service: Service): string {
  return CONFIG_FILES[service];
}

/** The exact lines `service` needs so that a browser on `origin` may use it. */
export function corsLines(service: Service, origin: string, what: 'origin' | 'expose' = 'origin'): string {
  const lines = ['[cors]'];
  if (what === 'origin') {
    lines.push(`allowed_origin = ${origin}`);
  }
  if (service === 'Keystone') {
    lines.push('expose_headers = X-Subject-Token');
  }
  return lines.join('\n');
}

/** The fix as text: the file, the lines, and how the file is read. */
export function corsFix(service: Service, origin: string | undefined, what: 'origin' | 'expose' = 'origin'): string {
  const shownOrigin = origin ?? "<this Grafana's origin, e.g. https://grafana.example.com>";
  const where =
    service === 'Keystone'
      ? `Keystone reads [cors] only from its default config locations (${configFile('Keystone')}, /etc/keystone/keystone.conf.d/, /etc/keystone.conf, ~/.keystone/keystone.conf): a keystone.conf elsewhere (OS_KEYSTONE_CONFIG_DIR) is not read for [cors]; the environment variable OS_CORS__ALLOWED_ORIGIN is. Keystone's default expose_headers already lists X-Subject-Token: if your file sets expose_headers, keep X-Subject-Token in it.`
      : `Gnocchi reads it from the file given with --config-file, by default ${configFile('Gnocchi')}.`;
  const append =
    what === 'origin'
      ? ' If allowed_origin already lists other origins, add this one after a comma.'
      : ' If expose_headers already lists other headers, add X-Subject-Token after a comma.';
  return (
    `Add to ${configFile(service)}:\n\n${corsLines(service, shownOrigin, what)}\n\n` +
    `${where}${append} Then restart ${service}.`
  );
}

/** Builds the report as steps run; the first failure ends it. */
export class Report {
  readonly steps: Step[] = [];

  ok(name: StepName, message: string): void {
    this.steps.push({ name, status: 'ok', message });
  }

  /** The failed step ends the diagnosis: `message` is Grafana's title, `detail` its body. */
  fail(name: StepName, message: string, detail?: string, verbose?: string): Diagnosis {
    this.steps.push({ name, status: 'failed', message });
    const done = this.steps.map((s) => `${s.status === 'ok' ? '✔' : '✘'} ${s.name}: ${s.message}`).join('\n');
    return {
      status: 'error',
      message,
      details: {
        message: detail,
        verboseMessage: [verbose, `Steps:\n${done}`].filter(Boolean).join('\n\n'),
        steps: this.steps,
      },
    };
  }

  success(message: string, found: string[]): Diagnosis {
    const done = this.steps.map((s) => `✔ ${s.name}: ${s.message}`).join('\n');
    return {
      status: 'success',
      message,
      details: { message: found.join('\n'), verboseMessage: `Steps:\n${done}`, steps: this.steps },
    };
  }
}
