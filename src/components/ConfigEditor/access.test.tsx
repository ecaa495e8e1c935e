import { fireEvent, screen, waitFor } from '@testing-library/react';

import { switchAccess } from './access';
import { browserAccess, SERVER_ACCESS } from './ConnectionSection';
import { selectors } from '../selectors';
import { base, deepFreeze, setup, type } from './testHarness';

const C = selectors.configEditor;

// @grafana/ui's modal and Combobox render slowly in jsdom on a loaded machine
jest.setTimeout(30_000);

describe('ConfigEditor: access', () => {
  it('explains each access in one paragraph', () => {
    setup();
    expect(screen.getByText(browserAccess(true))).toBeInTheDocument();
    expect(browserAccess(false)).toMatch(/calls Gnocchi itself.*Gnocchi must allow this Grafana origin/);
    expect(browserAccess(true)).toMatch(
      /reaches every viewer.*application credential with a reader role on one project/
    );
    expect(SERVER_ACCESS).toMatch(/stay encrypted on the Grafana server.*Gnocchi URL must be given.*" or \\/);
  });

  it('browser access keeps the password where the browser can read it, and derives the /v3 URL', () => {
    const { last } = setup();
    type(C.password, 's3cret');
    expect(last().jsonData.password).toBe('s3cret');
    expect(last().secureJsonData).toBeUndefined();
    expect(last().jsonData.keystoneUrl).toBe('http://keystone:5000/v3');
  });

  it('server access keeps secrets in secureJsonData, with a reset', () => {
    const { last } = setup({ access: 'proxy', secureJsonFields: { password: true } });
    expect(screen.getByText(SERVER_ACCESS)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(last().secureJsonFields.password).toBe(false);
    type(C.password, 's3cret');
    expect(last().secureJsonData.password).toBe('s3cret');
    expect(last().jsonData.password).toBeUndefined();
  });

  it('switching Browser → Server moves every secret to secureJsonData and out of jsonData (D2)', () => {
    const browser = deepFreeze({
      ...base,
      jsonData: { mode: 'keystone', password: 'pw', token: 'tok', appCredentialSecret: 'acs', username: 'u' },
    });
    const next = switchAccess(browser, 'proxy');
    expect(next.access).toBe('proxy');
    expect(next.jsonData).toEqual({ mode: 'keystone', username: 'u' });
    expect(next.secureJsonData).toEqual({ password: 'pw', token: 'tok', appCredentialSecret: 'acs' });
  });

  it('the Access radio applies the move', () => {
    const { last } = setup({}, { password: 'pw' });
    fireEvent.click(screen.getByLabelText('Server'));
    expect(last().access).toBe('proxy');
    expect(last().jsonData.password).toBeUndefined();
    expect(last().secureJsonData.password).toBe('pw');
  });

  it('Server → Browser asks first, and does nothing when dismissed', async () => {
    const { onOptionsChange, last } = setup({ access: 'proxy', secureJsonFields: { password: true } });
    fireEvent.click(screen.getByLabelText('Browser'));
    expect(onOptionsChange).not.toHaveBeenCalled();
    expect(screen.getByText(/Grafana never gives back a secret saved on the server/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onOptionsChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByLabelText('Browser'));
    fireEvent.click(screen.getByRole('button', { name: 'Switch to browser access' }));
    await waitFor(() => expect(onOptionsChange).toHaveBeenCalled());
    expect(last().access).toBe('direct');
    expect(screen.queryByText(/Grafana never gives back/)).toBeNull();
  });

  it('Server → Browser without any secret to expose switches at once', () => {
    const { last } = setup({ access: 'proxy' }, { mode: 'noauth' });
    fireEvent.click(screen.getByLabelText('Browser'));
    expect(last().access).toBe('direct');
  });

  it('offers an old data source with its password in jsonData, in server access, the move to secure storage', () => {
    const { last } = setup({ access: 'proxy' }, { password: 'old-pw', username: 'u' });
    expect(screen.getByText(/Its password is stored in the plain settings/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: C.moveSecrets }));
    expect(last().access).toBe('proxy');
    expect(last().jsonData).not.toHaveProperty('password');
    expect(last().jsonData.username).toBe('u');
    expect(last().secureJsonData).toEqual({ password: 'old-pw' });
  });

  it('no such offer in browser access, where the browser needs the password', () => {
    setup({}, { password: 'pw' });
    expect(screen.queryByRole('button', { name: C.moveSecrets })).toBeNull();
  });
});
