'use strict';
// Loads the CLI: the one-file bundle that the build writes (scripts/build-cli-bundle.mjs), compiled
// with the V8 code cache written beside it when this Node.js accepts that cache; the modules of
// dist/cjs when there is no bundle or when it is older than they are. Measured with
// bench/lint.mjs: a cold `policygen lint` of one file spends ~10 ms less than when require()
// loads the bundle, and ~17 ms less than the modules.
const { readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'cjs', 'cli', 'bundle.js');
/** The compiled modules the bundle is built from. */
const MAIN = join(__dirname, '..', 'dist', 'cjs', 'cli', 'main.js');

/**
 * V8 tuning for `lint`: optimize fewer functions, later, and without inlining. A lint run is a
 * short burst over many small policies, and on a small machine the optimizing compiler's work
 * competes with it for the cores. Measured on Node 20 (V8 11.3), 2 cores: a lint of the 1,523 AWS
 * managed policies takes ~30% less wall time. Other commands keep V8's defaults: `diff` runs
 * seconds-long loops that need inlining (34% slower without it). Set only on the V8 line it was
 * measured on: a flag another V8 does not know would print an error.
 */
const LINT_V8_FLAGS = '--no-turbo-inlining --interrupt-budget=200000';

/** The V8 flags for a command line, or undefined for V8's defaults. */
function v8FlagsFor(argv) {
  return argv[0] === 'lint' && process.versions.v8.startsWith('11.3.') ? LINT_V8_FLAGS : undefined;
}

/** V8 checks that a code cache was written under the same flags: one cache per set of flags. */
const cacheFileFor = (flags) => `${BUNDLE}${flags === undefined ? '' : '.lint'}.cache`;

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs the bundle as a CommonJS module and returns its exports and its script: `cachedDataRejected`
 * says whether V8 took the cache (it refuses one written by another Node.js version or under other
 * flags, never misreads it), and `createCachedData()` writes one.
 */
function loadBundle(file = BUNDLE, { cacheFile } = {}) {
  const source = readFileSync(file, 'utf8');
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, cachedData === undefined ? { filename: file } : { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
  return { exports: mod.exports, script };
}

/**
 * True when the bundle was built from the modules there now: a `tsc` run alone rebuilds the modules
 * and leaves an older bundle, which must not run in their place.
 */
function bundleIsCurrent() {
  const bundle = statSync(BUNDLE, { throwIfNoEntry: false });
  const main = statSync(MAIN, { throwIfNoEntry: false });
  return bundle !== undefined && (main === undefined || bundle.mtimeMs >= main.mtimeMs);
}

/** Sets the V8 flags for `argv` (before any code is compiled) and returns the CLI module: `main(argv)` resolves to the exit code. */
function loadCli(argv) {
  const flags = v8FlagsFor(argv);
  if (flags !== undefined) require('node:v8').setFlagsFromString(flags);
  return bundleIsCurrent() ? loadBundle(BUNDLE, { cacheFile: cacheFileFor(flags) }).exports : require(MAIN);
}

module.exports = { BUNDLE, LINT_V8_FLAGS, bundleIsCurrent, cacheFileFor, loadBundle, loadCli, v8FlagsFor };
