/**
 * Optional steps applied in order over the (aggregated) metric: rate of change, resample,
 * rolling window, arithmetic with a constant (as Gnocchi's operations allow).
 */
import React, { useCallback } from 'react';
import { Button, Combobox, Stack } from '@grafana/ui';
import { EditorField } from '@grafana/plugin-ui';

import { AGGREGATE_METHODS } from '../../../language/operations';
import { selectors } from '../../selectors';
import { ARITHMETIC_OPERATORS, RATE_OPERATORS, Step } from './model';
import { BlurInput, Picker } from './Picker';

const S = selectors.queryEditor.builder;

const KINDS: Array<{ value: Step['kind']; label: string; description: string }> = [
  { value: 'rate', label: 'Rate of change', description: 'rateofchange: the difference between points' },
  { value: 'resample', label: 'Resample', description: 'resample <method> <granularity>' },
  { value: 'rolling', label: 'Rolling window', description: 'rolling <method> <points>' },
  { value: 'arithmetic', label: 'Arithmetic', description: '+ - * / with a constant or a variable' },
];

const NEW_STEP: Record<Step['kind'], Step> = {
  rate: { kind: 'rate', op: 'rateofchange' },
  resample: { kind: 'resample', method: 'mean', window: '' },
  rolling: { kind: 'rolling', method: 'mean', window: '' },
  arithmetic: { kind: 'arithmetic', op: '/', value: '' },
};

function StepRow({ step, n, onChange }: { step: Step; n: number; onChange: (s: Step | undefined) => void }) {
  const rates = useCallback(async () => RATE_OPERATORS, []);
  const methods = useCallback(async () => AGGREGATE_METHODS, []);
  const operators = useCallback(async () => ARITHMETIC_OPERATORS.slice(0, 5), []);
  const kind = KINDS.find((k) => k.value === step.kind)?.label ?? step.kind;
  let fields: React.ReactNode;
  switch (step.kind) {
    case 'rate':
      fields = (
        <Picker
          label={`${S.stepOperator} ${n}`}
          value={step.op}
          load={rates}
          variables={false}
          onPick={(op) => onChange({ ...step, op })}
        />
      );
      break;
    case 'arithmetic':
      fields = (
        <>
          <Picker
            label={`${S.stepOperator} ${n}`}
            value={step.op}
            load={operators}
            variables={false}
            width={8}
            onPick={(op) => onChange({ ...step, op })}
          />
          <BlurInput
            label={`${S.stepValue} ${n}`}
            value={step.value}
            placeholder="300 or $var"
            onCommit={(value) => onChange({ ...step, value })}
          />
        </>
      );
      break;
    default:
      fields = (
        <>
          <Picker
            label={`${S.stepMethod} ${n}`}
            value={step.method}
            load={methods}
            width={14}
            onPick={(method) => onChange({ ...step, method })}
          />
          <BlurInput
            label={`${S.stepValue} ${n}`}
            value={step.window}
            placeholder={step.kind === 'resample' ? 'seconds, e.g. 3600' : 'points, e.g. 3'}
            onCommit={(window) => onChange({ ...step, window })}
          />
        </>
      );
  }
  return (
    <Stack gap={1} alignItems="flex-end">
      <EditorField label={`Step ${n}`}>
        <span>{kind}</span>
      </EditorField>
      {fields}
      <Button
        aria-label={`${S.removeStep} ${n}`}
        icon="times"
        variant="secondary"
        fill="text"
        onClick={() => onChange(undefined)}
      />
    </Stack>
  );
}

export function Steps({ steps, onChange }: { steps: Step[]; onChange: (steps: Step[]) => void }) {
  const set = (i: number, s: Step | undefined) => {
    const next = [...steps];
    if (s) {
      next[i] = s;
    } else {
      next.splice(i, 1);
    }
    onChange(next);
  };
  return (
    <Stack direction="column" gap={1}>
      {steps.map((s, i) => (
        <StepRow key={i} step={s} n={i + 1} onChange={(x) => set(i, x)} />
      ))}
      <EditorField
        label={S.addStep}
        htmlFor="gnocchi-builder-add-step"
        tooltip="Applied in order, after the cross-resource aggregation"
      >
        <Combobox
          id="gnocchi-builder-add-step"
          aria-label={S.addStep}
          options={KINDS}
          value={null}
          placeholder="optional"
          width={25}
          onChange={(o) => o && onChange([...steps, NEW_STEP[o.value]])}
        />
      </EditorField>
    </Stack>
  );
}
