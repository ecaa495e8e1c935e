/**
 * Gnocchi response text → the body the plain path would parse, except that every measures list
 * is read straight into columns (./measures.ts) and left as an empty array tagged with them
 * (./tagged.ts). The rest of the body (`references`, `group`, ...) is cut out of the text and
 * given to `JSON.parse`.
 *
 * Where measures lists are (everything else is plain JSON):
 *   aggregates  `{"measures": M, ...}`, or `[{"group": ..., "measures": {"measures": M, ...}}, ...]` (D),
 *               where M is an object whose lists at depth 1 (A), 2 (B) or 3 (C) are measures lists,
 *               as `aggregatesToSeries` reads them;
 *   measures    `[[...], ...]`, the body of `GET /v1/metric/<id>/measures`.
 * Anything the fast path does not read exactly as the plain path would makes it give up, and the
 * body is parsed by `parseGnocchiJson` (which throws the same errors as before on broken text).
 */
import { parseGnocchiJson } from '../json';
import { BAIL, readMeasures, skipWs, stringEnd, stringValue } from './measures';
import { ColumnPool } from './pool';
import { taggedMeasures } from './tagged';

export type BodyKind = 'aggregates' | 'measures';

type Obj = Record<string, unknown>;

/** The index after the JSON value starting at `i` (not validated: `JSON.parse` does that). */
function valueEnd(s: string, i: number): number {
  let c = s.charCodeAt(i);
  if (c === 34) {
    return stringEnd(s, i) + 1;
  }
  if (c === 123 || c === 91) {
    let depth = 0;
    for (;;) {
      if (c === 34) {
        i = stringEnd(s, i);
      } else if (c === 123 || c === 91) {
        depth++;
      } else if (c === 125 || c === 93) {
        if (--depth === 0) {
          return i + 1;
        }
      } else if (c !== c) {
        throw BAIL; // the end of the text
      }
      c = s.charCodeAt(++i);
    }
  }
  while (i < s.length && c !== 44 && c !== 125 && c !== 93 && c !== 32 && c !== 10 && c !== 13 && c !== 9) {
    c = s.charCodeAt(++i);
  }
  return i;
}

class Reader {
  i = 0;
  readonly pool: ColumnPool;
  constructor(readonly s: string) {
    this.pool = new ColumnPool(s.length);
  }

  /** A JSON value of the body that holds no measures list: cut out and parsed. */
  plain(): unknown {
    const start = this.i;
    const end = valueEnd(this.s, start);
    if (end === start) {
      throw BAIL;
    }
    this.i = end;
    const text = this.s.slice(start, end);
    try {
      return JSON.parse(text);
    } catch {
      try {
        return parseGnocchiJson(text); // bare NaN / Infinity
      } catch {
        throw BAIL;
      }
    }
  }

  /** An object whose members are read by `member(key)` (the reader is at the value, and moves past it). */
  object(member: (key: string) => unknown): Obj {
    const s = this.s;
    const out: Obj = {};
    let i = skipWs(s, this.i + 1);
    if (s.charCodeAt(i) === 125) {
      this.i = i + 1;
      return out;
    }
    for (;;) {
      if (s.charCodeAt(i) !== 34) {
        throw BAIL;
      }
      const close = stringEnd(s, i);
      const key = stringValue(s, i, close);
      if (key === '__proto__') {
        throw BAIL; // JSON.parse makes it an own property; an assignment would not
      }
      i = skipWs(s, close + 1);
      if (s.charCodeAt(i) !== 58) {
        throw BAIL;
      }
      this.i = skipWs(s, i + 1);
      out[key] = member(key);
      i = skipWs(s, this.i);
      const c = s.charCodeAt(i);
      if (c === 125) {
        this.i = i + 1;
        return out;
      }
      if (c !== 44) {
        throw BAIL;
      }
      i = skipWs(s, i + 1);
    }
  }

  /** Measures lists at depths 1 to 3 of the `measures` member; plain JSON elsewhere. */
  measuresTree(depth: number): unknown {
    const c = this.s.charCodeAt(this.i);
    if (c === 91 && depth > 0) {
      const { columns, end } = readMeasures(this.s, this.i, this.pool);
      this.i = end;
      return taggedMeasures(columns);
    }
    if (c === 123 && depth < 3) {
      return this.object(() => this.measuresTree(depth + 1));
    }
    return this.plain();
  }

  /** `{"measures": M, "references": [...], ...}` (A, B, C; also the inner body of a D group). */
  aggregatesBody(): unknown {
    if (this.s.charCodeAt(this.i) !== 123) {
      return this.plain();
    }
    return this.object((key) => (key === 'measures' ? this.measuresTree(0) : this.plain()));
  }

  /** A D group: `{"group": {...}, "measures": <aggregates body>}`. */
  group(): unknown {
    if (this.s.charCodeAt(this.i) !== 123) {
      throw BAIL; // the plain path rejects it
    }
    return this.object((key) => (key === 'measures' ? this.aggregatesBody() : this.plain()));
  }

  /** A list of D groups. */
  groups(): unknown[] {
    const s = this.s;
    const out: unknown[] = [];
    let i = skipWs(s, this.i + 1);
    if (s.charCodeAt(i) === 93) {
      this.i = i + 1;
      return out;
    }
    for (;;) {
      this.i = i;
      out.push(this.group());
      i = skipWs(s, this.i);
      const c = s.charCodeAt(i);
      if (c === 93) {
        this.i = i + 1;
        return out;
      }
      if (c !== 44) {
        throw BAIL;
      }
      i = skipWs(s, i + 1);
    }
  }

  body(kind: BodyKind): unknown {
    const s = this.s;
    this.i = skipWs(s, 0);
    const c = s.charCodeAt(this.i);
    let body: unknown;
    if (kind === 'measures') {
      if (c !== 91) {
        throw BAIL;
      }
      const { columns, end } = readMeasures(s, this.i, this.pool);
      this.i = end;
      body = taggedMeasures(columns);
    } else if (c === 123) {
      body = this.aggregatesBody();
    } else if (c === 91) {
      body = this.groups();
    } else {
      throw BAIL;
    }
    if (skipWs(s, this.i) !== s.length) {
      throw BAIL;
    }
    return body;
  }
}

/**
 * The body of a `/v1/aggregates` (`aggregates`) or `/v1/metric/<id>/measures` (`measures`) answer,
 * as `parseGnocchiJson` would give it but with measures lists pre-parsed (`columnsOf`). Throws only
 * where `parseGnocchiJson` throws.
 */
export function readGnocchiBody(text: string, kind: BodyKind): unknown {
  try {
    return new Reader(text).body(kind);
  } catch {
    // BAIL, or anything unexpected: the plain path decides
    return parseGnocchiJson(text);
  }
}
