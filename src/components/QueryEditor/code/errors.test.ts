import type { DataQueryError, PanelData } from '@grafana/data';

import { fieldErrors, fieldOfError } from './errors';

const gnocchi = (cause: string, path = '/v1/aggregates?details=true', status = 400): DataQueryError => ({
  refId: 'A',
  status,
  message: `Gnocchi 400 Bad Request: ${cause}. (POST http://127.0.0.1:8041${path})`,
});

describe("Gnocchi's errors on the code fields", () => {
  it.each([
    ['Resource type instance has no nosuchattr attribute', 'dynamic_aggregates', 'search'],
    ["Invalid filter: Expected '∨' term (at char 0), (line:1, col:1)", 'resource_aggregation', 'search'],
    ["{'cause': 'Metrics not found', 'detail': {'cpu_util'}}", 'dynamic_aggregates', 'operations'],
    ['Invalid operations: Fail to parse the operations string', 'dynamic_aggregates', 'operations'],
    ["{'cause': 'Metrics not found', 'detail': {'cpu_util'}}", 'resource', undefined],
  ] as const)('%s (%s) → %s', (cause, mode, field) => {
    expect(fieldOfError(gnocchi(cause), mode)).toBe(field);
  });

  it('the request at the end of the message does not count (a search URL is no search error)', () => {
    expect(fieldOfError(gnocchi('Metrics not found', '/v1/search/resource/instance'), 'dynamic_aggregates')).toBe(
      'operations'
    );
  });

  it('connection and authentication errors stay on the panel', () => {
    expect(
      fieldOfError({ message: 'The browser could not reach Gnocchi at http://g (POST).' }, 'dynamic_aggregates')
    ).toBe(undefined);
    expect(
      fieldOfError(
        gnocchi('The request you have made requires authentication', '/v1/aggregates', 401),
        'dynamic_aggregates'
      )
    ).toBe(undefined);
  });

  it("only the query's own errors, the first per field", () => {
    const data = {
      errors: [
        { ...gnocchi('Resource type instance has no x attribute'), refId: 'B' },
        gnocchi('Invalid filter: x'),
        gnocchi('Invalid filter: y'),
      ],
    } as unknown as PanelData;
    expect(fieldErrors(data, 'A', 'dynamic_aggregates')).toEqual({
      search: expect.stringContaining('Invalid filter: x'),
    });
    expect(fieldErrors(undefined, 'A', 'dynamic_aggregates')).toEqual({});
  });
});
