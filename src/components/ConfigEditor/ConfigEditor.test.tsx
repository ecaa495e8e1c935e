import { screen } from '@testing-library/react';

import { withDerived } from './index';
import { selectors } from '../selectors';
import { base, expand, field, setup, type } from './testHarness';

const C = selectors.configEditor;

// @grafana/ui's modal and Combobox render slowly in jsdom on a loaded machine
jest.setTimeout(30_000);

const ALL = [
  C.gnocchiUrl,
  C.username,
  C.password,
  C.project,
  C.appCredentialId,
  C.appCredentialSecret,
  C.appCredentialName,
  C.appCredentialOwner,
  C.token,
  C.userId,
  C.userDomainId,
  C.userDomainName,
  C.projectId,
  C.projectDomainId,
  C.projectDomainName,
  C.catalogInterface,
  C.region,
];

/** The labels of the fields on screen, among those that depend on the mode. */
const shown = () => ALL.filter((l) => field(l));

describe('ConfigEditor: only the fields the chosen mode needs', () => {
  it.each([
    ['keystone', 'direct', [C.gnocchiUrl, C.username, C.password, C.project, C.catalogInterface, C.region]],
    ['keystone', 'proxy', [C.gnocchiUrl, C.username, C.password, C.project]],
    [
      'application_credential',
      'direct',
      [C.gnocchiUrl, C.appCredentialId, C.appCredentialSecret, C.catalogInterface, C.region],
    ],
    ['application_credential', 'proxy', [C.gnocchiUrl, C.appCredentialId, C.appCredentialSecret]],
    ['token', 'direct', [C.gnocchiUrl, C.token]],
    ['token', 'proxy', [C.gnocchiUrl, C.token]],
    ['basic', 'direct', [C.gnocchiUrl, C.username]],
    ['noauth', 'proxy', [C.gnocchiUrl]],
  ])('%s in %s access', (mode, access, expected) => {
    setup({ access }, { mode });
    expect(shown()).toEqual(expected);
    expect(field(C.timeout)).toBeInTheDocument();
  });

  it.each([
    [
      'keystone',
      'direct',
      [C.userId, C.userDomainId, C.userDomainName, C.projectId, C.projectDomainId, C.projectDomainName],
    ],
    ['keystone', 'proxy', [C.userDomainId, C.projectDomainId]],
    ['application_credential', 'direct', [C.appCredentialName, C.appCredentialOwner, C.userDomainId]],
  ])('ids and domains of %s in %s access, behind a collapsed sub-section', (mode, access, ids) => {
    setup({ access }, { mode });
    const before = shown();
    expand();
    expect(shown().filter((l) => !before.includes(l))).toEqual(ids);
    expect(field(C.userDomainId)).toHaveAttribute('placeholder', 'default');
  });

  it('no ids or domains for an application credential in server access (by id only)', () => {
    setup({ access: 'proxy' }, { mode: 'application_credential' });
    expect(screen.queryByText(C.idsAndDomains)).not.toBeInTheDocument();
  });

  it('the sub-section starts open when an id or a domain other than default is set', () => {
    setup({}, { domain: 'corp' });
    expect(field(C.userDomainId)).toHaveValue('corp');
  });

  it('labels the URL after the service it points to', () => {
    setup({}, { mode: 'token' });
    expect(field(C.gnocchiUrl)).toHaveAttribute('id', 'gnocchi-url');
    expect(field(C.keystoneUrl)).toBeNull();
  });
});

describe('ConfigEditor: inline validation', () => {
  const error = (text: RegExp) => expect(screen.getByText(text)).toBeInTheDocument();

  it('URL shape', () => {
    setup({ url: 'keystone:5000/v3' });
    error(/The Keystone URL "keystone:5000\/v3" is not an absolute http:\/\/ or https:\/\/ URL/);
    expect(field(C.keystoneUrl)).toHaveAttribute('aria-invalid', 'true');
  });

  it('accepts /v3 for Keystone', () => {
    setup({ url: 'http://keystone:5000/v3' });
    expect(field(C.keystoneUrl)).toHaveAttribute('aria-invalid', 'false');
  });

  it('flags a Gnocchi URL override that looks like Keystone', () => {
    setup({}, { endpoint: 'http://cloud/identity/v3' });
    error(/This looks like a Keystone URL \(path \/identity\/v3, \/identity\)/);
  });

  it('server access: the Gnocchi URL is required', () => {
    setup({ access: 'proxy' });
    error(/Required in server access: Grafana's proxy cannot follow the Keystone catalog/);
  });

  it('server access: a password with " is flagged as it is typed (the route would break)', () => {
    const { last } = setup({ access: 'proxy' });
    type(C.password, 'pa"ss');
    expect(last().secureJsonData.password).toBe('pa"ss');
    error(/The password contains a double quote, a backslash or a control character, which Grafana's proxy route/);
    expect(field(C.password)).toHaveAttribute('aria-invalid', 'true');
  });

  it.each([
    ['pa"ss', true],
    ['back\\slash', true],
    ['plain-pw', false],
  ])('server access: password %s flagged: %s', (password, flagged) => {
    setup({ access: 'proxy', secureJsonData: { password } });
    expect(!!screen.queryByText(/The password contains a double quote, a backslash/)).toBe(flagged);
  });

  it('browser access: the same password is fine (the plugin builds the JSON itself)', () => {
    setup({}, { password: 'pa"ss' });
    expect(screen.queryByText(/double quote/)).toBeNull();
  });

  it.each(['abc', '0', '-5'])('timeout %s must be a positive number', (value) => {
    const { last } = setup();
    type(C.timeout, value);
    error(/The timeout setting must be a number of seconds/);
    expect(last().jsonData.timeout).toBe(value);
  });

  it('a valid timeout is stored as a number; empty removes it', () => {
    const { last } = setup({}, { timeout: 10 });
    type(C.timeout, '45');
    expect(last().jsonData.timeout).toBe(45);
    type(C.timeout, '');
    expect(last().jsonData).not.toHaveProperty('timeout');
  });
});

describe('withDerived', () => {
  it('in token, basic and no-auth modes the URL is also the endpoint of the server-mode Gnocchi routes', () => {
    const token = withDerived({ ...base, access: 'proxy', url: 'http://gnocchi:8041', jsonData: { mode: 'token' } });
    expect(token.jsonData.endpoint).toBe('http://gnocchi:8041');
    const keystone = withDerived({ ...base, jsonData: { mode: 'keystone', endpoint: 'http://gn:8041' } });
    expect(keystone.jsonData.endpoint).toBe('http://gn:8041');
    expect(keystone.jsonData.keystoneUrl).toBe('http://keystone:5000/v3');
  });
});
