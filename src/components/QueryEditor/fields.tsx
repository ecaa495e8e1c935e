import React, { useState } from 'react';
import { InlineField, InlineSwitch, Input, TextArea } from '@grafana/ui';

import { describeError, Validator } from './validation';

export const LABEL_WIDTH = 18;

interface TextFieldProps {
  label: string;
  value: string | number | undefined;
  onCommit: (value: string) => void;
  placeholder?: string;
  tooltip?: string;
  width?: number;
  /** A multi-line text area (searches, operations). */
  multiline?: boolean;
  /** DOM id kept from earlier versions (browser specs of a real Grafana select it). */
  id?: string;
  /** Checks the text as it is typed: the first error is shown under the field. */
  validate?: Validator;
}

/**
 * A text field with its own draft: typing changes nothing outside; the value is committed (and the
 * query run) on blur, and only when it changed.
 */
export function TextField(props: TextFieldProps) {
  const { label, value, onCommit, placeholder, tooltip, width = 40, multiline, id, validate } = props;
  const saved = value === undefined || value === null ? '' : String(value);
  // undefined while not editing: the field shows the saved value (which may change from outside).
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const commit = () => {
    if (draft !== undefined && draft !== saved) {
      onCommit(draft);
    }
    setDraft(undefined);
  };
  const text = draft ?? saved;
  const [error] = validate ? validate(text) : [];
  const common = {
    id,
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    value: text,
    placeholder,
    onChange: (e: React.ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => setDraft(e.currentTarget.value),
    onBlur: commit,
  };
  return (
    <InlineField
      label={label}
      labelWidth={LABEL_WIDTH}
      tooltip={tooltip}
      invalid={Boolean(error)}
      error={error ? describeError(text, error) : undefined}
    >
      {multiline ? <TextArea {...common} rows={2} cols={60} /> : <Input {...common} width={width} />}
    </InlineField>
  );
}

interface SwitchFieldProps {
  label: string;
  value: boolean;
  onCommit: (value: boolean) => void;
  id?: string;
}

export function SwitchField({ label, value, onCommit, id }: SwitchFieldProps) {
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH}>
      <InlineSwitch id={id} aria-label={label} value={value} onChange={(e) => onCommit(e.currentTarget.checked)} />
    </InlineField>
  );
}
