import type { DataSourceSettings } from '@grafana/data';

import type { GnocchiOptions, GnocchiSecureJsonData } from '../../types';

type Settings = DataSourceSettings<GnocchiOptions, GnocchiSecureJsonData>;

/** The secrets that browser mode keeps in jsonData (the browser needs them) and server mode in secureJsonData. */
export const SECRET_KEYS: Array<keyof GnocchiSecureJsonData> = ['password', 'token', 'appCredentialSecret'];

/**
 * Access mode change. Browser → Server moves every secret from jsonData (readable by every viewer)
 * to secureJsonData (kept on the server), and removes it from jsonData. Server → Browser cannot
 * read secrets back (Grafana never returns them): they must be typed again.
 */
export function switchAccess(options: Settings, access: 'direct' | 'proxy'): Settings {
  if (access !== 'proxy') {
    return { ...options, access };
  }
  const jsonData: GnocchiOptions = { ...options.jsonData };
  const secureJsonData: GnocchiSecureJsonData = { ...options.secureJsonData };
  for (const key of SECRET_KEYS) {
    const value = jsonData[key];
    if (typeof value === 'string' && value !== '' && !secureJsonData[key]) {
      secureJsonData[key] = value;
    }
    delete jsonData[key];
  }
  return { ...options, access, jsonData, secureJsonData };
}

/** Secrets kept in jsonData (readable by every viewer) although the access is Server: 1.x data sources. */
export function plainSecrets(options: Settings): Array<keyof GnocchiSecureJsonData> {
  if (options.access !== 'proxy') {
    return [];
  }
  return SECRET_KEYS.filter((key) => {
    const value = options.jsonData?.[key];
    return typeof value === 'string' && value !== '';
  });
}

/**
 * Whether Server → Browser must be confirmed: a secret is saved on the server (it cannot be read
 * back, and what is typed next reaches every viewer), or the authentication mode needs one.
 */
export function exposesSecret(options: Settings): boolean {
  const mode = options.jsonData?.mode ?? 'keystone';
  const configured = SECRET_KEYS.some((k) => options.secureJsonFields?.[k] || options.secureJsonData?.[k]);
  return configured || mode === 'keystone' || mode === 'application_credential' || mode === 'token';
}
