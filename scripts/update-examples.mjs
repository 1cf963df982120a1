// Regenerates the committed outputs of every example (examples/NAME/spec.yaml) with the built
// CLI, as users run it: `npm run build && node scripts/update-examples.mjs`.
// test/examples/examples.test.ts proves the committed files are what the sources generate now.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'policygen.js');

/** Output file -> `--format`; the same table is in test/examples/examples.test.ts. */
const OUTPUTS = {
  'bundle.json': 'json',
  'template.json': 'cloudformation',
  'main.tf.json': 'terraform',
  'diagram.mmd': 'mermaid',
};

if (!existsSync(join(root, 'dist', 'cjs', 'cli', 'main.js'))) {
  console.error('update-examples: dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'examples', entry.name, 'spec.yaml')))
  .map((entry) => entry.name)
  .sort();

for (const name of examples) {
  const dir = join('examples', name);
  for (const [file, format] of Object.entries(OUTPUTS)) {
    const args = [bin, 'generate', '--spec', join(dir, 'spec.yaml'), '--format', format, '--out', join(dir, file)];
    try {
      // Advisories come on stderr; bundle.json carries them, so they are shown only on failure.
      execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
    } catch (error) {
      console.error(`update-examples: policygen ${args.slice(1).join(' ')} failed:\n${error.stderr ?? error.message}`);
      process.exit(1);
    }
  }
  console.log(`update-examples: ${dir}: ${Object.keys(OUTPUTS).join(', ')}`);
}
