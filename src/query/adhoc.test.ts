import type { AdHocVariableFilter } from '@grafana/data';

import type { GnocchiQuery } from '../types';
import { addFilter, andIntoSearch, applyAdhocFilters, clauseToString, filterClause, hasTopLevelOr } from './adhoc';

const f = (key: string, operator: string, value: string, values?: string[]): AdHocVariableFilter => ({
  key,
  operator,
  value,
  values,
});
const q = (resource_search?: string, queryMode: GnocchiQuery['queryMode'] = 'resource_search'): GnocchiQuery => ({
  refId: 'A',
  queryMode,
  resource_type: 'instance',
  resource_search,
});

describe('ad hoc filters → Gnocchi clauses', () => {
  it('every supported operator', () => {
    expect(filterClause(f('host', '=', 'a'))).toEqual({ '=': { host: 'a' } });
    expect(filterClause(f('host', '!=', 'a'))).toEqual({ '!=': { host: 'a' } });
    expect(filterClause(f('vcpus', '>=', '2'))).toEqual({ '>=': { vcpus: '2' } });
    expect(filterClause(f('host', '=|', 'a', ['a', 'b']))).toEqual({ in: { host: ['a', 'b'] } });
    expect(filterClause(f('host', '!=|', 'a', ['a', 'b']))).toEqual({ not: { in: { host: ['a', 'b'] } } });
  });

  it('regular expressions and hostile keys are readable errors', () => {
    expect(() => filterClause(f('host', '=~', 'c.*'))).toThrow(/Ad hoc filter on host: Gnocchi has no operator =~/);
    for (const key of ["host = 'x' or id", 'host)', 'or', '']) {
      expect(() => filterClause(f(key, '=', 'a'))).toThrow(/is not a resource attribute name/);
    }
  });
});

describe('folding into a search', () => {
  it('no search: the clauses alone, as JSON', () => {
    expect(andIntoSearch('', [{ '=': { host: 'a' } }])).toBe('{"=":{"host":"a"}}');
    expect(JSON.parse(andIntoSearch(undefined, [{ '=': { a: 1 } }, { '=': { b: 2 } }]))).toEqual({
      and: [{ '=': { a: 1 } }, { '=': { b: 2 } }],
    });
  });

  it('a JSON search: {"and": [search, ...]}; a hostile value stays one JSON string', () => {
    const hostile = '"}, {"=": {"project_id": "x"}}, {"or": [{"';
    const out = andIntoSearch('{"=": {"flavor": "m1"}}', [filterClause(f('host', '=', hostile))]);
    expect(JSON.parse(out)).toEqual({ and: [{ '=': { flavor: 'm1' } }, { '=': { host: hostile } }] });
  });

  it('a string search: `search and clause`, parentheses only where precedence needs them', () => {
    expect(andIntoSearch("flavor = 'm1'", [filterClause(f('host', '=', 'a'))])).toBe("flavor = 'm1' and host = 'a'");
    expect(andIntoSearch("flavor = 'm1' or flavor = 'm2'", [filterClause(f('host', '=', 'a'))])).toBe(
      "(flavor = 'm1' or flavor = 'm2') and host = 'a'"
    );
    expect(andIntoSearch("(a = 'x' or b = 'y') and c = 'z'", [{ not: { in: { host: ['a', 'b'] } } }])).toBe(
      "(a = 'x' or b = 'y') and c = 'z' and not host in ['a', 'b']"
    );
    expect(clauseToString({ and: [{ '=': { a: 1 } }, { or: [{ '=': { b: null } }, { '>=': { c: 'x' } }] }] })).toBe(
      "a = 1 and (b = null or c >= 'x')"
    );
  });

  it('a hostile value in a string search cannot leave its literal; one no literal can hold is an error', () => {
    expect(andIntoSearch("flavor = 'm1'", [filterClause(f('host', '=', "x' or host != 'y"))])).toBe(
      `flavor = 'm1' and host = "x' or host != 'y"`
    );
    expect(() => andIntoSearch("flavor = 'm1'", [filterClause(f('host', '=', `a' or "b`))])).toThrow(/both ' and "/);
    expect(() => andIntoSearch("flavor = 'm1'", [filterClause(f('host', '=', 'a\nb'))])).toThrow(/line break/);
  });

  it('finds a top-level or outside quotes and parentheses only', () => {
    expect(hasTopLevelOr("a = 'x or y'")).toBe(false);
    expect(hasTopLevelOr('(a = 1 or b = 2) and c = 3')).toBe(false);
    expect(hasTopLevelOr('color = 1 and floor = 2')).toBe(false);
    expect(hasTopLevelOr('a = 1 or b = 2')).toBe(true);
    expect(hasTopLevelOr('a = 1 ∨ b = 2')).toBe(true);
  });
});

describe('applyAdhocFilters', () => {
  it('narrows every query that has a search, leaves the others (and no filters) as they are', () => {
    const same = q("a = 'x'");
    expect(applyAdhocFilters(same, [])).toBe(same);
    expect(applyAdhocFilters(same, undefined)).toBe(same);
    const byId: GnocchiQuery = { refId: 'A', queryMode: 'resource', resource_id: 'r' };
    expect(applyAdhocFilters(byId, [f('host', '=', 'a')])).toBe(byId);
    expect(applyAdhocFilters(q(undefined, 'dynamic_aggregates'), [f('host', '=', 'a')]).resource_search).toBe(
      '{"=":{"host":"a"}}'
    );
    // dynamic aggregates over metric ids alone (no search, no groupby) read no resources
    const ids = { ...q('', 'dynamic_aggregates'), operations: '(metric 2d1d8e0e-8f3b-4a5e-9c2f-0a7f6c1f9e10 mean)' };
    expect(applyAdhocFilters(ids, [f('host', '=', 'a')])).toBe(ids);
  });
});

describe('Explore: filter for / filter out', () => {
  it('adds attr = value / attr != value to the search', () => {
    expect(addFilter(q("a = 'x'"), 'host', "o'neil", false).resource_search).toBe(`a = 'x' and host = "o'neil"`);
    expect(addFilter(q(''), 'host', 'c1', true).resource_search).toBe('{"!=":{"host":"c1"}}');
  });
});
