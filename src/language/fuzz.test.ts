/**
 * Seeded fuzzing of both languages: random trees written with random layout in both forms parse,
 * print and parse back to the same tree, every operation's range re-parses to itself, and random
 * damage gives either a valid tree or an error inside the text (never an exception).
 */
import { withoutPositions } from './common';
import { parseSearch, printSearch } from './filter';
import { OpNode, parseOperations, printOperations } from './operations';

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20261130);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const ws = () => pick(['', ' ', '  ', '\n', '\t ']);
const sep = () => pick([' ', '  ', '\n ', ' \t']);

type Gen = string | { num: string } | Gen[];

const METRICS = ['cpu', 'memory.usage', 'disk.*', '5e3fcbe2-7aab-475d-b42c-a440aa42e5ad', 'cpu_$env', '${m}', 'rate'];
const JSON_METRICS = [...METRICS, 'my metric', '(odd)'];
const POLICY = ['mean', 'max', 'rate:mean', '95pct', 'last', '$agg'];
const AGG = ['mean', 'sum', 'rate:max', 'count', 'var', '${agg:raw}'];
const BIN = ['+', '-', '*', '/', '**', '%', 'mul', 'clip_min', '>=', '≠', 'max'];
const UN = ['abs', 'neg', 'floor', 'rateofchange', 'cos'];
const NUMS = ['1', '-2.5', '1e3', '0', '$n'];

function genOp(depth: number, json: boolean): Gen {
  const sub = (): Gen => (depth > 0 && random() < 0.6 ? genOp(depth - 1, json) : { num: pick(NUMS) });
  const metric = () => pick(json ? JSON_METRICS : METRICS);
  switch (depth > 0 ? Math.floor(random() * 8) : Math.floor(random() * 2)) {
    case 0:
      return ['metric', metric(), pick(POLICY)];
    case 1:
      return ['metric', ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => [metric(), pick(POLICY)])];
    case 2:
      return ['aggregate', pick(AGG), genOp(depth - 1, json)];
    case 3:
      return ['resample', pick(AGG), pick(['300', '5m', '1h30m', '$__interval']), genOp(depth - 1, json)];
    case 4:
      return ['rolling', pick(AGG), { num: pick(['1', '5', '$w']) }, genOp(depth - 1, json)];
    case 5:
      return [pick(UN), genOp(depth - 1, json)];
    case 6:
      return random() < 0.5 ? ['clip', genOp(depth - 1, json), sub(), sub()] : ['clip', sub(), sub()];
    default:
      return [pick(BIN), genOp(depth - 1, json), sub()];
  }
}

function writeOp(g: Gen, json: boolean): string {
  if (Array.isArray(g)) {
    return json
      ? `[${ws()}${g.map((x) => writeOp(x, true)).join(`${ws()},${ws()}`)}${ws()}]`
      : `(${ws()}${g.map((x) => writeOp(x, false)).join(sep())}${ws()})`;
  }
  if (typeof g === 'object') {
    return json && !g.num.startsWith('$') && random() < 0.7
      ? String(Number(g.num))
      : json
        ? JSON.stringify(g.num)
        : g.num;
  }
  return json ? JSON.stringify(g) : g;
}

function subOperations(n: OpNode): OpNode[] {
  const children = n.type === 'apply' ? n.args : 'operand' in n ? [n.operand] : [];
  return [n, ...children.flatMap(subOperations)].filter((x) => x.type !== 'number' && x.type !== 'variable');
}

function damage(text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  return random() < 0.5
    ? text.slice(0, at) + text.slice(at + 1)
    : text.slice(0, at) + pick(['(', ')', '[', ']', '"', "'", ',', ' ', 'x', '{', '$']) + text.slice(at);
}

function checkDamaged(text: string, parse: (t: string) => any, print: (t: any) => string) {
  const r = parse(text);
  if (r.error) {
    expect(r.error.from).toBeGreaterThanOrEqual(0);
    expect(r.error.from).toBeLessThanOrEqual(r.error.to);
    expect(r.error.to).toBeLessThanOrEqual(text.length);
    expect(r.error.message.length).toBeGreaterThan(10);
  } else {
    expect(withoutPositions(parse(print(r.tree)).tree)).toEqual(withoutPositions(r.tree));
  }
}

