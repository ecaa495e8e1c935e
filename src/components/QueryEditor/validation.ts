/**
 * Validation of the code fields before any request: the operations and the resource search are
 * parsed by the language parsers (src/language); the first error is shown under the field with
 * its position, and a query with an error is saved but not run.
 */
import type { LanguageError } from '../../language/common';
import { validateSearch } from '../../language/filter';
import { validateOperations } from '../../language/operations';
import type { GnocchiQuery, QueryMode } from '../../types';

export type Validator = (text: string) => LanguageError[];

/** Blank operations are an incomplete query (the run reports the missing field), not a syntax error. */
export const operationsErrors: Validator = (text) => (text.trim() ? validateOperations(text) : []);

/** A blank search is every resource. */
export const searchErrors: Validator = (text) => validateSearch(text);

const SEARCH_MODES: QueryMode[] = ['dynamic_aggregates', 'resource_search', 'resource_aggregation'];

/** The message of an error with its place: `… (line 2, column 5)`, or `(column 5)` on one line. */
export function describeError(text: string, error: LanguageError): string {
  const before = text.slice(0, error.from).split('\n');
  const column = before[before.length - 1].length + 1;
  const where = text.includes('\n') ? `line ${before.length}, column ${column}` : `column ${column}`;
  return `${error.message} (${where})`;
}

/** Can the query be sent: its code fields (those its mode uses) parse. */
export function isQueryValid(q: GnocchiQuery): boolean {
  const mode = q.queryMode ?? 'resource_search';
  if (mode === 'dynamic_aggregates' && operationsErrors(q.operations ?? '').length) {
    return false;
  }
  return !(SEARCH_MODES.includes(mode) && searchErrors(q.resource_search ?? '').length);
}
