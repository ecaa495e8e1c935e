import { fireEvent, screen } from '@testing-library/react';

import { corsLines } from '../../connection/steps';
import { selectors } from '../selectors';
import { setup } from './testHarness';

const C = selectors.configEditor;

jest.setTimeout(30_000);

const open = () => fireEvent.click(screen.getByRole('button', { name: `Expand section ${C.corsSection}` }));
const lines = (label: string) => screen.queryByLabelText(label, { exact: true })?.textContent;

describe('ConfigEditor: the [cors] lines for this origin', () => {
  const origin = window.location.origin;

  it("in browser access with Keystone: both services' lines, each with a copy button", () => {
    setup();
    open();
    expect(lines(C.corsKeystone)).toBe(`[cors]\nallowed_origin = ${origin}\nexpose_headers = X-Subject-Token`);
    expect(lines(C.corsKeystone)).toBe(corsLines('Keystone', origin));
    expect(lines(C.corsGnocchi)).toBe(`[cors]\nallowed_origin = ${origin}`);
    expect(screen.getByText('/etc/keystone/keystone.conf')).toBeInTheDocument();
    expect(screen.getByText('/etc/gnocchi/gnocchi.conf')).toBeInTheDocument();
    expect(screen.getByText(/Keystone reads \[cors\] only from its default config locations/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: C.copyCorsKeystone })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: C.copyCorsGnocchi })).toBeInTheDocument();
  });

  it("in a Gnocchi-only mode: Gnocchi's lines only", () => {
    setup({ url: 'http://gnocchi:8041' }, { mode: 'token' });
    open();
    expect(lines(C.corsKeystone)).toBeUndefined();
    expect(lines(C.corsGnocchi)).toBe(`[cors]\nallowed_origin = ${origin}`);
  });

  it('in server access: no CORS section (the browser calls neither service)', () => {
    setup({ access: 'proxy' }, { endpoint: 'http://gnocchi:8041' });
    expect(screen.queryByRole('button', { name: `Expand section ${C.corsSection}` })).toBeNull();
  });
});
