import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import type { GnocchiQuery } from '../../types';
import { mounted } from '../../__mocks__/monaco/react';
import { selectors } from '../selectors';
import { TextField } from './fields';
import { MODE_FIELDS } from './modes';
import { describeError, isQueryValid } from './validation';

const S = selectors.queryEditor;

/** The fields of the query's mode, committing as the editor does: saved always, run when valid. */
function setup(query: GnocchiQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const Fields = MODE_FIELDS[query.queryMode ?? 'resource_search'];
  function Harness() {
    const [q, setQ] = useState(() => Object.freeze({ ...query }));
    const commit = (patch: Partial<GnocchiQuery>) => {
      const next = { ...q, ...patch };
      onChange(next);
      setQ(next);
      if (isQueryValid(next)) {
        onRunQuery();
      }
    };
    return (
      <>
        <Fields query={q} onCommit={commit} />
        <TextField label={S.label} value={q.label} onCommit={(label) => commit({ label })} />
      </>
    );
  }
  render(<Harness />);
  return { onChange, onRunQuery };
}

describe('code fields are validated before any request', () => {
  it('a malformed operations string shows its error with the position, is saved and not run', async () => {
    const { onChange, onRunQuery } = setup({
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      operations: '(metric cpu mean)',
    });
    const ops = await screen.findByLabelText(S.operations);
    fireEvent.change(ops, { target: { value: '(aggregate mean (metric cpu_util mean)' } });
    expect(screen.getByText('Unbalanced parentheses: this "(" is never closed (column 1)')).toBeInTheDocument();
    expect(mounted[S.operations].model.markers['gnocchi-operations']).toEqual([
      expect.objectContaining({ startColumn: 1, endColumn: 2, severity: 8 }),
    ]);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(ops);
    expect(onChange).toHaveBeenCalledWith(
      expect.objectContaining({ operations: '(aggregate mean (metric cpu_util mean)' })
    );
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('a malformed search shows its error and is not run; fixing it runs the query', async () => {
    const { onRunQuery } = setup({ refId: 'A', queryMode: 'resource_search', metric_name: 'cpu', resource_search: '' });
    const search = await screen.findByLabelText(S.search);
    fireEvent.change(search, { target: { value: "host = 'a' and\nflavor in 'x'" } });
    expect(screen.getByText(`"in" takes a list: flavor in ['a', 'b'] (line 2, column 11)`)).toBeInTheDocument();
    fireEvent.blur(search);
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.change(search, { target: { value: "host = 'a' and flavor in ['x']" } });
    expect(screen.queryByText(/takes a list/)).toBeNull();
    expect(mounted[S.search].model.markers['gnocchi-search']).toEqual([]);
    fireEvent.blur(search);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('a saved invalid query shows its error; other fields commit without running it', async () => {
    const { onChange, onRunQuery } = setup({
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      operations: '(avg (metric cpu mean))',
    });
    expect(await screen.findByText(/Unknown operation "avg".*\(column 2\)/)).toBeInTheDocument();
    const label = screen.getByLabelText(S.label);
    fireEvent.change(label, { target: { value: '$metric' } });
    fireEvent.blur(label);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('variables are accepted where names and values stand', async () => {
    setup({
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      operations: '(aggregate $agg (metric ${metric} mean))',
      resource_search: 'host in $hosts',
    });
    await screen.findByLabelText(S.operations);
    expect(mounted[S.operations].model.markers['gnocchi-operations']).toEqual([]);
    expect(mounted[S.search].model.markers['gnocchi-search']).toEqual([]);
  });
});

describe('isQueryValid', () => {
  it.each([
    [{ refId: 'A', queryMode: 'dynamic_aggregates', operations: '(metric cpu mean)' }, true],
    [{ refId: 'A', queryMode: 'dynamic_aggregates', operations: '' }, true],
    [{ refId: 'A', queryMode: 'dynamic_aggregates', operations: '(metric cpu)' }, false],
    [{ refId: 'A', queryMode: 'dynamic_aggregates', operations: '(metric cpu mean)', resource_search: 'x ==' }, false],
    [{ refId: 'A', queryMode: 'resource_aggregation', resource_search: '{"=": {}}' }, false],
    [{ refId: 'A', resource_search: "host = 'a'" }, true],
    [{ refId: 'A', queryMode: 'metric', resource_search: 'broken (', metric_id: 'x' }, true],
  ] as Array<[GnocchiQuery, boolean]>)('%j → %s', (q, ok) => {
    expect(isQueryValid(q)).toBe(ok);
  });

  it('describes positions by line and column', () => {
    expect(describeError('a\nbc d', { message: 'M', from: 4, to: 5 })).toBe('M (line 2, column 3)');
  });
});
