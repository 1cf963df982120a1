// Writes the ESM entry points: thin wrappers that re-export the CommonJS build by name, so ESM
// and CommonJS consumers share one copy of the code (no dual-package hazard).
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
// Each entry of package.json "exports": `policygen` and `policygen/cdk` (which loads aws-cdk-lib, a
// dev dependency here, to list its names).
for (const entry of ['index', 'cdk/index']) {
  const cjs = require(`../dist/cjs/${entry}.js`);
  const names = Object.keys(cjs)
    .filter((n) => n !== '__esModule' && n !== 'default')
    .sort();
  const file = new URL(`../dist/esm/${entry}.mjs`, import.meta.url);
  const cjsPath = `${'../'.repeat(entry.split('/').length)}cjs/${entry}.js`;
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, `import cjs from '${cjsPath}';\nexport const { ${names.join(', ')} } = cjs;\n`);
  writeFileSync(new URL(`../dist/esm/${entry}.d.mts`, import.meta.url), `export * from '${cjsPath}';\n`);
}
