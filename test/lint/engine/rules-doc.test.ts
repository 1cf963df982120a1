import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_METAS } from '../../../src/lint/rules';

const ROOT = join(__dirname, '..', '..', '..');

describe("README.md's rules table", () => {
  it('should be what scripts/generate-rules-doc.mjs writes from the registry', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-rules-doc.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('should have an anchor for every code, and every code should be unique and SCREAMING_SNAKE_CASE', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const codes = RULE_METAS.map((m) => m.code);
    expect(codes.filter((c) => !readme.includes(`<a id="${c}"></a>`))).toEqual([]);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect(codes.filter((c) => !/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(c))).toEqual([]);
  });
});
