/**
 * The building blocks of the config editor's sections: a jsonData text field and a secret field
 * (jsonData in browser access, where the browser needs it; secureJsonData with reset in server
 * access). Every input carries its label as aria-label: the browser suites find fields by it.
 */
import React from 'react';
import { Field, Input, SecretInput } from '@grafana/ui';
import type { DataSourceSettings } from '@grafana/data';

import type { AuthMode, GnocchiOptions, GnocchiSecureJsonData } from '../../types';

export type Settings = DataSourceSettings<GnocchiOptions, GnocchiSecureJsonData>;

export interface SectionProps {
  options: Settings;
  onOptionsChange: (options: Settings) => void;
}

export type SecretKey = keyof GnocchiSecureJsonData;

export const authMode = (o: Settings): AuthMode => o.jsonData.mode ?? 'keystone';
export const isKeystone = (mode: AuthMode) => mode === 'keystone' || mode === 'application_credential';
export const isServer = (o: Settings) => o.access === 'proxy';

/** A copy of the settings with jsonData patched (the props are never mutated). */
export function withJson(o: Settings, patch: Partial<GnocchiOptions>): Settings {
  return { ...o, jsonData: { ...o.jsonData, ...patch } };
}

type TextKey = {
  [K in keyof GnocchiOptions]-?: GnocchiOptions[K] extends string | undefined ? K : never;
}[keyof GnocchiOptions];

interface TextFieldProps extends SectionProps {
  name: TextKey;
  label: string;
  description?: React.ReactNode;
  placeholder?: string;
  required?: boolean;
  error?: string;
  width?: number;
}

export function TextField({ options, onOptionsChange, name, label, error, width = 40, ...field }: TextFieldProps) {
  return (
    <Field label={label} description={field.description} required={field.required} invalid={!!error} error={error}>
      <Input
        id={`gnocchi-${name}`}
        aria-label={label}
        placeholder={field.placeholder}
        value={options.jsonData[name] ?? ''}
        width={width}
        onChange={(e) => onOptionsChange(withJson(options, { [name]: e.currentTarget.value }))}
      />
    </Field>
  );
}

interface SecretFieldProps extends SectionProps {
  name: SecretKey;
  label: string;
  description?: React.ReactNode;
  required?: boolean;
  /** The check of the value typed (in server access: typed in this session, never read back from Grafana). */
  check?: (value: string | undefined) => string | undefined;
}

export function SecretField({ options, onOptionsChange, name, label, check, ...field }: SecretFieldProps) {
  const id = `gnocchi-${name}`;
  const server = isServer(options);
  const value = (server ? options.secureJsonData?.[name] : options.jsonData[name]) ?? '';
  const error = check?.(value);
  return (
    <Field label={label} description={field.description} required={field.required} invalid={!!error} error={error}>
      {server ? (
        <SecretInput
          id={id}
          aria-label={label}
          autoComplete="off"
          isConfigured={!!options.secureJsonFields?.[name]}
          value={value}
          width={40}
          onChange={(e) =>
            onOptionsChange({
              ...options,
              secureJsonData: { ...options.secureJsonData, [name]: e.currentTarget.value },
            })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...options.secureJsonFields, [name]: false },
              secureJsonData: { ...options.secureJsonData, [name]: '' },
            })
          }
        />
      ) : (
        <Input
          id={id}
          aria-label={label}
          type="password"
          autoComplete="off"
          value={value}
          width={40}
          onChange={(e) => onOptionsChange(withJson(options, { [name]: e.currentTarget.value }))}
        />
      )}
    </Field>
  );
}
