'use strict';
// One way of loading the CLI bundle, for bench/bin-loader.mjs: the harness starts this file once per
// timed run, so each run is a cold process like `policygen lint` from a hook.
//   node bench/loader-variant.cjs <v8 flags or -> <load> <dir> [--train] -- <policygen arguments>
// <load>: `require` (the bundle as a plain CommonJS module), `cache` (vm.Script with a code cache
// trained by --train into <dir>, what bin/load-cli.js did before these measurements), `compile-cache`
// (module.enableCompileCache(<dir>), then require: Node >= 22.1 writes and reuses the cache itself).
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

// The CPU time of all threads of this process (V8's compiler threads too), for the harness: on a
// busy machine it varies far less than wall time. bench/bin-loader.mjs's floor case prints the same.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-ms:${(user + system) / 1000}`);
});

const separator = process.argv.indexOf('--');
const [flags, load, dir, mode] = process.argv.slice(2, separator);
const argv = process.argv.slice(separator + 1);

// Before any of the bundle is compiled, as the bin does: V8 flags set later do not reach code
// compiled earlier, and a code cache is only accepted under the flags that wrote it.
if (flags !== '-') require('node:v8').setFlagsFromString(flags);
const BUNDLE = require('../bin/load-cli.js').BUNDLE;

/**
 * The bundle run as a CommonJS module through vm.Script, with a V8 code cache when given one: what
 * bin/load-cli.js did until the measurements of bench/README.md. `script.cachedDataRejected` says
 * whether V8 took the cache; `script.createCachedData()` writes one.
 */
function loadBundle(cacheFile) {
  const source = readFileSync(BUNDLE, 'utf8');
  const cachedData = cacheFile === undefined ? undefined : readFileSync(cacheFile);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, cachedData === undefined ? { filename: BUNDLE } : { filename: BUNDLE, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(BUNDLE), mod, BUNDLE, dirname(BUNDLE));
  return { exports: mod.exports, script };
}

/** The lint runs the build trained the shipped lint cache on (scripts/build-cli-bundle.mjs). */
const TRAINING = [
  ['lint', 'examples', 'test/fixtures', '--format', 'json'],
  ['lint', 'examples', '--format', 'sarif'],
  ['lint', 'test/fixtures/lint-core'],
];

async function main() {
  const cacheFile = join(dir, 'bundle.cache');
  if (mode === '--train') {
    const { exports: cli, script } = loadBundle(undefined);
    const quiet = { stdout: () => {}, stderr: () => {}, cwd: join(__dirname, '..'), stdoutIsTTY: false, stderrIsTTY: false };
    for (const run of TRAINING) await cli.main(run, quiet);
    require('node:fs').writeFileSync(cacheFile, script.createCachedData());
    return 0;
  }
  let cli;
  if (load === 'cache') {
    const loaded = loadBundle(cacheFile);
    // A refused cache would silently measure `require`: fail loudly instead.
    if (loaded.script.cachedDataRejected !== false) throw new Error(`V8 refused the code cache ${cacheFile}`);
    cli = loaded.exports;
  } else if (load === 'compile-cache') {
    require('node:module').enableCompileCache(dir);
    cli = require(BUNDLE);
  } else if (load === 'require') {
    cli = require(BUNDLE);
  } else {
    throw new Error(`load must be require, cache or compile-cache, received ${load}`);
  }
  return cli.main(argv);
}

main().then((code) => {
  process.exitCode = code;
});
