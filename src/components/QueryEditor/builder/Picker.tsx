/**
 * The builder's pickers: a Combobox whose options come from a look-up (searched as the user types),
 * followed by the dashboard variables (`$name`); any other value can be typed. A pick is a commit;
 * a look-up that fails shows its message under the picker.
 */
import React, { useCallback, useMemo, useState } from 'react';
import { Combobox, ComboboxOption, Input, MultiCombobox } from '@grafana/ui';
import { EditorField } from '@grafana/plugin-ui';
import { getTemplateSrv } from '@grafana/runtime';

/** `$name` of every dashboard variable (none outside a dashboard). */
export function variableOptions(): string[] {
  try {
    return (getTemplateSrv()?.getVariables() ?? []).map((v) => `$${v.name}`);
  } catch {
    return [];
  }
}

const matching = (names: string[], input: string) => {
  const s = input.trim().toLowerCase();
  return names.filter((n) => n.toLowerCase().includes(s));
};

const idOf = (label: string) => `gnocchi-builder-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

function useLoader(load: (input: string) => Promise<string[]>, variables: boolean) {
  const [error, setError] = useState<string>();
  const options = useCallback(
    async (input: string): Promise<Array<ComboboxOption<string>>> => {
      let names: string[] = [];
      try {
        names = matching(await load(input), input);
        setError(undefined);
      } catch (e) {
        setError(`Could not list the options: ${e instanceof Error ? e.message : String(e)}`);
      }
      const vars = variables ? matching(variableOptions(), input) : [];
      return [
        ...names.map((value) => ({ value, label: value })),
        ...vars.map((value) => ({ value, label: value, description: 'dashboard variable' })),
      ];
    },
    [load, variables]
  );
  return { options, error };
}

export interface PickerProps {
  label: string;
  value: string;
  /** Options for the typed text (a memoized look-up: called again on each keystroke). */
  load: (input: string) => Promise<string[]>;
  onPick: (value: string) => void;
  /** The value as shown (e.g. a string literal without its quotes). */
  display?: string;
  width?: number;
  placeholder?: string;
  tooltip?: string;
  /** Offer the dashboard variables (default true). */
  variables?: boolean;
  /** Allow typed values that are not options (default true). */
  custom?: boolean;
}

export function Picker(p: PickerProps) {
  const { options, error } = useLoader(p.load, p.variables ?? true);
  const id = idOf(p.label);
  const shown = p.display ?? p.value;
  // One object per value: Grafana 12.3's Combobox (downshift) re-syncs on every new selected item.
  const value = useMemo(() => (p.value ? { value: p.value, label: shown } : null), [p.value, shown]);
  return (
    <EditorField label={p.label} htmlFor={id} tooltip={p.tooltip} invalid={Boolean(error)} error={error}>
      <Combobox
        id={id}
        aria-label={p.label}
        options={options}
        value={value}
        placeholder={p.placeholder}
        createCustomValue={p.custom ?? true}
        width={p.width ?? 25}
        onChange={(o) => {
          if (o && String(o.value) !== p.value) {
            p.onPick(String(o.value));
          }
        }}
      />
    </EditorField>
  );
}

export interface MultiPickerProps {
  label: string;
  values: string[];
  load: (input: string) => Promise<string[]>;
  onPick: (values: string[]) => void;
  placeholder?: string;
}

export function MultiPicker(p: MultiPickerProps) {
  const { options, error } = useLoader(p.load, true);
  const id = idOf(p.label);
  // Grafana 12.3's MultiCombobox takes no id: its input is named through aria-labelledby.
  return (
    <EditorField label={p.label} htmlFor={id} invalid={Boolean(error)} error={error}>
      <div>
        <span id={`${id}-label`} hidden>
          {p.label}
        </span>
        <MultiCombobox
          id={id}
          aria-labelledby={`${id}-label`}
          options={options}
          value={p.values}
          placeholder={p.placeholder}
          createCustomValue
          width="auto"
          minWidth={25}
          onChange={(opts) => p.onPick(opts.map((o) => String(o.value)))}
        />
      </div>
    </EditorField>
  );
}

/** A text input with its own draft, committed on blur or Enter (never per keystroke). */
export function BlurInput(p: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  width?: number;
  placeholder?: string;
  tooltip?: string;
}) {
  const [draft, setDraft] = useState<string>();
  const commit = () => {
    if (draft !== undefined && draft !== p.value) {
      p.onCommit(draft);
    }
    setDraft(undefined);
  };
  const id = idOf(p.label);
  return (
    <EditorField label={p.label} htmlFor={id} tooltip={p.tooltip}>
      <Input
        id={id}
        aria-label={p.label}
        value={draft ?? p.value}
        placeholder={p.placeholder}
        width={p.width ?? 20}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </EditorField>
  );
}
