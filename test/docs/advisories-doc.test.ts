import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADVISORIES } from '../../src/generate/advisories';

/** docs/generate.md's advisory table names every advisory id a generator can emit, and no other. */

const page = readFileSync(join(__dirname, '..', '..', 'docs', 'generate.md'), 'utf8');
const section = page.slice(page.indexOf('\n## Advisories'), page.indexOf('\n## ', page.indexOf('\n## Advisories') + 1));
const documented = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);

describe('the advisories table of docs/generate.md', () => {
  it('should list every advisory id', () => {
    expect(Object.keys(ADVISORIES).filter((id) => !documented.includes(id))).toEqual([]);
  });

  it('should list no id that does not exist', () => {
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter((id) => !(id in ADVISORIES))).toEqual([]);
  });
});
