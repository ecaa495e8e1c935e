import { parseGnocchiJson } from './json';

describe('parseGnocchiJson', () => {
  it('parses plain JSON', () => {
    expect(parseGnocchiJson('{"measures": {"aggregated": [["2024-01-01T00:00:00+00:00", 60.0, 1.5]]}}')).toEqual({
      measures: { aggregated: [['2024-01-01T00:00:00+00:00', 60, 1.5]] },
    });
  });

  it('turns bare NaN into null and keeps ±Infinity', () => {
    const body = parseGnocchiJson(
      '{"measures": {"aggregated": [["2024-01-01T00:00:00+00:00", 60.0, NaN], ["2024-01-01T00:01:00+00:00", 60.0, Infinity], ["2024-01-01T00:02:00+00:00", 60.0, -Infinity], ["x", 60.0, -NaN]]}}'
    ) as { measures: { aggregated: unknown[][] } };
    const values = body.measures.aggregated.map((m) => m[2]);
    expect(values).toEqual([null, Infinity, -Infinity, null]);
  });

  it('does not touch the tokens inside strings', () => {
    expect(parseGnocchiJson('{"name": "NaN Infinity -Infinity \\"NaN\\"", "v": NaN}')).toEqual({
      name: 'NaN Infinity -Infinity "NaN"',
      v: null,
    });
    expect(parseGnocchiJson('["a\\\\", NaN, "\\\\NaN"]')).toEqual(['a\\', null, '\\NaN']);
  });

  it('keeps a string equal to nothing special', () => {
    expect(parseGnocchiJson('["__gnocchi_inf__", Infinity]')).toEqual(['__gnocchi_inf__', Infinity]);
  });

  it('throws on invalid JSON that has nothing to fix', () => {
    expect(() => parseGnocchiJson('{"a": ')).toThrow(SyntaxError);
    expect(() => parseGnocchiJson('<html>500</html>')).toThrow(SyntaxError);
  });

  it('throws when invalid even after the fix', () => {
    expect(() => parseGnocchiJson('[NaN, oops]')).toThrow(SyntaxError);
  });
});
