/**
 * Generated Gnocchi response texts for the reader's differential tests: every body shape (A, B, C,
 * D of /v1/aggregates, the measures list of /v1/metric/<id>/measures), Gnocchi's bare NaN /
 * Infinity, string escapes and unicode, exponents, huge and tiny numbers, empty series, odd
 * timestamps and whitespace variants — and now and then something the fast path must give up on.
 * Deterministic for a seed (mulberry32).
 */

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number token written as is (bare NaN, exponents, digits JSON.stringify would not keep). */
class Raw {
  constructor(readonly text: string) {}
}

const VALUES = [
  '0',
  '-0',
  '1',
  '42',
  '-7',
  '0.5',
  '123.456',
  '-3.25',
  '1e-7',
  '2.5E+300',
  '1E400',
  '-1e-400',
  '5e-324',
  '1.7976931348623157e308',
  '12345678901234567',
  '0.1000000000000000055511151231257827',
  '9007199254740993',
  '123456789012345.6',
  '1234567890123456.7',
  '3.14159265358979323846',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  'null',
  '1.0',
  '60.000',
  '-0.0',
  '0e0',
  '7E-2',
];
// Forcing the plain path: not JSON, or read differently by the fast path.
const ODD_VALUES = ['"1.5"', '""', 'true', '[1]', '01', '1.', '.5', '+1', '- 1', 'NaNa', '-null', '1e', '{}'];
const GRANULARITIES = ['60', '60.0', '300', '3600', '86400', '1', '0.5', '1e2', '3600.5', '604800'];
const ODD_GRANULARITIES = ['"W"', 'null', 'NaN', '"60"', 'Infinity'];
const NAMES = [
  'cpu',
  'memory.usage',
  'h\u00e9',
  '\u6e29\u5ea6',
  'emoji-\ud83d\ude00',
  'quote"d',
  'back\\slash',
  'tab\there',
  '\u0000nul',
  'a/b',
  '__proto__',
];
const AGGS = ['mean', 'max', 'rate:mean', 'p95'];

export interface Generated {
  text: string;
  kind: 'aggregates' | 'measures';
  groupby: string[];
  granularity?: number;
  zeroFill?: { fromMs: number; toMs: number; stepMs: number };
}

