import { GnocchiClient } from '../client';
import { Handler, recorder } from './transport';

/** A GnocchiClient on http://gnocchi:8041 without authentication, answering with `handler` and recording requests. */
export function recordingClient(handler: Handler) {
  const r = recorder(handler);
  const client = new GnocchiClient(
    { url: 'http://gnocchi:8041', access: 'direct', jsonData: { mode: 'noauth' } },
    r.transport
  );
  return { ...r, client };
}
