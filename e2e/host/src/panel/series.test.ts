import { FieldType, toDataFrame } from '@grafana/data';

import { FIELD_DEFAULTS, seriesOf, withPanelDefaults } from './series';

describe('panel series', () => {
  const frames = [
    toDataFrame({
      refId: 'A',
      name: 'cpu',
      fields: [
        { name: 'time', type: FieldType.time, values: [1000, 2000, 3000] },
        { name: 'cpu of a', type: FieldType.number, values: [1, 2, null], config: { displayName: 'cpu of a' } },
        { name: 'host', type: FieldType.string, values: ['a', 'a', 'a'] },
      ],
    }),
    toDataFrame({
      refId: 'B',
      fields: [{ name: 'b', type: FieldType.number, values: [null, NaN] }],
    }),
  ];

  it('lists each number field with times, values and last non-null value', () => {
    expect(seriesOf(frames)).toEqual([
      { name: 'cpu of a', refId: 'A', times: [1000, 2000, 3000], values: [1, 2, null], last: 2 },
      { name: 'b', refId: 'B', times: [], values: [null, NaN], last: null },
    ]);
  });

  it("lays the panel defaults under each field's config, its own custom keys winning", () => {
    const input = [
      toDataFrame({
        fields: [
          { name: 'v', type: FieldType.number, values: [1], config: { unit: 'percent', custom: { lineWidth: 3 } } },
        ],
      }),
    ];
    const [out] = withPanelDefaults(input);
    expect(out.fields[0].config).toEqual({
      ...FIELD_DEFAULTS,
      unit: 'percent',
      custom: { ...FIELD_DEFAULTS.custom, lineWidth: 3 },
    });
    expect(input[0].fields[0].config).toEqual({ unit: 'percent', custom: { lineWidth: 3 } });
  });
});
