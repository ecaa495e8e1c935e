import { useEffect, useMemo } from 'react';

import type { GnocchiQuery } from '../types';
import { migrateQuery } from './query';

/**
 * The migrated form of the editor's query; reports it with `onChange` once when migration changed
 * something, never on a render where it changed nothing (the props are never mutated).
 */
export function useMigratedQuery(query: GnocchiQuery, onChange: (q: GnocchiQuery) => void): GnocchiQuery {
  const migrated = useMemo(() => migrateQuery(query), [query]);
  useEffect(() => {
    if (migrated !== query) {
      onChange(migrated);
    }
    // onChange is a new function on each render of Grafana's query row: depend on the query only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [migrated, query]);
  return migrated;
}
