import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

/**
 * Query modes. The values are those the old Angular plugin (gnocchixyz-gnocchi-datasource 1.x)
 * saved in dashboards, so that saved panels keep working.
 */
export type QueryMode = 'dynamic_aggregates' | 'resource_search' | 'resource_aggregation' | 'resource' | 'metric';

export const QUERY_MODES: Array<{ value: QueryMode; label: string; description: string }> = [
  {
    value: 'dynamic_aggregates',
    label: 'Dynamic aggregates',
    description: 'Gnocchi operations over metrics of resources matching a search (recommended)',
  },
  {
    value: 'resource_search',
    label: 'Resource search',
    description: 'One series per matching resource and metric',
  },
  {
    value: 'resource_aggregation',
    label: 'Resource search (aggregated)',
    description: 'The metric of every matching resource, aggregated into one series (or one per group)',
  },
  { value: 'resource', label: 'Resource ID and metric name', description: 'One metric of one resource' },
  { value: 'metric', label: 'Metric ID', description: 'One metric by its id' },
];

/**
 * A panel query. Field names (snake_case) are the old plugin's, kept for saved dashboards.
 */
export interface GnocchiQuery extends DataQuery {
  queryMode?: QueryMode;
  /** Resource type, e.g. `generic`, `instance`. */
  resource_type?: string;
  /** Gnocchi filter: string form (`host = 'compute-1'`) or JSON (`{"=": {"host": "compute-1"}}`). */
  resource_search?: string;
  resource_id?: string;
  metric_id?: string;
  /** Exact name (mode `resource`), regex (mode `resource_search`) or name (mode `resource_aggregation`). */
  metric_name?: string;
  /** Aggregation method of the archive policy (mean, max, ...). */
  aggregator?: string;
  /** Cross-resource aggregation for `resource_aggregation` (`none` = not set). */
  reaggregator?: string;
  /** Operations for `dynamic_aggregates`, string or JSON form. */
  operations?: string;
  /** Comma-separated resource attributes. */
  groupby?: string;
  /** Series name template: `${attr}`, `$attr`, `$metric`, `$aggregation`, `$groupby`. */
  label?: string;
  /** Seconds; empty = automatic. */
  granularity?: string;
  needed_overlap?: number | string;
  /** A number, `null` or `dropna` (Gnocchi 4.7+ also `ffill` etc.). */
  fill?: number | string;
  draw_missing_datapoint_as_zero?: boolean;
  /**
   * 2 for queries made with this plugin's editor (its `getDefaultQuery`); absent on queries saved by 1.x.
   * A saved 1.x query keeps 1.7.1's series names and metric-name matching (see README, "Migrating").
   */
  queryVersion?: number;
  /** The editor's view: pickers (`builder`) or text (`code`); absent = the builder when it can show the query. */
  editorMode?: 'builder' | 'code';
}

/**
 * How the plugin authenticates.
 * - `keystone`: Keystone password (the old plugin's value)
 * - `application_credential`: Keystone application credential (id + secret, or name + user)
 * - `token`: a static token sent as X-Auth-Token (old plugin's value)
 * - `basic`: Gnocchi `auth_mode = basic` (username only)
 * - `noauth`: no authentication header
 */
export type AuthMode = 'keystone' | 'application_credential' | 'token' | 'basic' | 'noauth';

export type EndpointInterface = 'public' | 'internal' | 'admin';

/**
 * Data source settings (jsonData). `url` (the data source URL) is the Keystone URL in the
 * Keystone modes and the Gnocchi URL otherwise, as in the old plugin.
 * Field names of the old plugin are kept: `mode`, `username`, `domain`, `project`, `token`, `password`.
 */
export interface GnocchiOptions extends DataSourceJsonData {
  mode?: AuthMode;
  /** Keystone v3 base derived from the URL by the config editor (used by the server-mode proxy routes). */
  keystoneUrl?: string;
  /** Explicit Gnocchi URL; overrides the catalog. */
  endpoint?: string;
  /** Catalog interface (default public) and region (default: any). */
  interface?: EndpointInterface;
  region?: string;

  // Keystone password auth
  username?: string;
  userId?: string;
  /** User domain id (old plugin: `domain`, default `default`). */
  domain?: string;
  userDomainName?: string;
  /** Project name (old plugin: `project`). */
  project?: string;
  projectId?: string;
  projectDomainId?: string;
  projectDomainName?: string;

  // Application credential
  appCredentialId?: string;
  appCredentialName?: string;

  /**
   * Browser mode needs the secret in the browser: it lives here only then.
   * (Old plugin: `password`, `token`.) Server mode keeps them in secureJsonData.
   */
  password?: string;
  token?: string;
  appCredentialSecret?: string;

  /** Per-request timeout, seconds (default 30). */
  timeout?: number;
}

/** Secrets, kept server-side by Grafana (server mode, via the data source proxy routes). */
export interface GnocchiSecureJsonData {
  password?: string;
  token?: string;
  appCredentialSecret?: string;
}

/** A Gnocchi measure: [ISO timestamp, granularity seconds, value]. */
export type Measure = [string, number | string, number | null];

export interface GnocchiArchivePolicy {
  name: string;
  back_window?: number;
  aggregation_methods: string[];
  definition: Array<{ granularity: string | number; points?: number; timespan?: string | number }>;
}

export interface GnocchiMetric {
  id: string;
  name?: string;
  unit?: string | null;
  resource_id?: string | null;
  archive_policy?: GnocchiArchivePolicy;
  archive_policy_name?: string;
}

export interface GnocchiResource {
  id: string;
  type?: string;
  original_resource_id?: string;
  project_id?: string | null;
  user_id?: string | null;
  metrics?: Record<string, string>;
  [attr: string]: unknown;
}

/** Kinds of template-variable queries (src/variables/). `legacy`: a 1.x string the editor cannot show as fields. */
export type VariableKind =
  | 'resource_types'
  | 'resources'
  | 'attribute_values'
  | 'metric_names'
  | 'aggregation_methods'
  | 'granularities'
  | 'legacy';

/**
 * Template-variable query. Saved 1.x dashboards hold a string (`resources(...)`, `metrics(...)`) or
 * `{query: string}`; `migrateVariableQuery` turns them into this model for the editor.
 */
export interface GnocchiVariableQuery extends DataQuery {
  kind?: VariableKind;
  resource_type?: string;
  /** Gnocchi filter (string or JSON); `$__searchFilter` is the picker's typed text as a LIKE pattern. */
  search?: string;
  /** `resources`: text template (`${display_name} on $host`). */
  text?: string;
  /** `resources`: value attribute, dotted paths allowed (`metrics.cpu_util`). */
  value?: string;
  /** `attribute_values`: the attribute. */
  attribute?: string;
  /** `aggregation_methods` / `granularities`: a metric id whose archive policy alone is read. */
  metric?: string;
  /** `metric_names`: one resource (id or original id) instead of a search. */
  resource_id?: string;
  /** The 1.x string (`legacy` kind, and the `{query}` object form). */
  query?: string;
}

/** Lifecycle events shown by an annotation query. */
export type LifecycleEvent = 'created' | 'deleted' | 'both' | 'region';

/** Annotation query (src/annotations/): resources whose started_at / ended_at fall in the range. */
export interface GnocchiAnnotationQuery extends DataQuery {
  queryType?: 'lifecycle';
  resource_type?: string;
  resource_search?: string;
  event?: LifecycleEvent;
  /** Templates over the resource attributes, plus `$event`. */
  title?: string;
  text?: string;
  /** Comma-separated attributes whose values become tags. */
  tags?: string;
}
