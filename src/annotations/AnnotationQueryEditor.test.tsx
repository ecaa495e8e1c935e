import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { selectors } from '../components/selectors';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';

const S = selectors.annotationEditor;

describe('AnnotationQueryEditor', () => {
  it('shows the saved target, defaults as placeholders, and commits a lifecycle target on blur', () => {
    const onChange = jest.fn();
    render(
      <AnnotationQueryEditor
        query={{ refId: 'Anno', queryType: 'lifecycle', resource_type: 'instance' }}
        onChange={onChange}
        onRunQuery={jest.fn()}
        datasource={{} as never}
      />
    );
    expect(screen.getByLabelText(S.resourceType)).toHaveValue('instance');
    expect(screen.getByLabelText(S.title)).toHaveAttribute('placeholder', '${type} ${event}');
    expect(screen.getByLabelText(S.event)).toHaveValue('Created and deleted');
    const tags = screen.getByLabelText(S.tags);
    fireEvent.change(tags, { target: { value: 'host, flavor' } });
    fireEvent.blur(tags);
    expect(onChange).toHaveBeenCalledWith({
      refId: 'Anno',
      queryType: 'lifecycle',
      resource_type: 'instance',
      tags: 'host, flavor',
    });
  });
});
