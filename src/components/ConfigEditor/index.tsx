/**
 * The data source settings page, in Grafana's idiom (@grafana/plugin-ui sections): connection
 * (access and URLs), authentication (only the fields of the chosen mode), advanced settings.
 * Every change goes through `withDerived`, which keeps the settings of the server-mode proxy
 * routes in step with what is typed.
 */
import React from 'react';
import { Alert, Button, Divider } from '@grafana/ui';
import { DataSourceDescription } from '@grafana/plugin-ui';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';

import { keystoneV3Url } from '../../auth/keystone';
import type { GnocchiOptions, GnocchiSecureJsonData } from '../../types';
import { selectors } from '../selectors';
import { plainSecrets, switchAccess } from './access';
import { AdvancedSection } from './AdvancedSection';
import { AuthSection } from './AuthSection';
import { ConnectionSection } from './ConnectionSection';
import type { Settings } from './fields';

type Props = DataSourcePluginOptionsEditorProps<GnocchiOptions, GnocchiSecureJsonData>;

/**
 * Derived settings for the server-mode proxy routes (plugin.json): the /v3 Keystone base, and in the
 * modes where the data source URL is Gnocchi's (token, basic, none), that URL as `endpoint`, which
 * the Gnocchi routes use.
 */
export function withDerived(o: Settings): Settings {
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

const NAMES: Record<keyof GnocchiSecureJsonData, string> = {
  password: 'password',
  token: 'token',
  appCredentialSecret: 'application credential secret',
};

/** A 1.x data source in server access keeps its password in jsonData, which every viewer can read. */
function PlainSecretAlert({ options, onOptionsChange }: { options: Settings; onOptionsChange: (o: Settings) => void }) {
  const keys = plainSecrets(options);
  if (keys.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning" title="A secret of this data source is readable by every viewer">
      <p>
        Its {keys.map((k) => NAMES[k]).join(' and ')} is stored in the plain settings (as the 1.x plugin did), which
        Grafana sends to the browser of everyone who uses the data source. In server access it belongs in Grafana&apos;s
        secure storage: move it there, then save.
      </p>
      <Button variant="primary" icon="lock" onClick={() => onOptionsChange(switchAccess(options, 'proxy'))}>
        {selectors.configEditor.moveSecrets}
      </Button>
    </Alert>
  );
}

export function ConfigEditor({ options, onOptionsChange: emit }: Props) {
  const props = { options, onOptionsChange: (o: Settings) => emit(withDerived(o)) };
  return (
    <>
      <DataSourceDescription
        dataSourceName="Gnocchi"
        docsLink="/plugins/gnocchixyz-gnocchi-datasource"
        hasRequiredFields
      />
      <Divider />
      <PlainSecretAlert {...props} />
      <ConnectionSection {...props} />
      <Divider />
      <AuthSection {...props} />
      <Divider />
      <AdvancedSection {...props} />
    </>
  );
}
