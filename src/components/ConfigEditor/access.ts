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
