import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('src/model/regions.generated.ts', () => {
  it('should be what scripts/generate-regions.mjs writes from the installed packages', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-regions.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
