/**
 * What Save & test reports about a client that GnocchiClient does not expose publicly yet: browser
 * or server access, whether the Gnocchi URL is set or comes from Keystone's catalog (and for which
 * interface and region), and the current token's expiry.
 *
 * Read defensively from the client's private fields: when they are not there (another client
 * shape), the diagnosis still runs and only leaves these facts out. To be replaced by a public
 * `client.describe()` (see the report of issue 11).
 */
import type { GnocchiClient } from '../client';
import type { ClientSettings } from '../auth/connection';
import type { Transport } from '../http/transport';
import type { GnocchiOptions } from '../types';

export interface ClientView {
  server: boolean;
  /** The Gnocchi URL setting, when set (then the catalog is not used). */
  endpointSetting?: string;
  interface: string;
  region?: string;
}

interface Internals {
  settings?: Partial<ClientSettings>;
  transport?: Transport;
  tokens?: { current?: { expiresAt?: unknown } };
}

export function viewOf(client: GnocchiClient): ClientView {
  const inside = client as unknown as Internals;
  const s = inside.settings;
  const jd = s?.jsonData ?? {};
  let server = s?.access === 'proxy';
  if (!s) {
    // without the settings: server mode's URLs are Grafana's own proxy paths, not absolute
    try {
      server = !/^https?:\/\//i.test(client.keystoneUrl());
    } catch {
      server = false;
    }
  }
  return {
    server,
    endpointSetting: (jd.endpoint ?? '').trim() || undefined,
    interface: jd.interface ?? 'public',
    region: jd.region || undefined,
  };
}

/** When the client's current Keystone token expires (epoch ms, the client's clock), if it has one. */
export function tokenExpiresAt(client: GnocchiClient): number | undefined {
  const expiresAt = (client as unknown as Internals).tokens?.current?.expiresAt;
  return typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? expiresAt : undefined;
}

/** The client's transport and settings (browser mode's own requests to Keystone), if reachable. */
export function internalsOf(client: GnocchiClient): { transport?: Transport; jsonData?: GnocchiOptions } {
  const inside = client as unknown as Internals;
  return {
    transport: typeof inside.transport === 'function' ? inside.transport : undefined,
    jsonData: inside.settings?.jsonData,
  };
}
