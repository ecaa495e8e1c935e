// Integration tests: the real Keystone + Gnocchi stack on loopback (see stack/README.md).
// Run with `npm run test:integration` after `npm run stack:up` (test:all does both).
process.env.TZ = 'UTC';

const unit = require('./jest.config');

module.exports = {
  transform: unit.transform,
  transformIgnorePatterns: unit.transformIgnorePatterns,
  moduleNameMapper: unit.moduleNameMapper,
  modulePaths: unit.modulePaths,
  setupFilesAfterEnv: unit.setupFilesAfterEnv,
  // jsdom for Grafana's packages, plus Node's real fetch to the real services (CORS is checked
  // with explicit Origin headers here, and by real Chromium in the browser tests).
  testEnvironment: '<rootDir>/tests/integration/environment.js',
  testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/src/**/*.integration.test.ts'],
  testTimeout: 60000,
};
