/**
 * Server mode's transport with Grafana's own `isFetchError` guard for backendSrv errors. Kept apart
 * from `transport.ts`, which the benchmark loads in plain Node where @grafana/runtime cannot load.
 */
import { isFetchError } from '@grafana/runtime';

import { ProxyFetcher, proxyTransport, Transport } from './transport';

export function serverTransport(backend: ProxyFetcher): Transport {
  return proxyTransport(backend, isFetchError);
}
