import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * What src/ loads at run time must be a dependency of the package (a consumer's install has nothing
 * else); what it only names as a type, or a build script uses (ajv: the schema validators are
 * precompiled standalone code), stays a devDependency.
 */
const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|js)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The package a bare specifier names: `@scope/name` or `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('run-time dependencies', () => {
  const runtime = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    // Value imports and require() calls; `import type` and `typeof import(...)` are erased.
    const specifiers = [
      ...[...text.matchAll(/^import (?!type )[^;]*? from '([^'.][^']*)'/gm)].map((m) => m[1]!),
      ...[...text.matchAll(/\brequire\('([^'.][^']*)'\)/g)].map((m) => m[1]!),
    ];
    for (const s of specifiers) runtime.set(packageOf(s), file.slice(ROOT.length + 1));
  }

  it('should find the dependencies src/ loads (the scan works)', () => {
    expect([...runtime.keys()]).toEqual(expect.arrayContaining(['commander', 'yaml']));
  });

  it('should declare every package src/ loads at run time in dependencies', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const missing = [...runtime].filter(
      ([name]) => !builtins.has(name) && !(name in pkg.dependencies) && !name.startsWith('aws-cdk-lib') && name !== 'constructs',
    );
    expect(missing).toEqual([]);
  });

  it('should not ship ajv: the validators are precompiled and import only its types (now local ones)', () => {
    expect(runtime.has('ajv')).toBe(false);
    expect(pkg.dependencies).not.toHaveProperty('ajv');
  });
});
