import { acquireSlot, MAX_PER_ORIGIN, queueState, SlotRequest } from './originQueue';
import { fetchTransport, HttpRequest } from './transport';

const slot = (url = 'http://g:8041/v1/x', timeoutMs = 1_000, signal?: AbortSignal): SlotRequest => ({
  service: 'Gnocchi',
  method: 'POST',
  url,
  timeoutMs,
  signal,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('acquireSlot', () => {
  it('hands out `limit` slots per origin, the others wait and get them in order', async () => {
    const order: number[] = [];
    const held = await Promise.all([acquireSlot(slot(), 2), acquireSlot(slot(), 2)]);
    const waiting = [3, 4, 5].map((n) => acquireSlot(slot(), 2).then((release) => (order.push(n), release)));
    // another origin is not held up
    const other = await acquireSlot(slot('http://ks:5000/v3/auth/tokens'), 2);
    expect(queueState('http://g:8041/')).toEqual({ active: 2, waiting: 3 });
    held[0](true);
    const r3 = await waiting[0];
    expect(order).toEqual([3]);
    r3(true);
    held[1](true);
    (await waiting[1])(true);
    (await waiting[2])(true);
    expect(order).toEqual([3, 4, 5]);
    other(true);
    expect(queueState('http://g:8041/')).toEqual({ active: 0, waiting: 0 });
  });

  it('a release counts once', async () => {
    const r = await acquireSlot(slot(), 1);
    r(true);
    r(true);
    expect(queueState('http://g:8041/')).toEqual({ active: 0, waiting: 0 });
  });

  it('time spent waiting does not count while the origin keeps answering', async () => {
    // 12 requests of 40 ms, 2 at a time: 240 ms in all, far beyond the 100 ms timeout
    const start = Date.now();
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const release = await acquireSlot(slot(undefined, 100), 2);
        await sleep(40);
        release(true);
      })
    );
    expect(Date.now() - start).toBeGreaterThanOrEqual(200);
  });

  it('an origin that answers nothing: the waiting requests end with the timeout error after one timeout', async () => {
    const held = await Promise.all([acquireSlot(slot(undefined, 50), 1)]);
    const start = Date.now();
    await expect(acquireSlot(slot(undefined, 50), 1)).rejects.toMatchObject({
      kind: 'timeout',
      message: 'Gnocchi did not answer within 0.05 s (POST http://g:8041/v1/x)',
    });
    expect(Date.now() - start).toBeLessThan(500);
    held[0](false);
    expect(queueState('http://g:8041/')).toEqual({ active: 0, waiting: 0 });
  });

  it('a cancelled waiting request leaves the queue as cancelled', async () => {
    const held = await acquireSlot(slot(), 1);
    const ac = new AbortController();
    const p = acquireSlot(slot(undefined, 1_000, ac.signal), 1);
    ac.abort();
    await expect(p).rejects.toMatchObject({ kind: 'cancelled' });
    expect(queueState('http://g:8041/')).toEqual({ active: 1, waiting: 0 });
    held(true);
    await expect(acquireSlot(slot(undefined, 1_000, ac.signal), 1)).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('fetchTransport with the per-origin queue', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it(`200 requests of 20 ms with a 100 ms timeout: all answered, never more than ${MAX_PER_ORIGIN} in flight`, async () => {
    let open = 0;
    let maxOpen = 0;
    global.fetch = jest.fn(async () => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      await sleep(20);
      open--;
      return { type: 'cors', status: 200, headers: new Headers(), text: async () => '[]' } as unknown as Response;
    }) as typeof fetch;
    const req: HttpRequest = {
      service: 'Gnocchi',
      method: 'GET',
      url: 'http://g:8041/v1/x',
      headers: {},
      timeoutMs: 100,
    };
    const start = Date.now();
    const all = await Promise.all(Array.from({ length: 200 }, () => fetchTransport(req)));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(maxOpen).toBe(MAX_PER_ORIGIN);
    // 200 / 6 × 20 ms ≈ 0.67 s: the queue was much longer than the timeout
    expect(Date.now() - start).toBeGreaterThan(500);
  });
});
