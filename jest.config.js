// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const swc = base.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // @grafana/ui 13 pulls ESM-only packages (d3-interpolate's .mjs main, @react-hookz/web,
  // @ver0/deep-equal) that the scaffold's defaults do not transform.
  // jsdom resolves the `browser` export of yaml (ESM); the repository checks use its Node build.
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^yaml$': require.resolve('yaml'),
    // Monaco does not run in jsdom: Grafana's CodeEditor gets a recording stand-in (src/__mocks__/monaco).
    '^monaco-editor$': '<rootDir>/src/__mocks__/monaco/monaco.ts',
    '^@monaco-editor/react$': '<rootDir>/src/__mocks__/monaco/react.tsx',
  },
  transform: {
    '^.+\\.(t|j)sx?$': swc,
    '^.+\\.mjs$': swc,
  },
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@react-hookz', '@ver0', '@marcbachmann'])],
  // Unit tests live beside the code (src/, and the browser-test host's e2e/host/src/);
  // repository-level checks (compose file, scripts) in tests/.
  testMatch: [...base.testMatch, '<rootDir>/tests/*.test.ts', '<rootDir>/e2e/host/src/**/*.test.{ts,tsx}'],
  // Real-stack and browser tests have their own configs (jest.integration.config.js, tests/browser).
  testPathIgnorePatterns: ['/node_modules/', '\\.integration\\.test\\.'],
};
