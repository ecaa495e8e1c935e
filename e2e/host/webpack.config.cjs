/**
 * Builds the playground/test host bundle (e2e/host/dist/host.js) and the broken-module fixtures
 * the host is tested with (e2e/host/dist/fixtures/*), with the scaffold's own webpack + swc-loader.
 * Run through e2e/host/build.mjs, which skips the build when nothing changed.
 */
const path = require('node:path');

const HERE = __dirname;
const OUT = path.join(HERE, 'dist');

const swcRule = {
  test: /\.[tj]sx?$/,
  exclude: /node_modules/,
  use: {
    loader: 'swc-loader',
    options: {
      jsc: {
        target: 'es2020',
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
      },
    },
  },
};

const common = {
  // production React/@grafana builds (as in Grafana), without minification: builds faster and
  // stack traces stay readable.
  mode: 'production',
  devtool: false,
  performance: { hints: false },
  optimization: { minimize: false },
  resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  module: {
    rules: [
      swcRule,
      // @grafana/ui's ESM imports e.g. `ol/format/WKT` without an extension
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(png|jpe?g|gif|svg|woff2?|ttf|eot)$/, type: 'asset/inline' },
    ],
  },
};

module.exports = [
  {
    ...common,
    name: 'host',
    entry: { host: path.join(HERE, 'src/main.tsx') },
    output: { path: OUT, filename: '[name].js', publicPath: '/host/' },
  },
  {
    ...common,
    // A plugin module that is otherwise fine but bundles its OWN React (react not external):
    // its editors' hooks run against a React that is not the one rendering them.
    name: 'fixture-own-react',
    entry: { module: path.join(HERE, 'fixtures/own-react/module.tsx') },
    output: {
      path: path.join(OUT, 'fixtures/own-react'),
      filename: '[name].js',
      library: { type: 'amd' },
    },
    externals: ['@grafana/data', '@grafana/ui', '@grafana/runtime', 'rxjs'],
  },
];
