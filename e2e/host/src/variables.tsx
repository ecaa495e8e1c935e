/**
 * The dashboard toolbar (`data-testid="variables-bar"`): one select per custom variable
 * (`var-<name>`, multiple for multi-value ones) and the time range (`time-from`, `time-to`,
 * `time-apply`). A range is applied only when both bounds parse; otherwise its error is shown.
 */
import React, { useState } from 'react';
import { Button } from '@grafana/ui';

import { RawRange, toRange } from './timeRange';
import type { HostVariable } from '../../../src/testing/grafanaTemplateSrv';

/** The variables with `name`'s current value(s) set to `selected` (the first one for single-value). */
export function selectValues(vars: HostVariable[], name: string, selected: string[]): HostVariable[] {
  return vars.map((v) => (v.name === name ? { ...v, current: v.multi ? selected : selected[0] } : v));
}

function VariableSelect({ variable: v, onSelect }: { variable: HostVariable; onSelect: (selected: string[]) => void }) {
  return (
    <label className="var">
      <span>${v.name}</span>
      <select
        data-testid={`var-${v.name}`}
        multiple={!!v.multi}
        size={v.multi ? Math.min(v.options.length, 4) : undefined}
        value={v.current}
        onChange={(e) => onSelect(Array.from(e.currentTarget.selectedOptions).map((o) => o.value))}
      >
        {v.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

interface TimeRangeInputsProps {
  value: RawRange;
  /** why `value` could not be used (the page then shows the last 6 hours) */
  error?: string;
  onApply: (range: RawRange) => void;
}

function TimeRangeInputs({ value, error, onApply }: TimeRangeInputsProps) {
  const [draft, setDraft] = useState(value);
  const [applyError, setApplyError] = useState('');
  const apply = () => {
    try {
      toRange(draft);
    } catch (e) {
      setApplyError((e as Error).message);
      return;
    }
    setApplyError('');
    onApply(draft);
  };
  const shown = applyError || error;
  return (
    <>
      <label className="var">
        <span>From</span>
        <input
          data-testid="time-from"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
        />
      </label>
      <label className="var">
        <span>To</span>
        <input
          data-testid="time-to"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
        />
      </label>
      <Button variant="secondary" data-testid="time-apply" onClick={apply}>
        Apply time range
      </Button>
      {shown && <span style={{ color: '#ff5286' }}>{shown}</span>}
    </>
  );
}

interface VariablesBarProps {
  vars: HostVariable[];
  onVarsChange: (vars: HostVariable[]) => void;
  range: RawRange;
  rangeError?: string;
  onRangeApply: (range: RawRange) => void;
}

export function VariablesBar({ vars, onVarsChange, range, rangeError, onRangeApply }: VariablesBarProps) {
  return (
    <div className="toolbar" data-testid="variables-bar">
      {vars.map((v) => (
        <VariableSelect
          key={v.name}
          variable={v}
          onSelect={(selected) => onVarsChange(selectValues(vars, v.name, selected))}
        />
      ))}
      <TimeRangeInputs value={range} error={rangeError} onApply={onRangeApply} />
    </div>
  );
}
