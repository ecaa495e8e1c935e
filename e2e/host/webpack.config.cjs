/**
 * Builds the playground/test host bundle against one host dependency tree (e2e/host/deps/<name>,
 * `--env deps=<name>`, default grafana-13) into e2e/host/dist/<name>/host.js, and (`--env fixtures`)
 * the broken-module fixtures the host is tested with (e2e/host/dist/fixtures/*), with the
 * scaffold's own webpack + swc-loader. Run through e2e/host/build.mjs, which skips the build when
 * nothing changed.
 *
 * Module resolution: every import made by a file OUTSIDE the tree (e2e/host/src, src/testing, ...)
 * looks in e2e/host/deps/<name>/node_modules first, then in the usual node_modules folders (the
 * root tree: systemjs, ...); files INSIDE the tree resolve hierarchically, so the packages the tree
 * nests (e.g. @grafana/ui's own react-router-dom 5) stay theirs. So React, @grafana/* and
 * @grafana/scenes of the bundle, and what the plugin gets through SystemJS, all come from the tree.
 */
const path = require('node:path');

const HERE = __dirname;
const OUT = path.join(HERE, 'dist');

/** The tree's node_modules; throws a readable error when it is not installed. */
function depsModules(name) {
  const dir = path.join(HERE, 'deps', name, 'node_modules');
  if (!require('node:fs').existsSync(path.join(dir, '.package-lock.json'))) {
    throw new Error(`host dependency tree "${name}" is not installed: run \`npm ci --prefix e2e/host/deps/${name}\``);
  }
  return dir;
}

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

function common(modules) {
  return {
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
        // imports of files outside the tree: the tree first (rule-level resolve applies to the
        // requests a matching module makes)
        { exclude: modules, resolve: { modules: [modules, 'node_modules'] } },
        // @grafana/ui's ESM imports e.g. `ol/format/WKT` without an extension
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
        // @grafana/plugin-compat (used by @grafana/scenes) imports what newer @grafana/runtime
        // versions export and falls back when it is undefined: a missing export is not an error
        { test: /[\\/]@grafana[\\/]plugin-compat[\\/]/, parser: { exportsPresence: false } },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(png|jpe?g|gif|svg|woff2?|ttf|eot)$/, type: 'asset/inline' },
      ],
    },
  };
}

module.exports = (env = {}) => {
  const deps = env.deps || 'grafana-13';
  const modules = depsModules(deps);
  const configs = [
    {
      ...common(modules),
      name: `host-${deps}`,
      entry: { host: path.join(HERE, 'src/main.tsx') },
      output: { path: path.join(OUT, deps), filename: '[name].js', publicPath: `/host/${deps}/` },
    },
  ];
  if (env.fixtures) {
    configs.push({
      ...common(modules),
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
    });
  }
  return configs;
};
