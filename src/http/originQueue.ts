/**
 * At most MAX_PER_ORIGIN browser-mode requests in flight per origin, the others wait here.
 *
 * Why: a browser opens at most 6 HTTP/1.1 connections per origin (Chromium, Firefox) and queues
 * the rest inside fetch(), where the plugin cannot see it. A per-request timeout started when
 * fetch() is called then also counts the wait for a connection: with 200 panels, each answer 400
 * ms and a 4 s timeout, 195 of 200 queries failed with "did not answer within 4 s" although
 * every request took 0.4 s on the wire (e2e/browser/reliability.spec.ts). Waiting here instead,
 * the timeout starts when the request is handed to the browser, which then has a free connection.
 *
 * A silent server must still fail every query at about the timeout, not one batch of 6 after
 * another: a waiting request fails with the timeout error once the origin has answered nothing
 * for a whole timeout while it waited. As long as the origin keeps answering, it waits.
 */
import { cancelledError, RequestError, Service, timeoutError } from './errors';

/** Chromium's and Firefox's connection limit per origin for HTTP/1.1. */
export const MAX_PER_ORIGIN = 6;

/** Gives the slot back; `answered`: the origin sent a complete answer (any status). */
export type Release = (answered: boolean) => void;

interface Lane {
  active: number;
  waiting: Array<() => void>;
  /** Complete answers so far (the origin's progress). */
  answers: number;
}

const lanes = new Map<string, Lane>();

export interface SlotRequest {
  service: Service;
  method: string;
  url: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Requests waiting and in flight per origin (for tests and diagnostics). */
export function queueState(url: string): { active: number; waiting: number } {
  const lane = lanes.get(originOf(url));
  return { active: lane?.active ?? 0, waiting: lane?.waiting.length ?? 0 };
}

/** Waits for a free slot of the request's origin; rejects with a RequestError (timeout, cancelled). */
export function acquireSlot(req: SlotRequest, limit = MAX_PER_ORIGIN): Promise<Release> {
  const key = originOf(req.url);
  const lane = lanes.get(key) ?? { active: 0, waiting: [], answers: 0 };
  lanes.set(key, lane);
  const take = (): Release => {
    lane.active++;
    let released = false;
    return (answered) => {
      if (released) {
        return;
      }
      released = true;
      lane.answers += answered ? 1 : 0;
      lane.active--;
      const next = lane.waiting.shift();
      if (next) {
        next();
      } else if (!lane.active) {
        lanes.delete(key);
      }
    };
  };
  if (req.signal?.aborted) {
    return Promise.reject(cancelledError(req.service, req.url));
  }
  if (lane.active < limit) {
    return Promise.resolve(take());
  }
  return new Promise<Release>((resolve, reject) => {
    let seen = lane.answers;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const leave = (error?: RequestError) => {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      const i = lane.waiting.indexOf(grant);
      if (i >= 0) {
        lane.waiting.splice(i, 1);
      }
      if (error) {
        reject(error);
      }
    };
    const grant = () => {
      leave();
      resolve(take());
    };
    const onAbort = () => leave(cancelledError(req.service, req.url));
    const check = () => {
      if (lane.answers === seen) {
        leave(timeoutError(req.service, req.method, req.url, req.timeoutMs / 1000));
        return;
      }
      seen = lane.answers;
      timer = setTimeout(check, req.timeoutMs);
    };
    lane.waiting.push(grant);
    req.signal?.addEventListener('abort', onAbort);
    timer = setTimeout(check, req.timeoutMs);
  });
}
