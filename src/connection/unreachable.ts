/**
 * A request the browser could not complete (`fetch` rejected): the browser hides whether nothing
 * answered or the answer was refused by CORS. An opaque no-cors request to the same URL tells them
 * apart: it resolves when the server answered anything, and rejects when nothing did.
 */
import type { RequestError, Service } from '../http/errors';
import { corsFix, Probe, ProbeResult } from './steps';

export interface Unreachable {
  /** `cors`: the server answers, the browser refuses it to this origin; `down`: nothing answers. */
  verdict: 'cors' | 'down' | 'unknown';
  message: string;
  detail: string;
  verbose: string;
}

/** A fetch that failed without any answer (not a timeout, nor an answer cut off). */
export function isNoAnswer(e: unknown): e is RequestError {
  const r = e as RequestError;
  return !!r && r.name === 'RequestError' && r.kind === 'network' && r.status === undefined;
}

function baseOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export async function explainUnreachable(
  service: Service,
  method: string,
  e: RequestError,
  probe: Probe,
  origin: string | undefined
): Promise<Unreachable> {
  let result: ProbeResult;
  try {
    result = await probe(e.url);
  } catch {
    result = 'unknown';
  }
  const from = origin ? ` from ${origin}` : '';
  const head = `The browser could not reach ${service} at ${e.url}${from} (${method})`;
  const thisOrigin = origin ?? "this Grafana's origin";
  if (result === 'answered') {
    return {
      verdict: 'cors',
      message:
        `${head}. The usual cause is CORS, and it is the cause here: ${service} answers (a no-cors request to it ` +
        `got a response) but does not let ${thisOrigin} read its answers. ` +
        `Add ${thisOrigin} to [cors] allowed_origin of ${service} (see details).`,
      detail: corsFix(service, origin),
      verbose:
        `What the browser does not tell: whether ${thisOrigin} is missing from ${service}'s [cors] allowed_origin ` +
        `(the usual case), or ${service} failed on this request (5xx) and its error answer had no CORS headers; ` +
        `${service}'s log tells the second apart. A request from Grafana's server (server access mode) needs no CORS.`,
    };
  }
  if (result === 'no-answer') {
    return {
      verdict: 'down',
      message:
        `${head}: nothing answers there, so ${service} is down or the URL is wrong (host or port). ` +
        `It is not CORS: a no-cors request got no answer either.`,
      detail:
        `Check that ${service} runs and listens at ${baseOf(e.url)}, and open ${e.url} in a tab of this browser: ` +
        `any answer (even an error page) means it is reachable.`,
      verbose:
        'What the browser does not tell: whether the connection was refused (nothing listens on that port), the ' +
        'host name is unknown, a firewall dropped it, or a TLS (https) problem ended it.',
    };
  }
  return {
    verdict: 'unknown',
    message: e.message,
    detail:
      `Whether ${service} is down or refuses ${thisOrigin} by CORS is not knowable here: a no-cors request to ` +
      `${e.url} did not tell either (it could not be sent, or got no answer within a few seconds).`,
    verbose: corsFix(service, origin),
  };
}
