import { recordingClient } from '../__mocks__/client';
import { fakeTemplateSrv } from '../__mocks__/templateSrv';
import { response } from '../__mocks__/transport';
import { variableValues } from './run';

function setup() {
  return recordingClient(() =>
    response(200, [
      { id: 'a', host: 'c1' },
      { id: 'b', host: 'c2' },
    ])
  );
}

describe('variableValues', () => {
  it('an unknown function gives no values and sends nothing, as 1.7.1', async () => {
    const { client, requests } = setup();
    expect(await variableValues(client, 'not_existing(instance, host)', fakeTemplateSrv({}), {})).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('a known function with wrong arguments is an error naming the syntax', async () => {
    const { client } = setup();
    await expect(() => variableValues(client, 'resources(instance)', fakeTemplateSrv({}), {})).toThrow(
      /2 to 4 arguments/
    );
  });

  it('resources(): the search interpolated and quoted, values in Gnocchi order', async () => {
    const { client, requests } = setup();
    const values = await variableValues(
      client,
      'resources(instance, host, host = $h)',
      fakeTemplateSrv({ h: "x' or 'y" }),
      {}
    );
    expect(values).toEqual([
      { text: 'c1', value: 'c1' },
      { text: 'c2', value: 'c2' },
    ]);
    expect(decodeURIComponent(requests[0].url)).toContain(`filter=host = "x' or 'y"`);
    // Gnocchi's own order, as 1.7.1 listed the options (the first is Grafana's default pick)
    expect(requests[0].url).not.toMatch(/sort=/);
  });

  it('metrics(..) refuses a resource id that would change the path', async () => {
    const { client, requests } = setup();
    await expect(variableValues(client, 'metrics(..)', fakeTemplateSrv({}), {})).rejects.toThrow(/not valid/);
    expect(requests).toHaveLength(0);
  });
});
