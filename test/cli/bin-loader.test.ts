import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REPO_ROOT, runBin } from './helpers';

// bin/policygen.js runs the CLI from one bundled file (scripts/build-cli-bundle.mjs) with a V8 code
// cache; these tests hold it to the same behaviour as the compiled modules it is built from.

interface Loaded {
  readonly exports: { main: (argv: readonly string[], ctx: object) => Promise<number> };
  readonly script: { readonly cachedDataRejected?: boolean };
}
const { BUNDLE, cacheFileFor, loadBundle, v8FlagsFor } = require('../../bin/load-cli.js') as {
  BUNDLE: string;
  cacheFileFor: (flags: string | undefined) => string;
  loadBundle: (file: string, options?: { cacheFile?: string }) => Loaded;
  v8FlagsFor: (argv: readonly string[]) => string | undefined;
};
const BUILT = existsSync(BUNDLE);

async function run(cli: Loaded['exports'], argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: REPO_ROOT, stdoutIsTTY: false, stderrIsTTY: false };
  const code = await cli.main(argv, ctx);
  return { code, stdout, stderr };
}

(BUILT ? describe : describe.skip)('the bundled CLI (after npm run build)', () => {
  it('should be the file bin/policygen.js runs, with a code cache this Node.js accepts for the default V8 flags', () => {
    expect(BUNDLE).toBe(resolve(REPO_ROOT, 'dist/cjs/cli/bundle.js'));
    expect(v8FlagsFor(['generate', '--example'])).toBeUndefined();
    expect(loadBundle(BUNDLE, { cacheFile: cacheFileFor(undefined) }).script.cachedDataRejected).toBe(false);
  });

  it('should have a second cache for the V8 flags of lint (they cannot be set in this process: the bin sets them)', () => {
    expect(cacheFileFor(v8FlagsFor(['lint', 'x.json']))).not.toBe(cacheFileFor(undefined));
    expect(existsSync(cacheFileFor(v8FlagsFor(['lint', 'x.json'])))).toBe(true);
  });

  it.each([
    [['generate', '--example']],
    [['generate', '--example', '--format', 'terraform']],
    [['lint', 'test/fixtures/lint-core', '--format', 'json']],
    [['lint', 'test/fixtures/lint-core/tree/nope.json']],
    [['check', '--template', 'examples/fargate-awslogs/template.json', '--format', 'json']],
    [['--version']],
  ])('should answer %j with the same exit code and bytes as the compiled modules', async (argv) => {
    const modules = require(resolve(REPO_ROOT, 'dist/cjs/cli/main.js')) as Loaded['exports'];
    const fromModules = await run(modules, argv);
    expect(await run(loadBundle(BUNDLE).exports, argv)).toEqual(fromModules);
    expect(fromModules.stdout.length + fromModules.stderr.length).toBeGreaterThan(0);
  });

  it('should ignore a cache it cannot use and still run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-bundle-'));
    try {
      // dist/cjs/cli/ beside dist/iam-catalog.json and package.json, as the bundle expects.
      const cli = join(dir, 'dist', 'cjs', 'cli');
      mkdirSync(cli, { recursive: true });
      copyFileSync(resolve(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
      copyFileSync(resolve(REPO_ROOT, 'dist/iam-catalog.json'), join(dir, 'dist', 'iam-catalog.json'));
      copyFileSync(BUNDLE, join(cli, 'bundle.js'));
      writeFileSync(join(cli, 'bundle.js.cache'), Buffer.alloc(4096, 7));
      const loaded = loadBundle(join(cli, 'bundle.js'), { cacheFile: join(cli, 'bundle.js.cache') });
      expect(loaded.script.cachedDataRejected).toBe(true);
      const result = await run(loaded.exports, ['lint', 'test/fixtures/lint-core/good-role.json']);
      expect(result).toEqual({ code: 0, stdout: expect.stringContaining('no findings'), stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should run from the bin as users do, lint under its V8 flags with its cache', () => {
    const lint = runBin(['lint', 'test/fixtures/lint-core/good-role.json']);
    expect(lint).toEqual({ status: 0, stdout: 'policygen lint: 1 file, no findings\n', stderr: '' });
    const generate = runBin(['s3-gateway-policy', '--region', 'eu-west-1']);
    expect(generate.status).toBe(0);
    expect(JSON.parse(generate.stdout).Statement.length).toBeGreaterThan(0);
  });

  it('should run the compiled modules when the bundle is missing or older than they are (a tsc run alone)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-bin-'));
    try {
      cpSync(resolve(REPO_ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
      cpSync(resolve(REPO_ROOT, 'dist'), join(dir, 'dist'), { recursive: true, preserveTimestamps: true });
      copyFileSync(resolve(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
      symlinkSync(resolve(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
      const modulesLoaded = `
        const l = require(${JSON.stringify(join(dir, 'bin/load-cli.js'))});
        const cli = l.loadCli(['--version']);
        process.stdout.write(JSON.stringify([l.bundleIsCurrent(), require.cache[${JSON.stringify(join(dir, 'dist/cjs/cli/main.js'))}] !== undefined, typeof cli.main]));`;
      const ask = () => JSON.parse(spawnSync(process.execPath, ['-e', modulesLoaded], { encoding: 'utf8' }).stdout) as unknown;
      expect(ask()).toEqual([true, false, 'function']);
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(dir, 'dist/cjs/cli/main.js'), later, later);
      expect(ask()).toEqual([false, true, 'function']);
      rmSync(join(dir, 'dist/cjs/cli/bundle.js'));
      expect(ask()).toEqual([false, true, 'function']);
      const run = spawnSync(process.execPath, [join(dir, 'bin/policygen.js'), 'lint', resolve(REPO_ROOT, 'test/fixtures/lint-core/good-role.json')], {
        encoding: 'utf8',
      });
      expect([run.status, run.stdout, run.stderr]).toEqual([0, 'policygen lint: 1 file, no findings\n', '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should load the lint cache under the lint flags (checked in a child process, where the flags can be set)', () => {
    const script = `
      const l = require(${JSON.stringify(resolve(REPO_ROOT, 'bin/load-cli.js'))});
      const flags = l.v8FlagsFor(['lint']);
      if (flags !== undefined) require('node:v8').setFlagsFromString(flags);
      process.stdout.write(String(l.loadBundle(l.BUNDLE, { cacheFile: l.cacheFileFor(flags) }).script.cachedDataRejected));`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.stdout).toBe('false');
  });
});
