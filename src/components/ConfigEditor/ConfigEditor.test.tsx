import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { ConfigEditor, withDerived } from './index';
import { switchAccess } from './access';
import { selectors } from '../selectors';

const C = selectors.configEditor;

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

  it('switching Browser → Server moves every secret to secureJsonData and out of jsonData (D2)', () => {
    const browser = {
      ...base,
      jsonData: { mode: 'keystone', password: 'pw', token: 'tok', appCredentialSecret: 'acs', username: 'u' },
    };
    const next = switchAccess(browser, 'proxy');
    expect(next.access).toBe('proxy');
    expect(next.jsonData).toEqual({ mode: 'keystone', username: 'u' });
    expect(next.secureJsonData).toEqual({ password: 'pw', token: 'tok', appCredentialSecret: 'acs' });
    expect(browser.jsonData.password).toBe('pw'); // props not mutated
  });

  it('the Access radio applies the move', () => {
    const onOptionsChange = jest.fn();
    render(
      <ConfigEditor
        options={{ ...base, jsonData: { mode: 'keystone', password: 'pw' } }}
        onOptionsChange={onOptionsChange}
      />
    );
    fireEvent.click(screen.getByLabelText('Server'));
    const next = onOptionsChange.mock.calls.at(-1)[0];
    expect(next.jsonData.password).toBeUndefined();
    expect(next.secureJsonData.password).toBe('pw');
  });

  it('labels every field with the shared selectors (the browser suites find them by label)', () => {
    render(<ConfigEditor options={base} onOptionsChange={jest.fn()} />);
    for (const label of [
      C.authMode,
      C.keystoneUrl,
      C.gnocchiUrl,
      C.username,
      C.userDomainId,
      C.password,
      C.project,
      C.projectDomainId,
    ]) {
      expect(screen.getByLabelText(label, { exact: true })).toBeInTheDocument();
    }
  });

  it('in token, basic and no-auth modes the URL is also the endpoint of the server-mode Gnocchi routes', () => {
    const token = withDerived({ ...base, access: 'proxy', url: 'http://gnocchi:8041', jsonData: { mode: 'token' } });
    expect(token.jsonData.endpoint).toBe('http://gnocchi:8041');
    const keystone = withDerived({ ...base, jsonData: { mode: 'keystone', endpoint: 'http://gn:8041' } });
    expect(keystone.jsonData.endpoint).toBe('http://gn:8041');
    expect(keystone.jsonData.keystoneUrl).toBe('http://keystone:5000/v3');
  });
});
