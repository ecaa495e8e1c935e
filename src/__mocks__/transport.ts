/**
 * Transports for tests: canned responses, and a recorder of every request sent.
 */
import type { HttpRequest, HttpResponse, Transport } from '../http/transport';

export function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    text: typeof body === 'string' ? body : JSON.stringify(body),
    header: (n) => lower[n.toLowerCase()] ?? null,
  };
}

export type Handler = (req: HttpRequest, n: number) => HttpResponse | Promise<HttpResponse>;

/** Answers with `handler` and records every request (also the ones whose answer never comes). */
export function recorder(handler: Handler) {
  const requests: HttpRequest[] = [];
  const transport: Transport = async (req) => {
    requests.push(req);
    return handler(req, requests.length);
  };
  const count = (service: HttpRequest['service']) => requests.filter((r) => r.service === service).length;
  return { requests, transport, count };
}

/** A Keystone token answer with a catalog whose public `metric` endpoint is `gnocchiUrl`. */
export function tokenResponse(token = 'tok', gnocchiUrl = 'http://gnocchi:8041', nowMs = Date.now()): HttpResponse {
  return response(
    201,
    {
      token: {
        expires_at: new Date(nowMs + 3_600_000).toISOString(),
        issued_at: new Date(nowMs).toISOString(),
        catalog: [{ type: 'metric', endpoints: [{ interface: 'public', url: gnocchiUrl, region_id: 'RegionOne' }] }],
      },
    },
    { 'X-Subject-Token': token }
  );
}
