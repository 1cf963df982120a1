import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADVISORIES, RULE_METAS } from '../../src';
import { AWS_SOURCES, cite } from '../../src/model/aws-sources';

const ROOT = resolve(__dirname, '../..');
// The project's internal notes: users have neither the file nor its section numbers.
const INTERNAL = /DOMAIN\.md/;

describe('user-visible text cites AWS pages, not internal notes', () => {
  it.each(RULE_METAS.map((m) => [m.code, m] as const))('rule %s', (_code, meta) => {
    expect(JSON.stringify(meta)).not.toMatch(INTERNAL);
  });

  it.each(Object.entries(ADVISORIES))('advisory %s', (_id, advisory) => {
    expect(JSON.stringify(advisory)).not.toMatch(INTERNAL);
  });

  const docs = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  it.each(docs)('%s', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(INTERNAL);
  });
});

describe('AWS_SOURCES', () => {
  it('should list the same pages as the Sources table of docs/aws-facts.md, by short name', () => {
    const facts = readFileSync(join(ROOT, 'docs/aws-facts.md'), 'utf8');
    const rows = [...facts.matchAll(/^\| ([A-Z-]+) \|.*?\((https:\/\/[^)]+)\)/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(AWS_SOURCES).map(([id, s]) => [id, s.url])));
  });

  it('should point only at AWS documentation or aws-samples, over https', () => {
    for (const { url } of Object.values(AWS_SOURCES)) expect(url).toMatch(/^https:\/\/(docs\.aws\.amazon\.com\/|github\.com\/aws-samples\/)/);
  });

  it('should cite one page as "Source:" and several as "Sources:"', () => {
    expect(cite('PL')).toBe('Source: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html');
    expect(cite('PL', 'DP')).toBe(
      'Sources: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html, https://github.com/aws-samples/data-perimeter-policy-examples',
    );
  });

  it('should give every rule that cites a page a URL of AWS_SOURCES', () => {
    const urls = new Set<string>(Object.values(AWS_SOURCES).map((s) => s.url));
    const cited = RULE_METAS.flatMap((m) => [...m.description.matchAll(/https:\/\/[^\s,;)]+[^\s,;).]/g)].map((x) => x[0]));
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((u) => !urls.has(u))).toEqual([]);
  });
});
