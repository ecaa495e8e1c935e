// Integration tests: the real Keystone + Gnocchi stack on loopback (see stack/README.md).
// Run with `npm run test:integration` after `npm run stack:up` (test:all does both).
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  transform: base.transform,
  modulePaths: base.modulePaths,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/src/**/*.integration.test.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
