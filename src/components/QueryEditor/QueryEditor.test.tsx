import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import type { GnocchiQuery } from '../../types';
import { selectors } from '../selectors';
import { QueryEditor } from './index';

const S = selectors.queryEditor;

function setup(query: GnocchiQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const frozen = Object.freeze({ ...query });
  const view = render(
    <QueryEditor query={frozen} onChange={onChange} onRunQuery={onRunQuery} datasource={{} as never} />
  );
  return { onChange, onRunQuery, frozen, view };
}

describe('QueryEditor', () => {
  it('shows the fields of the mode by their accessible labels', async () => {
    setup({ refId: 'A', queryMode: 'dynamic_aggregates', operations: '(metric cpu mean)', editorMode: 'code' });
    expect(await screen.findByLabelText(S.operations)).toHaveValue('(metric cpu mean)');
    expect(screen.getByLabelText(S.groupby)).toBeInTheDocument();
    expect(screen.queryByLabelText(S.metricId)).toBeNull();
    expect(screen.queryByLabelText(S.zeroFill)).toBeNull();
  });

  it('commits nothing while typing, then the exact query once on blur, and runs it (D3)', async () => {
    const { onChange, onRunQuery } = setup({
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      operations: '(metric cpu mean)',
      editorMode: 'code',
    });
    const ops = await screen.findByLabelText(S.operations);
    fireEvent.change(ops, { target: { value: '(aggregate mean (metric cpu mean))' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.blur(ops);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      operations: '(aggregate mean (metric cpu mean))',
      editorMode: 'code',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('a blur without a change commits nothing', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', queryMode: 'metric', metric_id: 'x', editorMode: 'code' });
    fireEvent.blur(screen.getByLabelText(S.metricId));
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('writes no default into a saved query (only the fields the user edits)', () => {
    const { onChange } = setup({
      refId: 'A',
      queryMode: 'resource',
      resource_id: 'r1',
      metric_name: 'cpu',
      editorMode: 'code',
    });
    fireEvent.change(screen.getByLabelText(S.aggregator), { target: { value: 'max' } });
    fireEvent.blur(screen.getByLabelText(S.aggregator));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryMode: 'resource',
      resource_id: 'r1',
      metric_name: 'cpu',
      editorMode: 'code',
      aggregator: 'max',
    });
  });

  it('saves a migrated 1.x query once, and never mutates the props', () => {
    const { onChange, frozen, view } = setup({ refId: 'A', metric_name: 'cpu_util', aggregator: 'none found' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', metric_name: 'cpu_util', queryMode: 'resource_search' });
    view.rerender(<QueryEditor query={frozen} onChange={onChange} onRunQuery={jest.fn()} datasource={{} as never} />);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(frozen).toEqual({ refId: 'A', metric_name: 'cpu_util', aggregator: 'none found' });
  });

  it('the zero-fill switch commits a boolean and runs', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', queryMode: 'metric', metric_id: 'x' });
    fireEvent.click(screen.getByLabelText(S.zeroFill));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryMode: 'metric',
      metric_id: 'x',
      draw_missing_datapoint_as_zero: true,
    });
    expect(onRunQuery).toHaveBeenCalled();
  });
});
