'use strict';
// Loads the CLI: the one-file bundle that the build writes (scripts/build-cli-bundle.mjs), or the
// modules of dist/cjs when there is no bundle or when it is older than they are. One file spares a
// cold `policygen lint` resolving and reading some 120 modules.
//
// What else a cold run gets was measured with bench/bin-loader.mjs on Node.js 20, 22 and 24 (numbers
// and commands in bench/README.md), and only what won by more than noise stayed:
// - `lint` of a folder, a glob or many files on Node.js 20 runs under V8 flags (below);
// - on Node.js >= 22.1, module.enableCompileCache(): Node keeps V8's code cache of the bundle on disk;
// - on older versions, the same done here (requireWithCodeCache): V8's code cache of the bundle,
//   made on the user's machine at the end of the first run, so that it holds the functions that run.
// The V8 code caches the build used to train and ship are gone: refused by the V8 of any other
// version than the one that built the package.
const nodeModule = require('node:module');
const { statSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');

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

/**
 * More paths than this make a long lint run; so does a folder or a glob. Setting the flags loads
 * node:v8, and with it Node's stream modules (~5% of a cold one-file lint, bench/README.md), for a
 * gain that only many policies see.
 */
const LONG_LINT_PATHS = 20;

/** Whether a lint command line may lint many files. Option values count as paths: a guess is enough here. */
function isLongLint(argv) {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (args.length > LONG_LINT_PATHS) return true;
  return args.some((a) => /[*?[{]/.test(a) || statSync(a, { throwIfNoEntry: false })?.isDirectory() === true);
}

/** The V8 flags for a command line, or undefined for V8's defaults. */
function v8FlagsFor(argv) {
  return argv[0] === 'lint' && process.versions.v8.startsWith('11.3.') && isLongLint(argv) ? LINT_V8_FLAGS : undefined;
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
  const file = bundleFor(argv);
  return file === MAIN || typeof nodeModule.enableCompileCache === 'function' || process.env.NODE_DISABLE_COMPILE_CACHE === '1'
    ? require(file)
    : requireWithCodeCache(file, flags);
}

/**
 * Where the code caches of a package's bundles are kept, in the order tried: node_modules/.cache/policygen
 * (beside the IAM catalog's cache, removed with the install), then a folder of this user in the OS
 * temporary folder.
 */
function codeCacheFolders() {
  const root = join(__dirname, '..');
  const nodeModules = basename(dirname(root)) === 'node_modules' ? dirname(root) : join(root, 'node_modules');
  const { tmpdir, userInfo } = require('node:os');
  let user = 'user';
  try {
    user = String(userInfo().uid);
  } catch {
    // Some containers have no user entry: one shared name then.
  }
  return [join(nodeModules, '.cache', 'policygen'), join(tmpdir(), `policygen-${user}`)];
}

/**
 * The cache's file name. V8 checks a cache against its own version, its flags and the source's
 * length, not the source's content: the name ties it to this file as it is now (size, inode, times
 * of change: a rewritten file has another ctime) and to the Node.js version, platform and flags.
 */
function codeCacheName(file, stat, flags) {
  const key = [stat.size, stat.ino, stat.mtimeNs, stat.ctimeNs].join('-');
  return `${basename(file, '.js')}-${key}${codeCacheSuffix(flags)}`;
}

function codeCacheSuffix(flags) {
  return `-node${process.version}-${process.platform}-${process.arch}${flags ? '-tuned' : ''}.v8cache`;
}

/**
 * A cache file is used only when it and its folder belong to this user and no one else can write
 * them (the code in it runs as ours); on Windows, which has no user IDs here, the per-user folders
 * are the protection.
 */
function ownedByUs(path) {
  const uid = process.getuid?.();
  if (uid === undefined) return true;
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && stat.uid === uid && (stat.mode & 0o022) === 0;
}

/** The cached data of `name` in the first folder that has a usable one, or undefined. */
function readCodeCache(folders, name) {
  const { readFileSync } = require('node:fs');
  for (const folder of folders) {
    const file = join(folder, name);
    if (!ownedByUs(folder) || !ownedByUs(file)) continue;
    try {
      return readFileSync(file);
    } catch {
      // Unreadable: try the next folder, then compile without it.
    }
  }
  return undefined;
}

/**
 * Writes the cache whole or not at all (a temporary file renamed over it), in the first folder that
 * takes it. In the install's own folder (the first), the caches of the bundle's earlier builds for
 * the same Node.js go: one install has one bundle. The shared temporary folder keeps them, since
 * another install may be using them.
 */
function writeCodeCache(folders, name, data, base, suffix) {
  const { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
  for (const [i, folder] of folders.entries()) {
    const temporary = join(folder, `${name}.${process.pid}.tmp`);
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      if (!ownedByUs(folder)) continue;
      writeFileSync(temporary, data, { mode: 0o600 });
      renameSync(temporary, join(folder, name));
      if (i === 0) {
        for (const old of readdirSync(folder))
          if (old !== name && old.startsWith(`${base}-`) && old.endsWith(suffix)) rmSync(join(folder, old), { force: true });
      }
      return;
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

/**
 * `require(file)` with V8's code cache of the file: compiled from the cache when there is a usable
 * one, else compiled as usual and, when the process exits, the cache written with every function
 * the run compiled. The module is registered in require.cache under its file name before it runs,
 * as require does: the lint bundle's second file requires it back for its modules.
 */
function requireWithCodeCache(file, flags) {
  const { readFileSync } = require('node:fs');
  const { Script } = require('node:vm');
  const stat = statSync(file, { bigint: true });
  const folders = codeCacheFolders();
  const name = codeCacheName(file, stat, flags);
  const cachedData = readCodeCache(folders, name);
  // The bundles are ASCII (scripts/build-cli-bundle.mjs): latin1 is exact and cheaper than UTF-8.
  const script = new Script(nodeModule.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => writeCodeCache(folders, name, script.createCachedData(), basename(file, '.js'), codeCacheSuffix(flags)));
  }
  const module = new nodeModule.Module(file, null);
  module.filename = file;
  module.paths = nodeModule.Module._nodeModulePaths(dirname(file));
  require.cache[file] = module;
  try {
    script.runInThisContext().call(module.exports, module.exports, nodeModule.createRequire(file), module, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}

/**
 * The file to run `argv` from: the lint bundle for `lint`, else the whole CLI's; the modules when a
 * bundle is stale or missing, and with POLICYGEN_DEBUG set, so that a stack trace names the source
 * (the lint bundle is minified).
 */
function bundleFor(argv, env = process.env) {
  if ((env.POLICYGEN_DEBUG ?? '') !== '') return MAIN;
  if (argv[0] === 'lint' && bundleIsCurrent(LINT_BUNDLE)) return LINT_BUNDLE;
  return bundleIsCurrent() ? BUNDLE : MAIN;
}

module.exports = { BUNDLE, LINT_BUNDLE, LINT_V8_FLAGS, bundleFor, bundleIsCurrent, loadCli, v8FlagsFor };
