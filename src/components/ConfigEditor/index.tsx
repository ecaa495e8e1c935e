import React, { ChangeEvent } from 'react';
import { Alert, Combobox, ComboboxOption, Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { keystoneV3Url } from '../../auth/keystone';
import { AuthMode, EndpointInterface, GnocchiOptions, GnocchiSecureJsonData } from '../../types';
import { selectors } from '../selectors';
import { switchAccess } from './access';

const S = selectors.configEditor;

type Props = DataSourcePluginOptionsEditorProps<GnocchiOptions, GnocchiSecureJsonData>;

const AUTH_MODES: Array<ComboboxOption<AuthMode>> = [
  { value: 'keystone', label: 'Keystone password' },
  { value: 'application_credential', label: 'Keystone application credential' },
  { value: 'token', label: 'Static token' },
  { value: 'basic', label: 'Gnocchi basic auth' },
  { value: 'noauth', label: 'No authentication' },
];

const ACCESS: Array<SelectableValue<string>> = [
  { value: 'direct', label: 'Browser', description: 'The browser calls Keystone and Gnocchi (CORS needed)' },
  { value: 'proxy', label: 'Server', description: "Through Grafana's data source proxy; secrets stay on the server" },
];

const INTERFACES: Array<ComboboxOption<EndpointInterface>> = ['public', 'internal', 'admin'].map((v) => ({
  value: v as EndpointInterface,
  label: v,
}));

type SecretKey = keyof GnocchiSecureJsonData;

/**
 * Derived settings for the server-mode proxy routes (plugin.json): the /v3 Keystone base, and in the
 * modes where the data source URL is Gnocchi's (token, basic, none), that URL as `endpoint`, which
 * the Gnocchi routes use.
 */
export function withDerived(o: Props['options']): Props['options'] {
  let keystoneUrl: string | undefined;
  try {
    keystoneUrl = o.url ? keystoneV3Url(o.url) : undefined;
  } catch {
    keystoneUrl = undefined;
  }
  const mode = o.jsonData.mode ?? 'keystone';
  const gnocchiIsUrl = mode !== 'keystone' && mode !== 'application_credential';
  const endpoint = gnocchiIsUrl ? o.url?.trim() || undefined : o.jsonData.endpoint;
  if (keystoneUrl === o.jsonData.keystoneUrl && endpoint === o.jsonData.endpoint) {
    return o;
  }
  return { ...o, jsonData: { ...o.jsonData, keystoneUrl, endpoint } };
}

export function ConfigEditor({ options, onOptionsChange: emit }: Props) {
  const onOptionsChange = (o: Props['options']) => emit(withDerived(o));
  const jsonData = options.jsonData;
  const mode: AuthMode = jsonData.mode ?? 'keystone';
  const browser = options.access !== 'proxy';
  const keystone = mode === 'keystone' || mode === 'application_credential';

  const setJson = (patch: Partial<GnocchiOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const text = (key: keyof GnocchiOptions) => (e: ChangeEvent<HTMLInputElement>) =>
    setJson({ [key]: e.currentTarget.value } as Partial<GnocchiOptions>);

  /** A text setting of jsonData. */
  const textField = (key: keyof GnocchiOptions, id: string, label: string, description?: string) => (
    <Field label={label} description={description}>
      <Input
        id={`gnocchi-${id}`}
        aria-label={label}
        value={(jsonData[key] as string) ?? ''}
        width={40}
        onChange={text(key)}
      />
    </Field>
  );

  /** A secret: in jsonData in browser mode (the browser needs it), in secureJsonData in server mode. */
  const secret = (key: SecretKey, label: string, description?: string) =>
    browser ? (
      <Field label={label} description={description}>
        <Input
          id={`gnocchi-${key}`}
          aria-label={label}
          type="password"
          value={(jsonData[key] as string) ?? ''}
          onChange={text(key)}
          width={40}
        />
      </Field>
    ) : (
      <Field label={label} description={description}>
        <SecretInput
          id={`gnocchi-${key}`}
          aria-label={label}
          isConfigured={!!options.secureJsonFields?.[key]}
          value={options.secureJsonData?.[key] ?? ''}
          width={40}
          onChange={(e) =>
            onOptionsChange({
              ...options,
              secureJsonData: { ...options.secureJsonData, [key]: e.currentTarget.value },
            })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...options.secureJsonFields, [key]: false },
              secureJsonData: { ...options.secureJsonData, [key]: '' },
            })
          }
        />
      </Field>
    );

  return (
    <>
      <FieldSet label="Connection">
        <Field label="Access">
          <RadioButtonGroup
            options={ACCESS}
            value={browser ? 'direct' : 'proxy'}
            onChange={(v) => onOptionsChange(switchAccess(options, v === 'proxy' ? 'proxy' : 'direct'))}
          />
        </Field>
        <Field label={S.authMode}>
          <Combobox
            id="gnocchi-auth-mode"
            aria-label={S.authMode}
            options={AUTH_MODES}
            value={mode}
            width={40}
            onChange={(v) => setJson({ mode: v.value })}
          />
        </Field>
        <Field
          label={keystone ? S.keystoneUrl : S.gnocchiUrl}
          description={keystone ? 'With or without /v3, e.g. http://keystone:5000/v3' : 'e.g. http://gnocchi:8041'}
        >
          <Input
            id="gnocchi-url"
            aria-label={keystone ? S.keystoneUrl : S.gnocchiUrl}
            value={options.url}
            width={60}
            onChange={(e) => onOptionsChange({ ...options, url: e.currentTarget.value })}
          />
        </Field>
        {keystone && (
          <Field
            label={S.gnocchiUrl}
            description={
              browser
                ? "Optional: overrides the 'metric' endpoint of the Keystone catalog"
                : 'Required in server mode (the proxy cannot follow the catalog)'
            }
          >
            <Input
              id="gnocchi-endpoint"
              aria-label={S.gnocchiUrl}
              value={jsonData.endpoint ?? ''}
              width={60}
              onChange={text('endpoint')}
            />
          </Field>
        )}
        {keystone && (
          <Field label="Catalog interface and region">
            <>
              <Combobox
                id="gnocchi-interface"
                options={INTERFACES}
                value={jsonData.interface ?? 'public'}
                width={20}
                onChange={(v) => setJson({ interface: v.value })}
              />
              <Input
                id="gnocchi-region"
                placeholder="any region"
                value={jsonData.region ?? ''}
                width={20}
                onChange={text('region')}
              />
            </>
          </Field>
        )}
      </FieldSet>

      {mode === 'keystone' && (
        <FieldSet label="Keystone password">
          {textField('username', 'username', S.username)}
          {browser && textField('userId', 'user-id', 'User id', 'Instead of the user name')}
          {textField('domain', 'domain', S.userDomainId, 'default: default')}
          {browser &&
            textField('userDomainName', 'user-domain-name', 'User domain name', 'Instead of the user domain id')}
          {secret('password', S.password)}
          {textField('project', 'project', S.project)}
          {browser && textField('projectId', 'project-id', 'Project id', 'Instead of the project name')}
          {textField('projectDomainId', 'project-domain', S.projectDomainId, 'default: the user domain id')}
          {browser &&
            textField(
              'projectDomainName',
              'project-domain-name',
              'Project domain name',
              'Instead of the project domain id'
            )}
        </FieldSet>
      )}

      {mode === 'application_credential' && (
        <FieldSet label="Application credential">
          {textField(
            'appCredentialId',
            'appcred-id',
            S.appCredentialId,
            browser ? 'Or give its name and owner below' : 'Server mode: by id'
          )}
          {browser && textField('appCredentialName', 'appcred-name', 'Credential name')}
          {browser && textField('username', 'appcred-user', 'Owner user name')}
          {secret('appCredentialSecret', 'Secret')}
        </FieldSet>
      )}

      {mode === 'token' && <FieldSet label="Static token">{secret('token', 'Token')}</FieldSet>}

      {mode === 'basic' && (
        <FieldSet label="Gnocchi basic auth">
          {textField('username', 'basic-user', 'User name', "Gnocchi's basic mode ignores the password")}
        </FieldSet>
      )}

      {browser && keystone && (
        <Alert severity="info" title="Browser access">
          The browser authenticates to Keystone and calls Gnocchi directly, so the credential above reaches every viewer
          of this data source: prefer an application credential with a reader role. Keystone and Gnocchi must allow this
          Grafana origin in their [cors] sections, and Keystone must expose X-Subject-Token.
        </Alert>
      )}
    </>
  );
}