describe('operations fuzz', () => {
  it.each(Array.from({ length: 300 }, (_, i) => [i]))('tree %d', () => {
    const json = random() < 0.4;
    const text = writeOp(genOp(1 + Math.floor(random() * 4), json), json);
    const first = parseOperations(text);
    expect(first.error).toBeUndefined();
    const tree = first.tree!;
    expect(tree.form).toBe(json ? 'json' : 'string');
    const printed = printOperations(tree);
    expect(withoutPositions(parseOperations(printed).tree)).toEqual(withoutPositions(tree));
    for (const n of subOperations(tree.root)) {
      expect(withoutPositions(parseOperations(text.slice(n.from, n.to)).tree?.root)).toEqual(withoutPositions(n));
    }
    for (let k = 0; k < 5; k++) {
      checkDamaged(damage(text), parseOperations, printOperations);
    }
  });
});

const ATTRS = ['host', 'flavor_name', '"odd-name"', "'x y'", '$attr', 'started_at'];
const VALUES = [
  "'a'",
  '"b c"',
  '1',
  '-2.5',
  'null',
  'true',
  'False',
  'compute1',
  '$v',
  '${v:csv}',
  '5e3fcbe2-7aab-475d-b42c-a440aa42e5ad',
];
const JSON_VALUES = ['"a"', '"it\'s"', '1', '-2.5', 'null', 'true', '$v', '"$v"', '"x\\"y"'];
const OPS = ['=', '!=', '<', '<=', '>', '>=', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', '≠', '≥', '≤', 'like', 'in'];
const BOOLS = ['and', 'or', '∧', '∨'];

function genString(depth: number): string {
  const r = random();
  if (depth === 0 || r < 0.35) {
    const op = pick(OPS);
    const value =
      op === 'in'
        ? random() < 0.2
          ? '$hosts'
          : `[${ws()}${Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(VALUES)).join(`${ws()},${ws()}`)}]`
        : pick(VALUES);
    return `${pick(ATTRS)}${sep()}${op}${sep()}${value}`;
  }
  if (r < 0.5) {
    return `not${sep()}(${ws()}${genString(depth - 1)}${ws()})`;
  }
  const args = Array.from({ length: 2 + Math.floor(random() * 2) }, () => `(${ws()}${genString(depth - 1)}${ws()})`);
  return args.join(`${sep()}${pick(BOOLS)}${sep()}`);
}

function genJson(depth: number): string {
  const r = random();
  if (depth === 0 || r < 0.35) {
    const op = pick([...OPS, '==']);
    const value =
      op === 'in'
        ? `[${Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(JSON_VALUES)).join(', ')}]`
        : pick(JSON_VALUES);
    return r < 0.05 ? '{}' : `{${ws()}"${op}"${ws()}:${ws()}{"${pick(['host', 'a b', '$attr'])}": ${value}}}`;
  }
  if (r < 0.5) {
    return `{"not": ${genJson(depth - 1)}}`;
  }
  const args = Array.from({ length: 1 + Math.floor(random() * 3) }, () => genJson(depth - 1));
  return `{"${pick(BOOLS)}":${ws()}[${args.join(`,${ws()}`)}]}`;
}

describe('search fuzz', () => {
  it.each(Array.from({ length: 300 }, (_, i) => [i]))('tree %d', () => {
    const json = random() < 0.4;
    const text = json ? genJson(1 + Math.floor(random() * 3)) : genString(1 + Math.floor(random() * 3));
    const first = parseSearch(text);
    expect(first.error).toBeUndefined();
    const printed = printSearch(first.tree!);
    const again = parseSearch(printed);
    expect(again.error).toBeUndefined();
    expect(withoutPositions(again.tree!.root)).toEqual(withoutPositions(first.tree!.root));
    expect(printSearch(again.tree!)).toBe(printed);
    for (let k = 0; k < 5; k++) {
      checkDamaged(damage(text), parseSearch, printSearch);
    }
  });
});
