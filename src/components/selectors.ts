/**
 * Accessible labels of the editors, shared by the components, their unit tests and both browser
 * suites (e2e/browser against the playground, e2e/grafana against a real Grafana).
 */
export const selectors = {
  queryEditor: {
    mode: 'Query mode',
    resourceType: 'Resource type',
    search: 'Resource search',
    operations: 'Operations',
    resourceId: 'Resource id',
    metricId: 'Metric id',
    metricName: 'Metric name',
    metricRegex: 'Metric regex',
    aggregator: 'Aggregation',
    reaggregator: 'Reaggregation',
    groupby: 'Group by',
    fill: 'Fill',
    neededOverlap: 'Needed overlap %',
    granularity: 'Granularity (s)',
    label: 'Label',
    zeroFill: 'Missing as zero',
  },
  configEditor: {
    authMode: 'Authentication',
    keystoneUrl: 'Keystone URL',
    gnocchiUrl: 'Gnocchi URL',
    username: 'User name',
    userDomainId: 'User domain id',
    password: 'Password',
    project: 'Project name',
    projectDomainId: 'Project domain id',
    appCredentialId: 'Credential id',
  },
} as const;
