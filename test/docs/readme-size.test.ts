import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The README is a front page (issue 12 §5): under 15 KB, one example per command, and a link to
 * every page of docs/, where the reference lives.
 */

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md', () => {
  it('should stay under 15 KB (15,000 bytes)', () => {
    expect(Buffer.byteLength(README, 'utf8')).toBeLessThan(15_000);
  });

  it('should link to every page of docs/', () => {
    const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    expect(pages.filter((page) => !README.includes(`(docs/${page}`))).toEqual([]);
  });

  it('should name every command of the CLI in its command table', () => {
    const commands = readdirSync(join(ROOT, 'src', 'cli', 'commands'))
      .filter((f) => f.endsWith('.ts') && f !== 'common.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(commands.length).toBeGreaterThan(5);
    expect(commands.filter((command) => !README.includes(`| \`${command}\` |`))).toEqual([]);
  });
});
