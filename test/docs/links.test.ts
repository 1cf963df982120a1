import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fencedBlocks } from './markdown-examples';

/**
 * The README links into docs/ and the pages link to each other and to their sections: a link that
 * leads nowhere is a doc a newcomer cannot follow. Anchors are GitHub's heading slugs, or explicit
 * `<a id>`s (the rule codes of docs/rules.md).
 */

const ROOT = join(__dirname, '..', '..');
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
].sort();

/** The Markdown outside fenced blocks: links and citations inside code are examples, not prose. */
function prose(markdown: string): string {
  let text = markdown;
  for (const block of [...fencedBlocks(markdown)].reverse()) text = text.slice(0, block.bodyStart) + text.slice(block.bodyEnd);
  return text;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped but for - and _, spaces to -. */
export function headingSlug(heading: string): string {
  return heading
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const text = prose(markdown);
  const ids = [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingSlug(m[1]!));
  const explicit = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!);
  return new Set([...ids, ...explicit]);
}

describe('headingSlug', () => {
  it('should make the anchors GitHub makes', () => {
    expect(headingSlug('`policygen s3-gateway-policy`')).toBe('policygen-s3-gateway-policy');
    expect(headingSlug('3. Least-privilege policies')).toBe('3-least-privilege-policies');
    expect(headingSlug('cfn-guard rules and the CDK validation plugin')).toBe('cfn-guard-rules-and-the-cdk-validation-plugin');
  });
});

describe.each(DOCS)('%s', (doc) => {
  const markdown = readFileSync(join(ROOT, doc), 'utf8');

  it('should link only to files and sections that exist', () => {
    const broken: string[] = [];
    for (const [, target] of prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:: not checked offline
      const [path, anchor] = target!.split('#') as [string, string | undefined];
      const file = path === '' ? doc : normalize(join(dirname(doc), path));
      if (!existsSync(join(ROOT, file))) {
        broken.push(`${target}: no file ${file}`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(join(ROOT, file), 'utf8')).has(anchor)) {
        broken.push(`${target}: no section #${anchor} in ${file}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('should state AWS facts with their AWS source, not as a section of the project notes users do not have', () => {
    expect(prose(markdown)).not.toMatch(/DOMAIN\.md/);
  });
});
