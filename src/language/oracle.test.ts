/**
 * Differential test against Gnocchi 4.4.2's own parsers (src/language/__fixtures__/gnocchi_oracle.py):
 * on random and damaged searches and operations, these parsers accept what Gnocchi accepts and read
 * searches into the same filter; where they differ, they are stricter on purpose (the error names
 * the pitfall), or accept what Gnocchi ≥ 4.5 accepts.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { FilterNode, parseSearch, Term } from './filter';
import { parseOperations } from './operations';

type Case = { language: 'search' | 'operations'; text: string; ok: boolean; stage?: string; dict?: unknown };

const CASES: Case[] = readFileSync(join(__dirname, '__fixtures__', 'gnocchi-oracle.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

function value(t: Term): unknown {
  return t.type === 'list' ? t.items.map(value) : t.value;
}

/** The filter dict Gnocchi builds (boolean operands sorted: Gnocchi reverses them). */
function gnocchiDict(n: FilterNode): unknown {
  switch (n.type) {
    case 'all':
      return {};
    case 'condition':
      return { [n.op.value]: { [String(value(n.attr))]: value(n.value) } };
    case 'not':
      return { not: gnocchiDict(n.operand) };
    case 'bool':
      return { [n.op.value]: n.args.map(gnocchiDict) };
  }
}

function normalize(d: unknown): unknown {
  if (Array.isArray(d)) {
    return d.map(normalize);
  }
  if (d && typeof d === 'object') {
    return Object.fromEntries(
      Object.entries(d).map(([k, v]) => [
        k,
        ['and', 'or', '∧', '∨'].includes(k) && Array.isArray(v)
          ? v.map(normalize).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
          : normalize(v),
      ])
    );
  }
  return d;
}

describe('searches: same verdict and same filter as Gnocchi 4.4.2', () => {
  const cases = CASES.filter((c) => c.language === 'search');
  it.each(cases.map((c) => [c.text, c]))('%s', (_t, c) => {
    const mine = parseSearch(c.text);
    if (c.ok && mine.error) {
      // Stricter on purpose: pyparsing reads `notes` as `not es`, `nonexistent` as `none` + junk.
      expect(mine.error.message).toMatch(/^Gnocchi reads /);
    } else if (c.ok) {
      expect(normalize(gnocchiDict(mine.tree!.root))).toEqual(normalize(c.dict));
    } else {
      expect(mine.error).toBeDefined();
    }
  });
});

describe('operations: same verdict as Gnocchi 4.4.2', () => {
  const cases = CASES.filter((c) => c.language === 'operations');
  it.each(cases.map((c) => [c.text, c]))('%s', (_t, c) => {
    const mine = parseOperations(c.text);
    if (c.ok && mine.error) {
      // Stricter on purpose: Gnocchi's schema takes any string as a metric's aggregation method (the
      // request then fails with 404), and keeps quotes inside names of the string form.
      expect(mine.error.message).toMatch(
        /^Unknown aggregation method .* for metric |keeps the quotes|Unterminated quote/
      );
    } else if (c.ok) {
    } else {
      expect(mine.error).toBeDefined();
    }
  });
});
