import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('src/model/*.generated.ts and validators.generated.js', () => {
  it('should be what scripts/generate-schemas.mjs writes from schemas/', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-schemas.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
