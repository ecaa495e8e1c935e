/** Every help example parses with the grammars and round-trips through print. */
import { withoutPositions } from '../../language/common';
import { parseSearch, printSearch } from '../../language/filter';
import { parseOperations, printOperations } from '../../language/operations';
import { exampleQuery, HELP_EXAMPLES } from './examples';

describe.each(HELP_EXAMPLES)('help example "$title"', (ex) => {
  it('operations parse and round-trip', () => {
    const parsed = parseOperations(ex.query.operations!);
    expect(parsed.error).toBeUndefined();
    const again = parseOperations(printOperations(parsed.tree!));
    expect(withoutPositions(again.tree)).toEqual(withoutPositions(parsed.tree));
  });

  it('the search (if any) parses and round-trips', () => {
    const parsed = parseSearch(ex.query.resource_search ?? '');
    expect(parsed.error).toBeUndefined();
    expect(withoutPositions(parseSearch(printSearch(parsed.tree!)).tree)).toEqual(withoutPositions(parsed.tree));
  });
});

it('an example replaces the query, keeping its refId, in the code view', () => {
  const q = exampleQuery({ refId: 'B', queryMode: 'metric', metric_id: 'x' }, HELP_EXAMPLES[2]);
  expect(q).toEqual({
    refId: 'B',
    queryMode: 'dynamic_aggregates',
    editorMode: 'code',
    resource_type: 'instance',
    operations: '(aggregate sum (metric memory.usage mean))',
    groupby: 'flavor_name',
    label: '${flavor_name}',
  });
});
