import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { selectors } from '../selectors';
import { HELP_EXAMPLES } from './examples';
import { QueryEditorHelp } from './QueryEditorHelp';

it('each example has a button that puts it into the query', () => {
  const onClickExample = jest.fn();
  render(
    <QueryEditorHelp
      datasource={{} as never}
      query={{ refId: 'A', queryMode: 'resource_search' }}
      onClickExample={onClickExample}
    />
  );
  for (const ex of HELP_EXAMPLES) {
    fireEvent.click(screen.getByLabelText(`${selectors.codeMode.useExample}: ${ex.title}`));
    expect(onClickExample).toHaveBeenLastCalledWith(expect.objectContaining({ refId: 'A', ...ex.query }));
  }
  expect(onClickExample).toHaveBeenCalledTimes(HELP_EXAMPLES.length);
});
