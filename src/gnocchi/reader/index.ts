/**
 * The specialised reader of Gnocchi's measures responses: response text → series whose points are
 * pre-parsed columns, without building the JSON of the measures lists (see ./read.ts, ./measures.ts).
 * Same series, labels and order as `parseGnocchiJson` + `aggregatesToSeries` / `measuresOf`.
 */
import { parseGnocchiJson } from '../json';
import { aggregatesToSeries, Series } from '../series';
import { BodyKind, readGnocchiBody } from './read';

export { readGnocchiBody } from './read';
export type { BodyKind } from './read';
export { columnsOf, taggedMeasures } from './tagged';
export type { MeasureColumns } from './tagged';

/** A `POST /v1/aggregates` answer's text → series (the reader's `aggregatesToSeries`). */
export function readAggregates(text: string, groupby: string[] = []): Series[] {
  return aggregatesToSeries(readGnocchiBody(text, 'aggregates'), { groupby });
}

/**
 * How to parse the answer to a Gnocchi request path: the reader for `/v1/aggregates` and
 * `/v1/metric/<id>/measures`, `parseGnocchiJson` for anything else.
 */
export function bodyParserFor(path: string): (text: string) => unknown {
  const kind: BodyKind | undefined =
    path === '/v1/aggregates' ? 'aggregates' : /^\/v1\/metric\/[^/]+\/measures$/.test(path) ? 'measures' : undefined;
  return kind ? (text) => readGnocchiBody(text, kind) : parseGnocchiJson;
}
