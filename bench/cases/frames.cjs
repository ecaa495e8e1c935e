/**
 * Timing: turning a parsed Gnocchi response into frames costs ≤ 0.6× the JSON.parse of the same body,
 * and the NaN-tolerant parse of a body with a bare NaN ≤ 4× JSON.parse. Ratios of interleaved runs.
 */
const plugin = require('../lib/plugin.cjs');
const { searchBody, withBareNaN } = require('../lib/bodies.cjs');

// `nan`: also time the NaN-tolerant parse on this body (one body is enough)
const SHAPES = [
  { resources: 50, points: 1440, nan: true },
  { resources: 200, points: 360 },
];

module.exports = {
  id: 'frames',
  async run({ results, seed, measure, log }) {
    for (const { resources, points, nan } of SHAPES) {
      const body = searchBody({ resources, points, seed });
      const size = `${(body.length / 1e6).toFixed(1)} MB`;
      const shape = `${resources} series × ${points.toLocaleString('en')} points`;
      const parsed = JSON.parse(body); // the conversion reads the parsed body without changing it
      const convert = () => plugin.seriesToFrames(plugin.bodyToSeries(parsed, {}), { refId: 'A', granularity: 60 });
      if (convert().length !== resources) {
        throw new Error(`bench: expected ${resources} frames from the ${shape} body`);
      }
      log(`frames: ${shape} (${size})`);
      results.ratio({
        id: `frames.convert.${resources}x${points}`,
        name: `frames from a ${size} body (${shape}): conversion / JSON.parse`,
        measurement: measure({ baseline: () => JSON.parse(body), subject: convert }),
        max: 0.6,
      });
      if (!nan) {
        continue;
      }
      const nanBody = withBareNaN(body);
      results.ratio({
        id: `frames.lenientParse.${resources}x${points}`,
        name: `parse of the ${size} body with a bare NaN / JSON.parse`,
        measurement: measure({ baseline: () => JSON.parse(body), subject: () => plugin.parseBody(nanBody) }),
        max: 4,
      });
    }
  },
};
