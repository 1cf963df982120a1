import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_METAS } from '../../src/lint/rules';

const ROOT = join(__dirname, '..', '..');

describe('docs/rules.md', () => {
  it('should be what scripts/generate-rules-doc.mjs writes from the registry (npm run docs)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-rules-doc.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('should have an anchor for every code, and every code should be unique and SCREAMING_SNAKE_CASE', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    const codes = RULE_METAS.map((m) => m.code);
    expect(codes.filter((c) => !doc.includes(`<a id="${c}"></a>`))).toEqual([]);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect(codes.filter((c) => !/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(c))).toEqual([]);
  });

  it('should cite the AWS facts page users have, never the project notes they do not', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(doc).not.toMatch(/DOMAIN\.md/);
    // The rule texts cite the AWS pages themselves (src/model/aws-sources.ts).
    expect(doc.match(/https:\/\/docs\.aws\.amazon\.com\//g)?.length ?? 0).toBeGreaterThan(10);
  });
});
