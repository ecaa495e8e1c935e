/**
 * The config editor as Grafana hosts it, for the unit tests: each change becomes the next props,
 * every props object deep-frozen so that a mutation throws.
 */
import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { selectors } from '../selectors';
import { ConfigEditor } from './index';

const C = selectors.configEditor;

export const base = {
  id: 1,
  uid: 'x',
  orgId: 1,
  name: 'Gnocchi',
  type: 'gnocchixyz-gnocchi-datasource',
  typeName: '',
  typeLogoUrl: '',
  access: 'direct',
  url: 'http://keystone:5000',
  user: '',
  database: '',
  basicAuth: false,
  basicAuthUser: '',
  isDefault: false,
  readOnly: false,
  withCredentials: false,
  secureJsonFields: {},
  jsonData: { mode: 'keystone' },
} as any;

export function deepFreeze<T>(o: T): T {
  Object.values(o as object).forEach((v) => v && typeof v === 'object' && deepFreeze(v));
  return Object.freeze(o);
}

/**
 * Renders the editor the way Grafana does (each change becomes the next props), every props object
 * deep-frozen so that a mutation throws; returns the spy of onOptionsChange.
 */
export function setup(patch: Record<string, unknown> = {}, jsonData: Record<string, unknown> = {}) {
  const onOptionsChange = jest.fn();
  function Page() {
    const [options, setOptions] = React.useState(() =>
      deepFreeze({ ...base, ...patch, jsonData: { ...base.jsonData, ...jsonData } })
    );
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(o) => {
          onOptionsChange(o);
          setOptions(deepFreeze(o));
        }}
      />
    );
  }
  render(<Page />);
  return { onOptionsChange, last: () => onOptionsChange.mock.calls.at(-1)[0] };
}

export const field = (label: string) => screen.queryByLabelText(label, { exact: true });
export const type = (label: string, value: string) => fireEvent.change(field(label)!, { target: { value } });
export const expand = () => fireEvent.click(screen.getByRole('button', { name: `Expand section ${C.idsAndDomains}` }));
