import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every function, constant and class of the public API (test/architecture/public-api.snapshot.txt,
 * which the compiler writes) is named in its reference page: src/index.ts in docs/library.md, the
 * CDK entry in docs/iac.md. An export nobody can find is either documented or removed.
 */

const ROOT = join(__dirname, '..', '..');
const PAGES: Readonly<Record<string, string>> = { 'src/index.ts': 'docs/library.md', 'src/cdk/index.ts': 'docs/iac.md' };

function valueExports(): Map<string, string[]> {
  const byEntry = new Map<string, string[]>();
  let entry = '';
  for (const line of readFileSync(join(ROOT, 'test', 'architecture', 'public-api.snapshot.txt'), 'utf8').split('\n')) {
    const heading = /^# (\S+)$/.exec(line);
    if (heading) byEntry.set((entry = heading[1]!), []);
    const value = /^(?:function|const|class) ([A-Za-z_$][\w$]*)/.exec(line);
    if (value && !byEntry.get(entry)!.includes(value[1]!)) byEntry.get(entry)!.push(value[1]!);
  }
  return byEntry;
}

describe.each(Object.entries(PAGES))('the exports of %s', (entry, page) => {
  it(`should each be named in ${page}`, () => {
    const names = valueExports().get(entry) ?? [];
    expect(names.length).toBeGreaterThan(0);
    const text = readFileSync(join(ROOT, page), 'utf8');
    expect(names.filter((name) => !new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(text))).toEqual([]);
  });
});
