/**
 * The completion context of a code field: names from Gnocchi through the data source's memoized
 * look-ups (metric names and attributes of the query's resource type, aggregation methods, values
 * of an attribute searched on the server as they are typed) and the dashboard's variables. A
 * look-up that fails leaves its list empty: completion of the rest still works.
 */
import type { CompletionContext } from '../../../language/assist';
import { completeSearch } from '../../../language/filter';
import type { CompletionAt, LanguageName } from '../../../language/monaco';

/** The look-ups used here (`DataSource.lookups`, src/api/resources.ts). */
export interface LookupsLike {
  attributes(type: string): Promise<string[]>;
  metricNames(type: string): Promise<string[]>;
  aggregationMethods(): Promise<string[]>;
  attributeValues(type: string, attribute: string, prefix?: string): Promise<string[]>;
}

export interface ContextSources {
  lookups?: LookupsLike;
  /** The query's resource type (look-ups need one; a variable there is resolved by the caller). */
  resourceType?: string;
  /** Dashboard variable names, without `$`. */
  variables: () => string[];
}

const settle = (p: Promise<string[]> | undefined) => (p ?? Promise.resolve([])).catch((): string[] => []);

/** The word being typed at `offset` in a search: after the last space, quote, bracket or comma. */
export function typedPrefix(text: string, offset: number): string {
  const m = /[^\s'"[\](){},:]*$/.exec(text.slice(0, offset));
  return m ? m[0] : '';
}

/**
 * The context for completing `at` in a field of `language`: the operations need metric names and
 * aggregation methods, the search attributes and, when a value is being typed, the values of its
 * attribute that start with what is typed (one server search per attribute and prefix, memoized).
 */
export async function completionContext(
  sources: ContextSources,
  language: LanguageName,
  at: CompletionAt
): Promise<CompletionContext> {
  const { lookups } = sources;
  const type = (sources.resourceType ?? '').trim() || 'generic';
  const variables = sources.variables();
  if (language === 'operations') {
    const [metrics, aggregations] = await Promise.all([
      settle(lookups?.metricNames(type)),
      settle(lookups?.aggregationMethods()),
    ]);
    return { metrics, aggregations: aggregations.length ? aggregations : undefined, variables };
  }
  const attributes = await settle(lookups?.attributes(type));
  // Which attribute's values the cursor is at, if any: asked by the completion itself.
  let asked: string | undefined;
  completeSearch(at.text, at.offset, {
    attributes,
    variables,
    values: (attribute) => ((asked = attribute), []),
  });
  if (!asked || !lookups) {
    return { attributes, variables };
  }
  const attribute = asked;
  const values = await settle(lookups.attributeValues(type, attribute, typedPrefix(at.text, at.offset)));
  return { attributes, variables, values: (a) => (a === attribute ? values : []) };
}
