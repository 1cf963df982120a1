'use strict';
// Loads the CLI: the one-file bundle that the build writes (scripts/build-cli-bundle.mjs), or the
// modules of dist/cjs when there is no bundle or when it is older than they are. One file spares a
// cold `policygen lint` resolving and reading some 120 modules.
//
// What else a cold run gets was measured with bench/bin-loader.mjs on Node.js 20, 22 and 24 (numbers
// and commands in bench/README.md), and only what won by more than noise stayed:
// - `lint` on Node.js 20 runs under V8 flags (below);
// - on Node.js >= 22.1, module.enableCompileCache(): Node keeps V8's code cache of the bundle on disk.
// The V8 code caches the build used to train and ship are gone: no win on Node.js 20 and refused by
// the V8 of any other version than the one that built the package.
const nodeModule = require('node:module');
const { statSync } = require('node:fs');
const { join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'cjs', 'cli', 'bundle.js');
/** The bundle of `lint` alone (scripts/build-cli-bundle.mjs): a smaller file to compile for the pre-commit case. */
const LINT_BUNDLE = join(__dirname, '..', 'dist', 'cjs', 'cli', 'lint-bundle.js');
/** The compiled modules the bundle is built from. */
const MAIN = join(__dirname, '..', 'dist', 'cjs', 'cli', 'main.js');

/**
 * V8 tuning for `lint`: optimize fewer functions, later, and without inlining. A lint run is a
 * short burst over many small policies, and on a small machine the optimizing compiler's work
 * competes with it for the cores. Measured on Node 20 (V8 11.3), 2 cores: the lint of the 1,523 AWS
 * managed policies takes a third less CPU time. Other commands keep V8's defaults: `diff` runs
 * seconds-long loops that need inlining (34% slower without it). Set only on the V8 line it was
 * measured on: V8 12.4 (Node 22) and 13.6 (Node 24) have no --interrupt-budget, and a flag a V8 does
 * not know prints an error.
 */
const LINT_V8_FLAGS = '--no-turbo-inlining --interrupt-budget=200000';

/** The V8 flags for a command line, or undefined for V8's defaults. */
function v8FlagsFor(argv) {
  return argv[0] === 'lint' && process.versions.v8.startsWith('11.3.') ? LINT_V8_FLAGS : undefined;
}

/**
 * True when the bundle was built from the modules there now: a `tsc` run alone rebuilds the modules
 * and leaves an older bundle, which must not run in their place.
 */
function bundleIsCurrent(file = BUNDLE) {
  const bundle = statSync(file, { throwIfNoEntry: false });
  const main = statSync(MAIN, { throwIfNoEntry: false });
  return bundle !== undefined && (main === undefined || bundle.mtimeMs >= main.mtimeMs);
}

/**
 * Node.js >= 22.1 caches the bytecode of the modules it compiles under os.tmpdir() (or
 * NODE_COMPILE_CACHE), checks it against the file's content and the Node.js version, and never
 * throws for it; NODE_DISABLE_COMPILE_CACHE=1 turns it off. Node.js 20 has no such API.
 */
function enableCompileCache() {
  if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
}

/** Present in a clone of the repository, absent from the published package (package.json "files"). */
const BUILD_CONFIG = join(__dirname, '..', 'tsconfig.build.json');

/**
 * A clone of the repository has no dist/ after `npm ci`: the package builds in `prepack`, so that
 * installing it runs no script. The first run there builds it (`npm run build`, its output on
 * stderr, so stdout stays the command's); the published package always has dist/.
 */
function buildSourceCheckout() {
  if (statSync(MAIN, { throwIfNoEntry: false }) !== undefined || statSync(BUILD_CONFIG, { throwIfNoEntry: false }) === undefined) return;
  process.stderr.write('policygen: first run in a source checkout: building dist/ with `npm run build`\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = require('node:child_process').spawnSync(npm, ['run', 'build'], { cwd: join(__dirname, '..'), stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write(`policygen: internal error: the build failed; run \`npm run build\` in ${join(__dirname, '..')}\n`);
    process.exit(3);
  }
}

/** Sets the V8 flags for `argv` (before any code is compiled) and returns the CLI module: `main(argv)` resolves to the exit code. */
function loadCli(argv) {
  buildSourceCheckout();
  const flags = v8FlagsFor(argv);
  if (flags !== undefined) require('node:v8').setFlagsFromString(flags);
  enableCompileCache();
  return require(bundleFor(argv));
}

/** The file to run `argv` from: the lint bundle for `lint`, else the whole CLI's; the modules when a bundle is stale or missing. */
function bundleFor(argv) {
  if (argv[0] === 'lint' && bundleIsCurrent(LINT_BUNDLE)) return LINT_BUNDLE;
  return bundleIsCurrent() ? BUNDLE : MAIN;
}

module.exports = { BUNDLE, LINT_BUNDLE, LINT_V8_FLAGS, bundleFor, bundleIsCurrent, loadCli, v8FlagsFor };
