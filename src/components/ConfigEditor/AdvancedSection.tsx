/**
 * Advanced settings: Keystone ids and domains (collapsed unless one is set; empty means the
 * domain `default`), the catalog interface and region (browser access: server access does not
 * read the catalog), and the request timeout.
 */
import React, { useState } from 'react';
import { Combobox, ComboboxOption, Field, Input, Stack } from '@grafana/ui';
import { ConfigSection, ConfigSubSection } from '@grafana/plugin-ui';

import { DEFAULT_TIMEOUT_S } from '../../auth/connection';
import type { EndpointInterface, GnocchiOptions } from '../../types';
import { selectors } from '../selectors';
import { authMode, isKeystone, isServer, SectionProps, Settings, TextField, withJson } from './fields';
import { routeBodyError, timeoutError } from './validation';

const S = selectors.configEditor;

const INTERFACES: Array<ComboboxOption<EndpointInterface>> = ['public', 'internal', 'admin'].map((v) => ({
  value: v as EndpointInterface,
  label: v,
}));

/** Whether an id or domain other than the defaults is set: then the sub-section starts open. */
export function hasIdsOrDomains(jd: GnocchiOptions): boolean {
  const set = [jd.userId, jd.userDomainName, jd.projectId, jd.projectDomainId, jd.projectDomainName];
  return set.some((v) => !!v) || (!!jd.domain && jd.domain !== 'default') || !!jd.appCredentialName;
}

function IdsAndDomains(props: SectionProps) {
  const { options } = props;
  const jd = options.jsonData;
  const server = isServer(options);
  const body = (what: string, value: string | undefined) => (server ? routeBodyError(value, what) : undefined);
  const userDomain = (
    <TextField
      {...props}
      name="domain"
      label={S.userDomainId}
      placeholder="default"
      description="Empty: default"
      error={body('The user domain id', jd.domain)}
    />
  );
  if (authMode(options) === 'application_credential') {
    return (
      <>
        <TextField
          {...props}
          name="appCredentialName"
          label={S.appCredentialName}
          description="Instead of the credential id: its name and the user who owns it"
        />
        <TextField {...props} name="username" label={S.appCredentialOwner} />
        {userDomain}
      </>
    );
  }
  return (
    <>
      {!server && <TextField {...props} name="userId" label={S.userId} description="Instead of the user name" />}
      {userDomain}
      {!server && (
        <TextField
          {...props}
          name="userDomainName"
          label={S.userDomainName}
          description="Instead of the user domain id"
        />
      )}
      {!server && (
        <TextField {...props} name="projectId" label={S.projectId} description="Instead of the project name" />
      )}
      <TextField
        {...props}
        name="projectDomainId"
        label={S.projectDomainId}
        placeholder={jd.domain || 'default'}
        description="Empty: the user domain id"
        error={body('The project domain id', jd.projectDomainId)}
      />
      {!server && (
        <TextField
          {...props}
          name="projectDomainName"
          label={S.projectDomainName}
          description="Instead of the project domain id"
        />
      )}
    </>
  );
}

function Timeout({ options, onOptionsChange }: SectionProps) {
  const [text, setText] = useState(options.jsonData.timeout === undefined ? '' : String(options.jsonData.timeout));
  const error = timeoutError(text);
  const onChange = (value: string) => {
    setText(value);
    const jsonData: Settings['jsonData'] = { ...options.jsonData };
    if (!value.trim()) {
      delete jsonData.timeout;
    } else {
      // an invalid text is kept as typed, so that Save & test reports it too (timeoutSeconds reads strings)
      jsonData.timeout = timeoutError(value) ? (value as unknown as number) : Number(value);
    }
    onOptionsChange({ ...options, jsonData });
  };
  return (
    <Field label={S.timeout} description={`Per request; empty: ${DEFAULT_TIMEOUT_S}`} invalid={!!error} error={error}>
      <Input
        id="gnocchi-timeout"
        aria-label={S.timeout}
        placeholder={String(DEFAULT_TIMEOUT_S)}
        value={text}
        width={20}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

export function AdvancedSection(props: SectionProps) {
  const { options, onOptionsChange } = props;
  const mode = authMode(options);
  const server = isServer(options);
  const keystone = isKeystone(mode);
  const ids = keystone && !(server && mode === 'application_credential');

  return (
    <ConfigSection title="Advanced settings" description="Defaults suit most clouds.">
      <Stack direction="column" gap={3}>
        {ids && (
          <ConfigSubSection
            title={S.idsAndDomains}
            description="Users and projects are in the domain default unless set here."
            isCollapsible
            isInitiallyOpen={hasIdsOrDomains(options.jsonData)}
          >
            <IdsAndDomains {...props} />
          </ConfigSubSection>
        )}
        {keystone && !server && (
          <ConfigSubSection title="Keystone catalog" description="Where to find Gnocchi when its URL is not given.">
            <Field label={S.catalogInterface}>
              <Combobox
                id="gnocchi-interface"
                aria-label={S.catalogInterface}
                options={INTERFACES}
                value={options.jsonData.interface ?? 'public'}
                width={20}
                onChange={(v) => onOptionsChange(withJson(options, { interface: v.value }))}
              />
            </Field>
            <TextField {...props} name="region" label={S.region} placeholder="any region" width={20} />
          </ConfigSubSection>
        )}
        <ConfigSubSection title="Requests">
          <Timeout {...props} />
        </ConfigSubSection>
      </Stack>
    </ConfigSection>
  );
}
