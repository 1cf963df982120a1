import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { discoverFiles, readLintInputs } from '../../../src/cli/lint-files';
import { CliIoError } from '../../../src/cli/io';

const FIXTURES = resolve(__dirname, '../../fixtures/lint-core');

const discover = (paths: readonly string[], cwd = FIXTURES, ignored: (p: string) => boolean = () => false) =>
  discoverFiles(paths, { cwd, baseDir: cwd, isIgnored: ignored }).map((f) => (f.kind ? `${f.file} (${f.kind})` : f.file));

describe('discoverFiles', () => {
  it('should search a folder recursively for .json, .yaml, .yml and .template, skipping dot-files, and expand cdk.out into its templates', () => {
    expect(discover(['tree'])).toEqual([
      'tree/cdk.out/App.template.json (cloudformation)',
      'tree/cdk.out/assembly-Stage/Stage.template.json (cloudformation)',
      'tree/role.json',
      'tree/sub/endpoint.yaml',
    ]);
  });

  it('should take a cdk.out folder given directly, with the stack environments its manifest states and the assembly each belongs to', () => {
    expect(discoverFiles(['tree/cdk.out'], { cwd: FIXTURES, baseDir: FIXTURES, isIgnored: () => false })).toEqual([
      {
        file: 'tree/cdk.out/App.template.json',
        absolute: join(FIXTURES, 'tree/cdk.out/App.template.json'),
        kind: 'cloudformation',
        environment: { region: 'eu-west-1', account: '111122223333' },
        assembly: join(FIXTURES, 'tree/cdk.out'),
      },
      {
        file: 'tree/cdk.out/assembly-Stage/Stage.template.json',
        absolute: join(FIXTURES, 'tree/cdk.out/assembly-Stage/Stage.template.json'),
        kind: 'cloudformation',
        // A stage is a nested cloud assembly: its nested stack templates are assets of its own folder.
        assembly: join(FIXTURES, 'tree/cdk.out/assembly-Stage'),
      },
    ]);
  });

  it('should take every folder for a cloud assembly with --kind cdk-out: one without a manifest says so', () => {
    const asAssembly = (paths: readonly string[]) =>
      discoverFiles(paths, { cwd: FIXTURES, baseDir: FIXTURES, isIgnored: () => false, cdkOut: true }).map((f) => `${f.file} ${f.kind ?? ''}`.trim());
    expect(asAssembly(['tree/cdk.out/assembly-Stage'])).toEqual(['tree/cdk.out/assembly-Stage/Stage.template.json cloudformation']);
    expect(asAssembly(['tree/sub'])).toEqual(['tree/sub/manifest.json']);
  });

  it('should read a file named on the command line whatever its name, once, in the order given', () => {
    expect(discover(['tree/notes.txt', 'good-role.json', './good-role.json', 'tree/.hidden/broken.json'])).toEqual([
      'tree/notes.txt',
      'good-role.json',
      'tree/.hidden/broken.json',
    ]);
  });

  it('should expand globs with *, ** and ?', () => {
    expect(discover(['tree/*.json'])).toEqual(['tree/role.json']);
    expect(discover(['tree/**/*.yaml'])).toEqual(['tree/sub/endpoint.yaml']);
    expect(discover(['**/Stage.template.jso?'])).toEqual(['tree/cdk.out/assembly-Stage/Stage.template.json']);
    expect(discover(['./tree/*.txt'])).toEqual(['tree/notes.txt']);
  });

  it('should leave out ignored files, even when named', () => {
    expect(discover(['tree', 'good-role.json'], FIXTURES, (p) => p.startsWith('tree/cdk.out/') || p === 'good-role.json')).toEqual([
      'tree/role.json',
      'tree/sub/endpoint.yaml',
    ]);
  });

  it('should refuse a missing path and a glob that matches nothing', () => {
    expect(() => discover(['nope.json'])).toThrow(new CliIoError('cannot read nope.json: no such file or folder'));
    expect(() => discover(['tree/*.nothing'])).toThrow(new CliIoError('no files match tree/*.nothing'));
  });

  describe('in a scratch folder', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'policygen-lint-files-'));
      mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'pkg', 'policy.json'), '{}');
      writeFileSync(join(dir, 'a', 'b', 'stack.template'), '{}');
      writeFileSync(join(dir, 'a', 'x.yml'), '{}');
      writeFileSync(join(dir, 'a', 'x.JSON'), '{}');
      writeFileSync(join(dir, 'a', 'x.js'), '{}');
      // A link back to the top: a search must not loop.
      symlinkSync(dir, join(dir, 'a', 'loop'));
      symlinkSync(join(dir, 'a', 'x.yml'), join(dir, 'link.yml'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('should lint an unreadable cdk.out manifest itself, next to the templates found by name', () => {
      const out = join(dir, 'cdk.out');
      mkdirSync(out);
      writeFileSync(join(out, 'manifest.json'), '{ "artifacts": ');
      writeFileSync(join(out, 'B.template.json'), '{}');
      writeFileSync(join(out, 'A.template.json'), '{}');
      writeFileSync(join(out, 'tree.json'), '{}');
      try {
        expect(discover(['cdk.out'], dir)).toEqual([
          'cdk.out/manifest.json',
          'cdk.out/A.template.json (cloudformation)',
          'cdk.out/B.template.json (cloudformation)',
        ]);
      } finally {
        rmSync(out, { recursive: true });
      }
    });

    it('should list each assembly once, even when a manifest names its own folder, and report a missing one', () => {
      const out = join(dir, 'loop.out');
      mkdirSync(out);
      const manifest = {
        artifacts: {
          S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } },
          Self: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } },
          Gone: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Gone' } },
        },
      };
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
      writeFileSync(join(out, 'S.template.json'), '{}');
      try {
        expect(discover(['loop.out'], dir)).toEqual(['loop.out/S.template.json (cloudformation)', 'loop.out/assembly-Gone/manifest.json']);
      } finally {
        rmSync(out, { recursive: true });
      }
    });

    it('should skip node_modules, not follow folder links, and take file links', () => {
      expect(discover(['.'], dir)).toEqual(['a/b/stack.template', 'a/x.JSON', 'a/x.yml', 'link.yml']);
      expect(discover(['**/*.yml'], dir)).toEqual(['a/x.yml', 'link.yml']);
      // Globs match case-sensitively, and never inside node_modules.
      expect(() => discover(['**/*.json'], dir)).toThrow(/no files match/);
    });
  });
});

describe('readLintInputs', () => {
  it('should read bytes when asked, and turn a file that cannot be read into its reason', () => {
    const inputs = readLintInputs(
      [
        { file: 'good-role.json', absolute: join(FIXTURES, 'good-role.json') },
        { file: 'gone.json', absolute: join(FIXTURES, 'gone.json'), kind: 'policy' },
        { file: 'tree', absolute: join(FIXTURES, 'tree') },
      ],
      (f) => (f.file === 'good-role.json' ? 'trust' : undefined),
    );
    expect(inputs.map(({ read, ...rest }) => rest)).toEqual([
      { file: 'good-role.json', policyType: 'trust' },
      { file: 'gone.json', kind: 'policy' },
      { file: 'tree' },
    ]);
    const [good, gone, tree] = inputs.map((i) => i.read?.());
    expect(good && 'text' in good && Buffer.from(good.text).toString('utf8')).toMatch(/"Statement"/);
    expect(gone).toEqual({ readError: 'no such file' });
    expect(tree).toEqual({ readError: 'is a directory' });
  });
});
