/**
 * Authentication: the mode and only the fields it needs; ids and domains are in the advanced
 * section. In server access, values copied into the JSON body of a Keystone proxy route are
 * checked as they are typed (a `"` or `\` would break that body).
 */
import React from 'react';
import { Combobox, ComboboxOption, Field } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';

import type { AuthMode } from '../../types';
import { selectors } from '../selectors';
import { authMode, isServer, SectionProps, SecretField, TextField, withJson } from './fields';
import { routeBodyError, tokenError } from './validation';

const S = selectors.configEditor;

const AUTH_MODES: Array<ComboboxOption<AuthMode>> = [
  { value: 'keystone', label: 'Keystone password' },
  { value: 'application_credential', label: 'Keystone application credential' },
  { value: 'token', label: 'Static token' },
  { value: 'basic', label: 'Gnocchi basic auth' },
  { value: 'noauth', label: 'No authentication' },
];

const DESCRIPTIONS: Record<AuthMode, string> = {
  keystone: 'A Keystone user and project; the plugin renews its token before it expires.',
  application_credential:
    'Recommended: a Keystone application credential, ideally with a reader role on one project (it carries its own project).',
  token: 'A Keystone token sent as X-Auth-Token. It expires (usually within a day): prefer an application credential.',
  basic: "Gnocchi's auth_mode = basic: a user name, no password.",
  noauth: "Gnocchi's auth_mode = noauth, or a Gnocchi behind your own proxy: no authentication header is sent.",
};

export function AuthSection(props: SectionProps) {
  const { options, onOptionsChange } = props;
  const mode = authMode(options);
  const server = isServer(options);
  // server access: Grafana copies these into the JSON body of a Keystone route, unescaped
  const body = (what: string) => (value: string | undefined) => (server ? routeBodyError(value, what) : undefined);
  const jd = options.jsonData;

  return (
    <ConfigSection title="Authentication" description={DESCRIPTIONS[mode]}>
      <Field label={S.authMode}>
        <Combobox
          id="gnocchi-auth-mode"
          aria-label={S.authMode}
          options={AUTH_MODES}
          value={mode}
          width={40}
          onChange={(v) => onOptionsChange(withJson(options, { mode: v.value }))}
        />
      </Field>

      {mode === 'keystone' && (
        <>
          <TextField
            {...props}
            name="username"
            label={S.username}
            required={!jd.userId}
            error={body('The user name')(jd.username)}
          />
          <SecretField {...props} name="password" label={S.password} required check={body('The password')} />
          <TextField
            {...props}
            name="project"
            label={S.project}
            description="The project whose metrics are read"
            required={!jd.projectId}
            error={body('The project name')(jd.project)}
          />
        </>
      )}

      {mode === 'application_credential' && (
        <>
          <TextField
            {...props}
            name="appCredentialId"
            label={S.appCredentialId}
            description={
              server
                ? 'Server access: by id (openstack application credential show -c id)'
                : 'Or give its name and owner under Advanced settings'
            }
            required={server || !jd.appCredentialName}
            error={body('The credential id')(jd.appCredentialId)}
          />
          <SecretField
            {...props}
            name="appCredentialSecret"
            label={S.appCredentialSecret}
            required
            check={body('The secret')}
          />
        </>
      )}

      {mode === 'token' && (
        <SecretField {...props} name="token" label={S.token} required check={(v) => tokenError(v, server)} />
      )}

      {mode === 'basic' && (
        <TextField
          {...props}
          name="username"
          label={S.username}
          description="Gnocchi's basic mode takes the user name only (or write it into the URL: http://user@gnocchi:8041)"
        />
      )}
    </ConfigSection>
  );
}
