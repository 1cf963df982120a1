// Writes the ESM entry point: a thin wrapper that re-exports the CommonJS build by name, so ESM
// and CommonJS consumers share one copy of the code (no dual-package hazard).
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const cjs = require('../dist/cjs/index.js');
const names = Object.keys(cjs).filter((n) => n !== '__esModule' && n !== 'default').sort();
const out = new URL('../dist/esm/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(
  new URL('index.mjs', out),
  `import cjs from '../cjs/index.js';\nexport const { ${names.join(', ')} } = cjs;\n`,
);
writeFileSync(new URL('index.d.mts', out), `export * from '../cjs/index.js';\n`);
