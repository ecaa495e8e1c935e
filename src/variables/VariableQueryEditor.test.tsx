import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { selectors } from '../components/selectors';
import type { GnocchiVariableQuery } from '../types';
import { VariableQueryEditor } from './VariableQueryEditor';

const S = selectors.variableEditor;

function setup(query: GnocchiVariableQuery | string) {
  const onChange = jest.fn();
  const lookups = { resourceTypes: async () => ['instance'], attributes: async () => ['id', 'host'] };
  const view = render(
    <VariableQueryEditor query={query} onChange={onChange} onRunQuery={jest.fn()} datasource={{ lookups } as never} />
  );
  return { onChange, view };
}

describe('VariableQueryEditor', () => {
  it('a saved 1.x string opens migrated, and is saved once in the new form', () => {
    const saved = "resources(instance, ${display_name}, id, host = 'a,b')";
    const { onChange, view } = setup(saved);
    expect(screen.getByLabelText(S.search)).toHaveValue("host = 'a,b'");
    expect(screen.getByLabelText(S.text)).toHaveValue('${display_name}');
    expect(screen.getByLabelText(S.kind)).toHaveValue('Resources');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ kind: 'resources', resource_type: 'instance' }));
    view.rerender(
      <VariableQueryEditor query={saved} onChange={onChange} onRunQuery={jest.fn()} datasource={{} as never} />
    );
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('a string that does not parse stays editable as a 1.x query', () => {
    setup('resources(instance)');
    expect(screen.getByLabelText(S.legacy)).toHaveValue('resources(instance)');
    expect(screen.queryByLabelText(S.search)).toBeNull();
  });

  it('shows the fields of the kind; a field commits on blur', () => {
    const { onChange } = setup({ refId: 'V', kind: 'attribute_values', resource_type: 'instance', attribute: 'host' });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.queryByLabelText(S.text)).toBeNull();
    expect(screen.getByLabelText(S.attribute)).toHaveValue('host');
    const search = screen.getByLabelText(S.search);
    fireEvent.change(search, { target: { value: 'host like $__searchFilter' } });
    fireEvent.blur(search);
    expect(onChange).toHaveBeenCalledWith({
      refId: 'V',
      kind: 'attribute_values',
      resource_type: 'instance',
      attribute: 'host',
      search: 'host like $__searchFilter',
    });
  });

  it('granularities: an optional metric id', () => {
    setup({ refId: 'V', kind: 'granularities' });
    expect(screen.getByLabelText(S.metric)).toHaveValue('');
    expect(screen.queryByLabelText(S.resourceType)).toBeNull();
  });
});
