/**
 * Save & test: authenticate (Keystone modes), find Gnocchi, read its version and one
 * authenticated listing.
 */
import type { TestDataSourceResponse } from '@grafana/data';

import type { GnocchiClient } from '../client';
import { messageOf } from '../http/errors';

export async function testConnection(client: GnocchiClient): Promise<TestDataSourceResponse> {
  try {
    const gnocchiUrl = await client.gnocchiUrl();
    let version = '';
    try {
      const root = await client.request<{ build?: string }>('GET', '/');
      version = root && typeof root.build === 'string' ? ` ${root.build}` : '';
    } catch {
      // the version document is optional (a path prefix may hide it)
    }
    const types = await client.request<unknown>('GET', '/v1/resource_type');
    if (!Array.isArray(types)) {
      return {
        status: 'error',
        message: `Gnocchi at ${gnocchiUrl} answered GET /v1/resource_type with something that is not a list of resource types`,
      };
    }
    const auth = client.mode === 'keystone' || client.mode === 'application_credential' ? 'Keystone authentication OK. ' : '';
    return {
      status: 'success',
      message: `${auth}Gnocchi${version} at ${gnocchiUrl}: ${types.length} resource types.`,
    };
  } catch (e) {
    return { status: 'error', message: messageOf(e) };
  }
}
