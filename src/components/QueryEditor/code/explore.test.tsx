/** In Explore (app "explore", no panel, no dashboard variables) the code view works as in a panel. */
import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { CoreApp } from '@grafana/data';

import type { GnocchiQuery } from '../../../types';
import { selectors } from '../../selectors';
import { QueryEditor } from '../index';

const S = selectors.queryEditor;

it('Explore: the code fields render, commit on blur and run', async () => {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const query: GnocchiQuery = {
    refId: 'A',
    queryMode: 'dynamic_aggregates',
    editorMode: 'code',
    resource_type: 'instance',
    operations: '(aggregate mean (metric cpu rate:mean))',
  };
  render(
    <QueryEditor
      app={CoreApp.Explore}
      query={Object.freeze(query)}
      onChange={onChange}
      onRunQuery={onRunQuery}
      datasource={{ lookups: undefined } as never}
    />
  );
  const ops = await screen.findByLabelText(S.operations);
  expect(await screen.findByLabelText(S.search)).toBeInTheDocument();
  fireEvent.change(ops, { target: { value: '(aggregate max (metric cpu rate:mean))' } });
  fireEvent.blur(ops);
  expect(onChange).toHaveBeenCalledWith({ ...query, operations: '(aggregate max (metric cpu rate:mean))' });
  expect(onRunQuery).toHaveBeenCalledTimes(1);
});
