/**
 * What Gnocchi's _ResourceSearchSchema requires of a condition, for both forms: a string attribute,
 * one scalar for comparisons and `like` (not on `id`), a non-empty list of scalars for `in`.
 * A variable stands for what its format gives: a value, or a list for a multi-value variable.
 */
import { fail, isVariable, show, Word } from '../common';
import type { Term } from './tree';

function isVariableTerm(t: Term): boolean {
  return t.type === 'variable' || (t.type === 'string' && isVariable(String(t.value)));
}

export function checkCondition(attr: Term, op: Word, value: Term): void {
  if (attr.type !== 'ident' && attr.type !== 'string' && attr.type !== 'variable') {
    fail(
      `Expected an attribute name before ${op.value}, found ${show(attr.type === 'list' ? '[...]' : attr.raw)}`,
      attr.from,
      attr.to
    );
  }
  if (op.value === 'like' && attr.type !== 'variable' && attr.value === 'id') {
    fail('"like" is not allowed on id (Gnocchi compares ids exactly): use = or in', attr.from, attr.to);
  }
  if (attr.type !== 'variable' && attr.value === 'id') {
    const values = value.type === 'list' ? value.items : [value];
    const bad = values.find((v) => !['string', 'ident', 'uuid', 'variable'].includes(v.type));
    if (bad) {
      // Gnocchi converts ids with ResourceUUID, which fails (HTTP 500) on a number, null or boolean.
      fail('Expected a resource id (a UUID or an original id, in quotes) for id', bad.from, bad.to);
    }
  }
  if (op.value === 'in') {
    if (value.type !== 'list' && !isVariableTerm(value)) {
      fail(`"in" takes a list: ${String(attributeText(attr))} in ['a', 'b']`, value.from, value.to);
    }
    if (value.type === 'list') {
      if (!value.items.length) {
        fail('"in" needs at least one value in its list', value.from, value.to);
      }
      const nested = value.items.find((i) => i.type === 'list');
      if (nested) {
        fail('Expected a value in the list, found a list', nested.from, nested.to);
      }
    }
    return;
  }
  if (value.type === 'list') {
    fail(`"${op.value}" takes one value; for several use in [...]`, value.from, value.to);
  }
}

function attributeText(attr: Term): string {
  return attr.type === 'list' ? '[...]' : attr.type === 'string' ? String(attr.value) : attr.raw;
}
