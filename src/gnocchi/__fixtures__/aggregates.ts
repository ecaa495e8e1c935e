/**
 * Realistic /v1/aggregates bodies (Gnocchi 4.4, `details=true`), shapes A-D of
 * shared notes gnocchi-api.md §3.9. Resource and metric objects as Gnocchi serializes them.
 */

export const RES_WEB1 = {
  id: '8d9a4e0c-1c1f-4f3c-9a52-3b0f5a3f1a01',
  type: 'instance',
  original_resource_id: '8d9a4e0c-1c1f-4f3c-9a52-3b0f5a3f1a01',
  project_id: 'b5a1f5c2e7d84b3f9a3e2c1d0f9e8d7c',
  user_id: '3c2b1a09f8e74d6c5b4a392817161514',
  created_by_project_id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  created_by_user_id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  creator: 'f0e1d2c3b4a5968778695a4b3c2d1e0f:a1b2c3d4e5f60718293a4b5c6d7e8f90',
  started_at: '2024-01-01T00:00:00.000000+00:00',
  revision_start: '2024-01-01T00:00:00.000000+00:00',
  ended_at: null,
  revision_end: null,
  display_name: 'web-1',
  host: 'compute-1',
  flavor_id: '2',
  flavor_name: 'm1.small',
  image_ref: null,
  server_group: null,
  metrics: {
    cpu: '0b8b8d49-3d0f-4a8b-9d8e-5b1f3b0e1c01',
    'memory.usage': '0b8b8d49-3d0f-4a8b-9d8e-5b1f3b0e1c02',
  },
};

export const RES_WEB2 = {
  ...RES_WEB1,
  id: '1f0e9d8c-7b6a-4958-8473-625140302a02',
  original_resource_id: '1f0e9d8c-7b6a-4958-8473-625140302a02',
  display_name: 'web-2',
  host: 'compute-2',
  metrics: {
    cpu: '0b8b8d49-3d0f-4a8b-9d8e-5b1f3b0e1c11',
    'memory.usage': '0b8b8d49-3d0f-4a8b-9d8e-5b1f3b0e1c12',
  },
};

const POLICY = {
  name: 'low',
  back_window: 0,
  aggregation_methods: ['mean', 'max', 'min', 'sum', 'count', 'std'],
  definition: [
    { granularity: '0:05:00', points: 12, timespan: '1:00:00' },
    { granularity: '1:00:00', points: 24, timespan: '1 day, 0:00:00' },
  ],
};

export const METRIC_CPU = {
  id: '0b8b8d49-3d0f-4a8b-9d8e-5b1f3b0e1c01',
  name: 'cpu',
  unit: 'ns',
  resource_id: RES_WEB1.id,
  creator: RES_WEB1.creator,
  archive_policy: POLICY,
};

export const METRIC_MEM = {
  id: '0b8b8d49-3d0f-4a8b-9d8e-5b1f3b0e1c02',
  name: 'memory.usage',
  unit: 'MB',
  resource_id: RES_WEB1.id,
  creator: RES_WEB1.creator,
  archive_policy: POLICY,
};

const pts = (values: Array<number | null>, g = 300, start = '2024-01-01T10:') =>
  values.map((v, i) => [`${start}${String(i * (g / 60)).padStart(2, '0')}:00+00:00`, g, v]);

/** A: `(aggregate mean (metric cpu mean))` in search mode. */
export const SHAPE_A = {
  measures: { aggregated: pts([1, 2, 3]) },
  references: [RES_WEB2, RES_WEB1],
};

/** B: metric-id mode, `(metric ((<cpu> mean) (<cpu> max) (<mem> mean)))`. */
export const SHAPE_B = {
  references: [METRIC_MEM, METRIC_CPU],
  measures: {
    [METRIC_MEM.id]: { mean: pts([512, 520]) },
    [METRIC_CPU.id]: { max: pts([9, 8]), mean: pts([4, 5]) },
  },
};

/** C: search mode, `(metric cpu mean)` + `(metric memory.usage mean)`, two resources. */
export const SHAPE_C = {
  references: [RES_WEB2, RES_WEB1],
  measures: {
    [RES_WEB2.id]: { cpu: { mean: pts([20, 21]) }, 'memory.usage': { mean: pts([100, 110]) } },
    [RES_WEB1.id]: { cpu: { mean: pts([10, 11]) }, 'memory.usage': { mean: [] } },
  },
};

/** D: groupby host (aggregated inside each group, note the double `measures`). */
export const SHAPE_D_AGGREGATED = [
  {
    group: { host: 'compute-1' },
    measures: { measures: { aggregated: pts([1, 1]) }, references: [RES_WEB1] },
  },
  {
    group: { host: 'compute-2' },
    measures: { measures: { aggregated: pts([2, 2]) }, references: [RES_WEB2] },
  },
];

/** D: groupby project_id,user_id with per-resource (C) bodies. */
export const SHAPE_D_SEARCH = [
  {
    group: { user_id: RES_WEB1.user_id, project_id: RES_WEB1.project_id },
    measures: {
      measures: {
        [RES_WEB2.id]: { cpu: { mean: pts([20]) } },
        [RES_WEB1.id]: { cpu: { mean: pts([10]) } },
      },
      references: [RES_WEB1, RES_WEB2],
    },
  },
  {
    group: { user_id: null, project_id: 'p2' },
    measures: {
      measures: { 'a0a0a0a0-0000-4000-8000-000000000003': { cpu: { mean: pts([30]) } } },
      references: [],
    },
  },
];
