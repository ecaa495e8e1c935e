import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { ConfigEditor } from './ConfigEditor';
import { QueryEditor } from './QueryEditor';

describe('QueryEditor', () => {
  it('shows the fields of the query mode and reports changes with the old field names', () => {
    const onChange = jest.fn();
    const onRunQuery = jest.fn();
    render(
      <QueryEditor
        query={{ refId: 'A', queryMode: 'dynamic_aggregates', operations: '(metric cpu mean)' }}
        onChange={onChange}
        onRunQuery={onRunQuery}
        datasource={{} as any}
      />
    );
    const ops = screen.getByDisplayValue('(metric cpu mean)');
    fireEvent.change(ops, { target: { value: '(aggregate mean (metric cpu mean))' } });
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        refId: 'A',
        queryMode: 'dynamic_aggregates',
        operations: '(aggregate mean (metric cpu mean))',
      })
    );
    expect(document.querySelector('#gnocchi-query-groupby')).not.toBeNull();
    expect(document.querySelector('#gnocchi-query-metric_id')).toBeNull();
  });
});

describe('ConfigEditor', () => {
  const base = {
    id: 1,
    uid: 'x',
    orgId: 1,
    name: 'Gnocchi',
    type: 'gnocchixyz-gnocchi-datasource',
    typeName: '',
    typeLogoUrl: '',
    access: 'direct',
    url: 'http://keystone:5000',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    secureJsonFields: {},
    jsonData: { mode: 'keystone' },
  } as any;

  it('browser mode keeps the password where the browser can read it, and derives the /v3 URL', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={base} onOptionsChange={onOptionsChange} />);
    fireEvent.change(document.querySelector('#gnocchi-password')!, { target: { value: 's3cret' } });
    const next = onOptionsChange.mock.calls.at(-1)[0];
    expect(next.jsonData.password).toBe('s3cret');
    expect(next.secureJsonData).toBeUndefined();
    expect(next.jsonData.keystoneUrl).toBe('http://keystone:5000/v3');
  });

  it('server mode keeps secrets in secureJsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={{ ...base, access: 'proxy' }} onOptionsChange={onOptionsChange} />);
    fireEvent.change(document.querySelector('#gnocchi-password')!, { target: { value: 's3cret' } });
    const next = onOptionsChange.mock.calls.at(-1)[0];
    expect(next.secureJsonData.password).toBe('s3cret');
    expect(next.jsonData.password).toBeUndefined();
  });
});