export function generator(seed: number) {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(a: T[]): T => a[int(a.length)];
  const chance = (p: number) => rand() < p;
  let odd = 0.02; // per token: something the fast path gives up on

  // Whitespace between tokens: none, Python's `, ` / `: `, pretty-printed, or random.
  let style = 0;
  const ws = () =>
    style === 0 ? '' : style === 1 ? '' : style === 2 ? '\n  ' : pick(['', ' ', '\t', '\r\n', '  \n ']);
  const comma = () => (style === 1 ? ', ' : ws() + ',' + ws());
  const colon = () => (style === 1 ? ': ' : ws() + ':' + ws());

  function write(v: unknown): string {
    if (v instanceof Raw) {
      return v.text;
    }
    if (Array.isArray(v)) {
      return '[' + ws() + v.map(write).join(comma()) + ws() + ']';
    }
    if (v !== null && typeof v === 'object') {
      const members = Object.entries(v).map(([k, x]) => JSON.stringify(k) + colon() + write(x));
      return '{' + ws() + members.join(comma()) + ws() + '}';
    }
    return JSON.stringify(v);
  }

  function timestamp(t: number): unknown {
    const iso = new Date(t).toISOString(); // 2024-01-01T00:00:00.000Z
    const base = iso.slice(0, 19);
    if (!chance(0.1)) {
      return base + '+00:00';
    }
    switch (int(9)) {
      case 0:
        return base + 'Z';
      case 1:
        return base;
      case 2:
        return base + '.123456+00:00';
      case 3:
        return base + '+02:00';
      case 4:
        return base.replace('T', ' ') + '+00:00';
      case 5:
        return '2024-02-30T00:00:00+00:00';
      case 6:
        return pick(['garbage', '', '2024-13-01T00:00:00+00:00', '0099-01-01T00:00:00+00:00', '2024-01-01T24:00:00']);
      case 7:
        return new Raw(JSON.stringify(base + '+00:00').replace('2', '\\u0032')); // an escaped digit
      default:
        return chance(odd * 10) ? new Raw(pick(['1704067200', 'null'])) : base + '+01';
    }
  }

  /** 12 to 20 random digits with a decimal point somewhere: around the fast path's 15-digit limit. */
  function longDecimal(): string {
    let digits = String(1 + int(9));
    for (let k = 11 + int(9); k > 0; k--) {
      digits += String(int(10));
    }
    const point = 1 + int(digits.length - 1);
    return (chance(0.3) ? '-' : '') + digits.slice(0, point) + '.' + digits.slice(point);
  }

  function measures(): unknown[] {
    const n = chance(0.15) ? 0 : int(chance(0.1) ? 30 : 6);
    const gs = chance(0.3) ? [pick(GRANULARITIES), pick(GRANULARITIES)] : [pick(GRANULARITIES)];
    const start = Date.UTC(2020 + int(8), int(12), 1 + int(28), int(24));
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const g = chance(odd) ? pick(ODD_GRANULARITIES) : pick(gs);
      const v = chance(odd)
        ? pick(ODD_VALUES)
        : chance(0.3)
          ? pick(VALUES)
          : chance(0.2)
            ? longDecimal()
            : String(Math.round(rand() * 1e6) / 1e3);
      const m: unknown[] = [timestamp(start + i * 60_000), new Raw(g), new Raw(v)];
      if (chance(odd / 4)) {
        m.length = 2;
      }
      out.push(m);
    }
    return out;
  }

  const name = () => pick(NAMES) + (chance(0.5) ? '' : String(int(100)));
  const id = () => `0000${int(10)}-${int(1e4)}`;

  function resource(rid: string): Record<string, unknown> {
    const r: Record<string, unknown> = { id: rid, type: 'instance', host: name() };
    if (chance(0.7)) {
      r.display_name = name();
    }
    if (chance(0.1)) {
      r.cpu_count = new Raw(pick(['NaN', '4', '-Infinity', '1e3']));
    }
    return r;
  }

  /** The `measures` object of one body, and its references. */
  function tree(): [Record<string, unknown>, unknown[]] {
    const m: Record<string, unknown> = {};
    const refs: unknown[] = [];
    const shape = int(4);
    if (shape === 0) {
      m.aggregated = measures(); // A
    } else if (shape === 1) {
      for (let k = int(3); k > 0; k--) {
        const mid = id(); // B
        m[mid] = Object.fromEntries(AGGS.slice(0, 1 + int(2)).map((a) => [a, measures()]));
        if (chance(0.7)) {
          refs.push({ id: mid, name: name(), unit: chance(0.5) ? 'ns' : null, resource_id: id() });
        }
      }
    } else {
      for (let k = int(3); k > 0; k--) {
        const rid = id(); // C
        m[rid] = Object.fromEntries(
          [name(), name()].slice(0, 1 + int(2)).map((metric) => [metric, { [pick(AGGS)]: measures() }])
        );
        if (chance(0.8)) {
          refs.push(resource(rid));
        }
      }
      if (shape === 3 && chance(0.3)) {
        m[id()] = chance(0.5) ? 7 : { x: { y: { z: [1, 2] } } }; // ignored by the plain path
      }
    }
    return [m, refs];
  }

  function aggregates(): unknown {
    if (!chance(0.3)) {
      const [m, refs] = tree();
      return chance(0.2) ? { references: refs, measures: m } : { measures: m, references: refs };
    }
    const groups = [];
    for (let k = int(3); k > 0; k--) {
      const [m, refs] = tree();
      const group = chance(0.8) ? { host: name(), flavor: chance(0.2) ? null : 'm1' } : {};
      groups.push({ group, measures: { measures: m, references: refs } });
    }
    return groups; // D
  }

  return function next(): Generated {
    style = int(4);
    odd = chance(0.5) ? 0 : 0.02;
    const kind = chance(0.2) ? 'measures' : 'aggregates';
    let text = (style === 2 ? ' \n' : '') + write(kind === 'measures' ? measures() : aggregates());
    if (chance(0.01)) {
      text = pick([text.slice(0, Math.max(1, text.length - 3)), text + ' x', '\ufeff' + text, text + '\n']);
    }
    const granularity = chance(0.5) ? Number(pick(GRANULARITIES)) : undefined;
    const zeroFill = chance(0.2) ? { fromMs: Date.UTC(2019, 0), toMs: Date.UTC(2030, 0), stepMs: 30_000 } : undefined;
    return { text, kind, groupby: chance(0.5) ? ['host', 'flavor'] : [], granularity, zeroFill };
  };
}
