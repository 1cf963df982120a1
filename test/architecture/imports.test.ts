import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCycles, importsOf, listSourceFiles, type ImportEdge } from './import-graph';

/**
 * The layers of src/, lowest first; a file may import only from its own layer or a lower one.
 * normalize sits right above model: it imports only model (policy types) and every writer above
 * uses it (generate, simulate's callers, lint, diff), so nothing below it may need it.
 * cli and cdk are two tops that never import each other; index.ts (the library entry) is above all.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['model'],
  ['normalize'],
  ['catalog'],
  ['template'],
  ['simulate'],
  ['generate'],
  // The walk of the pull over a stack (check's core), below lint so lint's ECR rules can be views of it.
  ['pull'],
  ['lint'],
  ['check'],
  ['diff'],
  ['render'],
  ['cli', 'cdk'],
  ['index'],
];

const ROOT = path.resolve(__dirname, '..', '..');
const layerOf = (file: string): string => file.split('/')[1]!.replace(/\.(ts|js)$/, '');
const rank = (layer: string): number => LAYERS.findIndex((group) => group.includes(layer));

function upwardImports(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((e) => {
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      return from !== to && rank(to) >= rank(from);
    })
    .map((e) => `${e.from}:${e.line} imports ${e.to} (${layerOf(e.from)} may not import ${layerOf(e.to)})`);
}

describe('the import graph of src/', () => {
  const files = listSourceFiles(ROOT);
  const edges = files.flatMap((file) => importsOf(ROOT, file));

  it('should put every folder of src/ in a layer', () => {
    expect(files.map(layerOf).filter((layer) => rank(layer) < 0)).toEqual([]);
  });

  it('should resolve every relative import to a file', () => {
    expect(edges.filter((e) => !files.includes(e.to) && !fs.existsSync(path.join(ROOT, e.to))).map((e) => `${e.from}:${e.line} -> ${e.to}`)).toEqual([]);
  });

  it('should have no import cycle, type-only imports included', () => {
    expect(findCycles(files, edges).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('should import only from the same or a lower layer', () => {
    expect(upwardImports(edges)).toEqual([]);
  });
});

describe('the import graph reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygen-imports-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('src/model/a.ts', "import type { B } from './b';\nexport type A = B;\n");
  write('src/model/b.ts', "export type B = import('./c').C;\n");
  write('src/model/c.ts', "const a = require('./a');\nexport type C = string;\n");
  write('src/model/d.ts', "export { x } from '../simulate';\nimport 'node:fs';\n");
  write('src/simulate/index.ts', 'export const x = 1;\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should see type-only imports, import types, require() and re-exports, and skip packages', () => {
    const edges = listSourceFiles(dir).flatMap((file) => importsOf(dir, file));
    expect(edges.map((e) => [e.from, e.to, e.typeOnly])).toEqual([
      ['src/model/a.ts', 'src/model/b.ts', true],
      ['src/model/b.ts', 'src/model/c.ts', true],
      ['src/model/c.ts', 'src/model/a.ts', false],
      ['src/model/d.ts', 'src/simulate/index.ts', false],
    ]);
  });

  it('should report a cycle that runs through types, and an upward import', () => {
    const files = listSourceFiles(dir);
    const edges = files.flatMap((file) => importsOf(dir, file));
    expect(findCycles(files, edges)).toEqual([['src/model/a.ts', 'src/model/b.ts', 'src/model/c.ts', 'src/model/a.ts']]);
    expect(upwardImports(edges)).toEqual(['src/model/d.ts:1 imports src/simulate/index.ts (model may not import simulate)']);
  });
});
