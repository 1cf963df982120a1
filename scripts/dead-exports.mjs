// Lists the dead exports of src/: an exported name that no other file uses (src/, test/, bench/,
// scripts/, bin/) and that no page of the docs names. The public entries (src/index.ts,
// src/cdk/index.ts) are the allow-list: what they export is the library's API, used or not.
// A dead export either goes, or loses its `export` when its own file still uses it. A type that
// its own file uses is not dead: it names part of an exported signature.
//
//   node scripts/dead-exports.mjs [--root DIR]     exit 0: none; exit 1: prints them, one a line
//
// Run by test/architecture/dead-exports.test.ts. Uses the TypeScript compiler API (a devDependency):
// every identifier of every other file is resolved to the declaration it names, so named imports,
// re-exports, namespace access and `typeof import('./x')` all count as uses.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');

export const PUBLIC_ENTRIES = ['src/index.ts', 'src/cdk/index.ts'];
const CODE_FOLDERS = ['src', 'test', 'bench'];
/** Files outside the TypeScript program that load built or source modules by name. */
const SCRIPT_FOLDERS = ['scripts', 'bench', 'bin'];
const DOC_FILES = ['README.md', 'CONTRIBUTING.md'];

function walk(root, dir, accept) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  const out = [];
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !(dir === 'test' && entry.name === 'fixtures')) out.push(...walk(root, rel, accept));
    } else if (accept(entry.name)) out.push(rel);
  }
  return out;
}

const posix = (p) => p.split(sep).join('/');

/** @returns {{ file: string, name: string, line: number, usedInOwnFile: boolean }[]} sorted by file, then line */
export function findDeadExports(root) {
  const codeFiles = CODE_FOLDERS.flatMap((d) => walk(root, d, (n) => /\.ts$/.test(n) && !n.endsWith('.d.ts'))).map((f) => join(root, f));
  const program = ts.createProgram(codeFiles, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    skipLibCheck: true,
    allowJs: true,
    types: ['node', 'jest'],
  });
  const checker = program.getTypeChecker();
  const resolve = (symbol) => (symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const srcFiles = program.getSourceFiles().filter((s) => posix(relative(root, s.fileName)).startsWith('src/') && !s.isDeclarationFile);

  // What every file exports, as the declarations its names resolve to.
  const exportsByFile = new Map();
  for (const source of srcFiles) {
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    exportsByFile.set(
      source.fileName,
      checker.getExportsOfModule(moduleSymbol).map((s) => ({ name: s.getName(), target: resolve(s), own: s })),
    );
  }

  // Uses: an identifier in a file other than the one that declares the export.
  const usedOutside = new Set();
  const usedInside = new Map(); // target symbol -> files that name it
  const note = (symbol, fileName) => {
    if (!symbol) return;
    for (const s of [symbol, resolve(symbol)]) {
      const declarations = s.declarations ?? [];
      if (declarations.some((d) => d.getSourceFile().fileName !== fileName)) usedOutside.add(s);
      else {
        const files = usedInside.get(s) ?? new Set();
        files.add(fileName);
        usedInside.set(s, files);
      }
    }
  };
  for (const source of program.getSourceFiles()) {
    if (source.isDeclarationFile || source.fileName.includes('node_modules')) continue;
    const visit = (node) => {
      // A name in an export list (`export { x } from './y'`) passes x on; it is not a use of it.
      if (ts.isIdentifier(node) && !(node.parent && ts.isExportSpecifier(node.parent))) note(checker.getSymbolAtLocation(node), source.fileName);
      // `const { x } = require('./y') as typeof import('./y')`: x is the property of y's module type.
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const key = node.propertyName ?? node.name;
        if (ts.isIdentifier(key)) note(checker.getTypeAtLocation(node.parent).getProperty(key.text), source.fileName);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  // The public API is used by definition, through every re-export.
  for (const entry of PUBLIC_ENTRIES) for (const e of exportsByFile.get(join(root, entry)) ?? []) usedOutside.add(e.target);

  // Names that scripts, the bin loader and the docs mention (words, so conservative).
  const words = new Set();
  const scriptFiles = SCRIPT_FOLDERS.flatMap((d) => walk(root, d, (n) => /\.(mjs|cjs|js)$/.test(n)));
  const docFiles = [...DOC_FILES.filter((f) => existsSync(join(root, f))), ...walk(root, 'docs', (n) => n.endsWith('.md'))];
  for (const file of [...scriptFiles, ...docFiles]) {
    if (posix(file) === 'scripts/dead-exports.mjs') continue;
    for (const word of readFileSync(join(root, file), 'utf8').match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(word);
  }

  const dead = [];
  for (const [fileName, list] of exportsByFile) {
    const rel = posix(relative(root, fileName));
    if (PUBLIC_ENTRIES.includes(rel)) continue;
    for (const { name, target, own } of list) {
      if (usedOutside.has(target) || usedOutside.has(own) || words.has(name)) continue;
      // A re-export (`export { x } from './y'`, `export * from`) is dead only where x is declared.
      const declaration = target.declarations?.[0];
      if (!declaration || declaration.getSourceFile().fileName !== fileName) continue;
      const line = declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
      // The declaration names itself once; any other identifier resolving to it is a use in its own file.
      const usedInOwnFile = countOwnUses(declaration.getSourceFile(), target, checker) > 0;
      // A type its own file uses names part of that file's exported signatures: exporting it lets a
      // caller name it. A value (function, constant, class) only its own file uses needs no export.
      const isTypeOnly = (target.flags & (ts.SymbolFlags.Type | ts.SymbolFlags.Value)) !== 0 && (target.flags & ts.SymbolFlags.Value) === 0;
      if (usedInOwnFile && isTypeOnly) continue;
      dead.push({ file: rel, name, line, usedInOwnFile });
    }
  }
  return dead.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

function countOwnUses(source, target, checker) {
  let count = 0;
  const resolve = (symbol) => (symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const visit = (node) => {
    if (ts.isIdentifier(node) && resolve(checker.getSymbolAtLocation(node)) === target) {
      const parent = node.parent;
      const isDeclarationName = parent && parent.name === node && target.declarations?.includes(parent);
      if (!isDeclarationName) count++;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? process.argv[at + 1] : fileURLToPath(new URL('..', import.meta.url));
  if (!root || !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`dead-exports: --root must be a folder, received ${root}`);
    process.exit(2);
  }
  const dead = findDeadExports(root);
  for (const d of dead) console.log(`${d.file}:${d.line}: ${d.name}${d.usedInOwnFile ? ' (used in its own file: drop `export`)' : ''}`);
  if (dead.length > 0) {
    console.error(`dead-exports: ${dead.length} export(s) that nothing outside their file uses and no doc names`);
    process.exit(1);
  }
}
