/**
 * Connection: who calls Keystone and Gnocchi (the browser, or Grafana's data source proxy), and
 * their URLs. Server → Browser asks first: the secret saved on the server cannot be read back and
 * what is typed next reaches every viewer.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import { ConfirmModal, Field, Input, RadioButtonGroup, Text } from '@grafana/ui';
import { ConfigSection } from '@grafana/plugin-ui';
import type { SelectableValue } from '@grafana/data';

import { selectors } from '../selectors';
import { exposesSecret, switchAccess } from './access';
import { CorsSection } from './CorsSection';
import { authMode, isKeystone, isServer, SectionProps, TextField } from './fields';
import { gnocchiUrlError, keystoneUrlError } from './validation';

const S = selectors.configEditor;

const ACCESS: Array<SelectableValue<'direct' | 'proxy'>> = [
  { value: 'direct', label: 'Browser', description: 'The browser calls Keystone and Gnocchi (CORS needed)' },
  { value: 'proxy', label: 'Server', description: "Through Grafana's data source proxy; secrets stay on the server" },
];

/** The browser-access paragraph; in the token, basic and no-auth modes the browser calls Gnocchi only. */
export function browserAccess(keystone: boolean): string {
  const cors = keystone
    ? 'Keystone and Gnocchi must allow this Grafana origin ([cors] allowed_origin), and Keystone must expose X-Subject-Token.'
    : 'Gnocchi must allow this Grafana origin ([cors] allowed_origin).';
  return (
    "Browser: each viewer's browser calls " +
    (keystone ? 'Keystone and Gnocchi' : 'Gnocchi') +
    " itself, so the credential is stored in the data source's settings and reaches every viewer of a dashboard " +
    'that uses it. Use an application credential with a reader role on one project, not a personal password. ' +
    cors
  );
}

export const SERVER_ACCESS =
  "Server: Grafana's data source proxy calls Keystone and Gnocchi; secrets stay encrypted on the Grafana " +
  'server and no CORS setup is needed. The proxy cannot follow the Keystone catalog, so the Gnocchi URL must be ' +
  'given. Its routes copy the settings into a fixed request: user and project by name only (no ids or domain ' +
  'names), an application credential by id only, and a password or secret containing " or \\ cannot be sent ' +
  '(it would break the JSON body of the Keystone request).';

const paragraph = css({ maxWidth: '100ch', margin: '8px 0 16px' });

export function ConnectionSection(props: SectionProps) {
  const { options, onOptionsChange } = props;
  const [confirming, setConfirming] = useState(false);
  const server = isServer(options);
  const keystone = isKeystone(authMode(options));
  const urlLabel = keystone ? S.keystoneUrl : S.gnocchiUrl;
  const urlError = keystone
    ? keystoneUrlError(options.url)
    : gnocchiUrlError(options.url, false, 'The Gnocchi URL (the data source URL)');

  const onAccess = (access: 'direct' | 'proxy') => {
    if (access === 'direct' && server && exposesSecret(options)) {
      setConfirming(true);
    } else {
      onOptionsChange(switchAccess(options, access));
    }
  };

  return (
    <ConfigSection title="Connection" description="Who calls Keystone and Gnocchi, and where they are.">
      <Field label={S.access} description="Who sends the requests to Keystone and Gnocchi" noMargin>
        <RadioButtonGroup
          id="gnocchi-access"
          aria-label={S.access}
          options={ACCESS}
          value={server ? 'proxy' : 'direct'}
          onChange={onAccess}
        />
      </Field>
      <div className={paragraph}>
        <Text element="p" color="secondary" variant="bodySmall">
          {server ? SERVER_ACCESS : browserAccess(keystone)}
        </Text>
      </div>
      <Field
        label={urlLabel}
        description={keystone ? 'With or without /v3, e.g. http://keystone:5000/v3' : 'e.g. http://gnocchi:8041'}
        required
        invalid={!!urlError}
        error={urlError}
      >
        <Input
          id="gnocchi-url"
          aria-label={urlLabel}
          placeholder={keystone ? 'http://keystone:5000/v3' : 'http://gnocchi:8041'}
          value={options.url}
          width={60}
          onChange={(e) => onOptionsChange({ ...options, url: e.currentTarget.value })}
        />
      </Field>
      {keystone && (
        <TextField
          {...props}
          name="endpoint"
          label={S.gnocchiUrl}
          placeholder={server ? 'http://gnocchi:8041' : "the Keystone catalog's metric endpoint"}
          description={
            server
              ? "Required in server access (Grafana's proxy cannot follow the Keystone catalog)"
              : "Optional: overrides the 'metric' endpoint of the Keystone catalog"
          }
          required={server}
          error={gnocchiUrlError(options.jsonData.endpoint, server)}
          width={60}
        />
      )}
      {!server && <CorsSection keystone={keystone} />}
      <ConfirmModal
        isOpen={confirming}
        title="Switch to browser access?"
        body={
          <>
            <p>
              In browser access the credential is stored in the data source&apos;s settings and sent to the browser of
              every viewer: anyone who can use this data source can read it.
            </p>
            <p>
              Grafana never gives back a secret saved on the server: type the password, secret or token again after
              switching. Prefer an application credential with a reader role on one project.
            </p>
          </>
        }
        confirmText="Switch to browser access"
        onConfirm={() => {
          setConfirming(false);
          onOptionsChange(switchAccess(options, 'direct'));
        }}
        onDismiss={() => setConfirming(false)}
      />
    </ConfigSection>
  );
}
