/**
 * Search conditions: attribute (from the type's schema), operator, value (values Gnocchi has,
 * searched on the server as the user types), combined with and/or; the resulting filter is shown.
 */
import React, { useCallback, useRef } from 'react';
import { Button, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import { EditorField } from '@grafana/plugin-ui';

import type { LookupApi } from '../../../api/resources';
import { selectors } from '../../selectors';
import { BuilderModel, Condition, SEARCH_OPERATORS, searchText, shownValue, valueTerm } from './model';
import { Picker } from './Picker';

const S = selectors.queryEditor.builder;

interface RowProps {
  index: number;
  condition: Condition;
  type: string;
  lookups?: LookupApi;
  onChange: (c: Condition | undefined) => void;
}

function ConditionRow({ index, condition: c, type, lookups, onChange }: RowProps) {
  const n = index + 1;
  const attributes = useCallback(async () => (lookups ? lookups.attributes(type) : []), [lookups, type]);
  // Attributes Gnocchi cannot search with `like` (uuid ones): listed once, filtered here.
  const unsearchable = useRef(new Set<string>());
  const values = useCallback(
    async (input: string) => {
      if (!lookups || !c.attr) {
        return [];
      }
      const key = `${type}:${c.attr}`;
      if (input.trim() && !unsearchable.current.has(key)) {
        try {
          return await lookups.attributeValues(type, c.attr, input.trim());
        } catch {
          unsearchable.current.add(key);
        }
      }
      return lookups.attributeValues(type, c.attr, '');
    },
    [lookups, type, c.attr]
  );
  const operators = useCallback(async () => SEARCH_OPERATORS, []);
  return (
    <Stack gap={1} alignItems="flex-end">
      <Picker
        label={`${S.conditionAttribute} ${n}`}
        value={c.attr}
        load={attributes}
        onPick={(attr) => onChange({ ...c, attr })}
        placeholder="attribute"
        width={22}
      />
      <Picker
        label={`${S.conditionOperator} ${n}`}
        value={c.op}
        load={operators}
        variables={false}
        onPick={(op) => onChange({ ...c, op })}
        width={10}
      />
      <Picker
        label={`${S.conditionValue} ${n}`}
        value={c.value}
        display={shownValue(c.value)}
        load={values}
        onPick={(v) => onChange({ ...c, value: valueTerm(v, c.op) })}
        placeholder={c.op === 'in' ? "$var or ['a', 'b']" : 'value'}
        tooltip="Values Gnocchi has for this attribute (searched as you type), a dashboard variable, or any value"
        width={30}
      />
      <Button
        aria-label={`${S.removeCondition} ${n}`}
        icon="times"
        variant="secondary"
        fill="text"
        onClick={() => onChange(undefined)}
      />
    </Stack>
  );
}

interface Props {
  model: BuilderModel;
  lookups?: LookupApi;
  onChange: (patch: Partial<BuilderModel>) => void;
}

export function Conditions({ model, lookups, onChange }: Props) {
  const set = (i: number, c: Condition | undefined) => {
    const next = [...model.conditions];
    if (c) {
      next[i] = c;
    } else {
      next.splice(i, 1);
    }
    onChange({ conditions: next });
  };
  const filter = searchText(model);
  return (
    <EditorField label={S.conditions} tooltip="Which resources: their metrics are read">
      <Stack direction="column" gap={1}>
        {model.conditions.map((c, i) => (
          <ConditionRow
            key={i}
            index={i}
            condition={c}
            type={model.resourceType}
            lookups={lookups}
            onChange={(x) => set(i, x)}
          />
        ))}
        <Stack gap={1} alignItems="center">
          <Button
            aria-label={S.addCondition}
            icon="plus"
            variant="secondary"
            size="sm"
            onClick={() => onChange({ conditions: [...model.conditions, { attr: '', op: '=', value: '' }] })}
          >
            Condition
          </Button>
          {model.conditions.length > 1 && (
            <RadioButtonGroup
              aria-label={S.combinator}
              size="sm"
              options={[
                { label: 'and', value: 'and' },
                { label: 'or', value: 'or' },
              ]}
              value={model.combinator === 'or' || model.combinator === '∨' ? 'or' : 'and'}
              onChange={(combinator) => onChange({ combinator })}
            />
          )}
          <span aria-label={S.filterText}>
            <Text variant="code" color="secondary">
              {filter || 'every resource of the type'}
            </Text>
          </span>
        </Stack>
      </Stack>
    </EditorField>
  );
}
