import { healthCheck, healthCheckError } from './saveAndTest';

describe('health check', () => {
  it("shows testDatasource()'s status and message, and its details when it has some", async () => {
    const ds = { testDatasource: async () => ({ status: 'success', message: 'OK' }) };
    await expect(healthCheck(ds)).resolves.toEqual({ status: 'success', message: 'OK' });
    const detailed = {
      testDatasource: async () => ({ status: 'error', message: 'No', details: { message: 'm', verboseMessage: 'v' } }),
    };
    await expect(healthCheck(detailed)).resolves.toEqual({
      status: 'error',
      message: 'No',
      details: { message: 'm', verboseMessage: 'v' },
    });
  });

  it("shows a thrown error as Grafana's parseHealthCheckError: server message, own message, or Unknown error", async () => {
    const thrown = (e: unknown) => ({
      testDatasource: async () => {
        throw e;
      },
    });
    await expect(healthCheck(thrown({ status: 401, data: { message: 'Keystone 401' } }))).resolves.toEqual({
      status: 'error',
      message: 'Keystone 401',
    });
    await expect(healthCheck(thrown(new Error('boom')))).resolves.toEqual({ status: 'error', message: 'boom' });
    expect(healthCheckError(undefined)).toEqual({ status: 'error', message: 'Unknown error' });
  });
});
