/**
 * The cheat sheet's examples: dynamic-aggregates queries on OpenStack's real resource types
 * (Ceilometer's `instance`, `instance_network_interface`, `instance_disk`; collectd-gnocchi's
 * `collectd`) and their real metric names. Each parses with the grammars (examples.test.ts) and
 * returns data from the real stack's cloud seed (tests/integration/help-examples.test.ts).
 */
import type { GnocchiQuery } from '../../types';

export interface HelpExample {
  title: string;
  /** What it computes and why it is written so. */
  description: string;
  query: Partial<GnocchiQuery>;
}

export const HELP_EXAMPLES: HelpExample[] = [
  {
    title: 'CPU % per instance',
    description:
      "Ceilometer's `cpu` is cumulative CPU time in ns: its rate over 5-minute buckets divided by 3e9 (300 s × 1e9 ns / 100) is the % of one vCPU.",
    query: {
      resource_type: 'instance',
      operations: '(/ (aggregate mean (metric cpu rate:mean)) 3000000000)',
      groupby: 'display_name',
      granularity: '300',
      label: '${display_name}',
    },
  },
  {
    title: 'Mean CPU % per host, instances of one flavor',
    description: 'The same rate, averaged over the instances of each compute host, only for one flavor (the search).',
    query: {
      resource_type: 'instance',
      resource_search: "flavor_name = 'm1.small'",
      operations: '(/ (aggregate mean (metric cpu rate:mean)) 3000000000)',
      groupby: 'host',
      granularity: '300',
      label: '$host',
    },
  },
  {
    title: 'Memory used by flavor',
    description: "Ceilometer's `memory.usage` (MB used inside each VM), summed over the instances of each flavor.",
    query: {
      resource_type: 'instance',
      operations: '(aggregate sum (metric memory.usage mean))',
      groupby: 'flavor_name',
      label: '${flavor_name}',
    },
  },
  {
    title: 'Network bytes in per interface',
    description:
      'Cumulative `network.incoming.bytes` of each interface as bytes/s (rate per 300 s bucket / 300); add a search such as instance_id = $instance for one VM.',
    query: {
      resource_type: 'instance_network_interface',
      operations: '(/ (aggregate mean (metric network.incoming.bytes rate:mean)) 300)',
      groupby: 'name',
      granularity: '300',
      label: '$name',
    },
  },
  {
    title: 'Disk IOPS per instance',
    description: 'Read + write requests of every disk of an instance, per second.',
    query: {
      resource_type: 'instance_disk',
      operations:
        '(/ (aggregate sum (metric (disk.device.read.requests rate:mean) (disk.device.write.requests rate:mean))) 300)',
      groupby: 'instance_id',
      granularity: '300',
      label: '${instance_id}',
    },
  },
  {
    title: 'CPU % per host from collectd',
    description: "collectd-gnocchi's `collectd` resources: 100 minus the mean idle % of the host's CPUs.",
    query: {
      resource_type: 'collectd',
      operations: '(- 100 (aggregate mean (metric (cpu-0@percent-idle-0 mean) (cpu-1@percent-idle-0 mean))))',
      groupby: 'host',
      label: '$host',
    },
  },
];

/** The query an example puts in the editor: the current query's refId, code view, the example's fields. */
export function exampleQuery(current: GnocchiQuery, example: HelpExample): GnocchiQuery {
  return {
    refId: current.refId,
    hide: current.hide,
    datasource: current.datasource,
    queryVersion: current.queryVersion,
    queryMode: 'dynamic_aggregates',
    editorMode: 'code',
    ...example.query,
  };
}
