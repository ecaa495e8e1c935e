/**
 * Keystone v3: URL normalisation, auth request bodies, catalog discovery (pure functions),
 * and a per-data-source token cache with single-flight renewal (clock injected for tests).
 */
import type { EndpointInterface, GnocchiOptions } from '../types';

/** `http://h:5000`, `http://h:5000/`, `http://h/identity/v3/` → `http://h:5000/v3`, `http://h/identity/v3`. */
export function keystoneV3Url(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  if (!trimmed) {
    throw new Error('The Keystone URL is empty: set the data source URL to Keystone, e.g. http://keystone:5000/v3');
  }
  if (/\/v3$/.test(trimmed)) {
    return trimmed;
  }
  return trimmed.replace(/\/v2\.0$/, '') + '/v3';
}

export interface KeystoneCredentials {
  mode: 'keystone' | 'application_credential';
  settings: GnocchiOptions;
  /** The password or application-credential secret (browser mode). */
  secret: string;
}

function domainRef(id?: string, name?: string): { id: string } | { name: string } {
  if (name && !id) {
    return { name };
  }
  return { id: id || 'default' };
}

/** The body of `POST /v3/auth/tokens` for password or application-credential auth. */
export function keystoneAuthBody(mode: KeystoneCredentials['mode'], s: GnocchiOptions, secret: string): object {
  if (mode === 'application_credential') {
    let credential: Record<string, unknown>;
    if (s.appCredentialId) {
      credential = { id: s.appCredentialId, secret };
    } else if (s.appCredentialName) {
      const user = s.userId ? { id: s.userId } : { name: s.username, domain: domainRef(s.domain, s.userDomainName) };
      if (!s.userId && !s.username) {
        throw new Error('An application credential given by name needs the user (name or id) that owns it');
      }
      credential = { name: s.appCredentialName, secret, user };
    } else {
      throw new Error('Set the application credential id, or its name and user');
    }
    // No scope: the credential carries it (Keystone answers 401 when one is sent).
    return { auth: { identity: { methods: ['application_credential'], application_credential: credential } } };
  }
  if (!s.userId && !s.username) {
    throw new Error('Set the Keystone user name (or user id)');
  }
  const user = s.userId
    ? { id: s.userId, password: secret }
    : { name: s.username, domain: domainRef(s.domain, s.userDomainName), password: secret };
  const auth: Record<string, unknown> = { identity: { methods: ['password'], password: { user } } };
  if (s.projectId) {
    auth.scope = { project: { id: s.projectId } };
  } else if (s.project) {
    // The old plugin used its one `domain` setting for the user and the project: without a project
    // domain of its own, the project is in the user's domain id.
    const projectDomainId = s.projectDomainId || (s.projectDomainName ? undefined : s.domain);
    auth.scope = { project: { name: s.project, domain: domainRef(projectDomainId, s.projectDomainName) } };
  }
  return { auth };
}

export interface CatalogEndpoint {
  interface: string;
  url: string;
  region?: string;
  region_id?: string;
}

export interface CatalogEntry {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface KeystoneTokenBody {
  token: {
    expires_at: string;
    issued_at?: string;
    catalog?: CatalogEntry[];
    project?: { id: string; name: string };
    user?: { id: string; name: string };
  };
}

/** The Gnocchi (`metric` service) URL in a token's catalog, without trailing slash. */
export function findGnocchiEndpoint(
  catalog: CatalogEntry[] | undefined,
  iface: EndpointInterface = 'public',
  region?: string
): string {
  if (!catalog || catalog.length === 0) {
    throw new Error(
      'The Keystone token has no service catalog (is the token scoped to a project?). Set the Gnocchi URL explicitly.'
    );
  }
  const services = catalog.filter((s) => s.type === 'metric');
  if (services.length === 0) {
    const types = catalog.map((s) => s.type).join(', ');
    throw new Error(
      `No "metric" (Gnocchi) service in the Keystone catalog (services: ${types}). Set the Gnocchi URL explicitly.`
    );
  }
  const endpoints = services.flatMap((s) => s.endpoints);
  const match = endpoints.find(
    (e) => e.interface === iface && (!region || e.region_id === region || e.region === region)
  );
  if (!match) {
    const seen = endpoints.map((e) => `${e.interface}@${e.region_id ?? e.region ?? '?'}`).join(', ');
    throw new Error(
      `The "metric" service has no ${iface} endpoint${region ? ` in region ${region}` : ''} (endpoints: ${seen})`
    );
  }
  return match.url.replace(/\/+$/, '');
}

export { TokenCache } from './tokenCache';
export type { CachedToken } from './tokenCache';
