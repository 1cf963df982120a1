import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REPO_ROOT, runBin } from './helpers';

// bin/policygen.js runs the CLI from one bundled file (scripts/build-cli-bundle.mjs), through
// bin/load-cli.js; these tests hold it to the same behaviour as the compiled modules it is built from,
// and check what the loader adds per Node.js version (V8 flags for lint on Node 20, Node's compile
// cache from 22.1), as measured in bench/README.md.

interface Cli {
  main: (argv: readonly string[], ctx: object) => Promise<number>;
}
const { BUNDLE, LINT_BUNDLE, bundleFor, LINT_V8_FLAGS, v8FlagsFor } = require('../../bin/load-cli.js') as {
  BUNDLE: string;
  LINT_BUNDLE: string;
  bundleFor: (argv: readonly string[], env?: Readonly<Record<string, string | undefined>>) => string;
  LINT_V8_FLAGS: string;
  v8FlagsFor: (argv: readonly string[]) => string | undefined;
};
const BUILT = existsSync(BUNDLE);
/** module.enableCompileCache: added in Node.js 22.1 (nodejs.org/api/module.html#moduleenablecompilecachecachedir). */
const HAS_COMPILE_CACHE = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

async function run(cli: Cli, argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: REPO_ROOT, stdoutIsTTY: false, stderrIsTTY: false };
  const code = await cli.main(argv, ctx);
  return { code, stdout, stderr };
}

describe('the V8 flags of the bin loader', () => {
  it('should tune lint of folders, globs and many files only on the V8 of Node.js 20 (11.3), where it was measured, and leave other commands alone', () => {
    const tuned = process.versions.v8.startsWith('11.3.') ? LINT_V8_FLAGS : undefined;
    const cwd = process.cwd();
    try {
      process.chdir(REPO_ROOT);
      expect(v8FlagsFor(['lint', 'test/fixtures/lint-core'])).toBe(tuned);
      expect(v8FlagsFor(['lint', 'policies/**/*.json', '--format', 'json'])).toBe(tuned);
      expect(v8FlagsFor(['lint', ...Array.from({ length: 21 }, (_, i) => `p${i}.json`)])).toBe(tuned);
      // One file, or a few: the flags' cost (node:v8 loads Node's streams) is not repaid.
      expect(v8FlagsFor(['lint', 'test/fixtures/lint-core/good-role.json'])).toBeUndefined();
      expect(v8FlagsFor(['lint', 'a.json', 'b.json', '--format', 'json'])).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
    expect(v8FlagsFor(['generate', '--example'])).toBeUndefined();
    expect(v8FlagsFor(['diff', 'a.json', 'b.json'])).toBeUndefined();
    expect(v8FlagsFor([])).toBeUndefined();
  });
});

(BUILT ? describe : describe.skip)('the bundled CLI (after npm run build)', () => {
  it('should be the file bin/policygen.js runs', () => {
    expect(BUNDLE).toBe(resolve(REPO_ROOT, 'dist/cjs/cli/bundle.js'));
  });

  it('should run lint from the lint bundle and every other command from the whole CLI', () => {
    expect(LINT_BUNDLE).toBe(resolve(REPO_ROOT, 'dist/cjs/cli/lint-bundle.js'));
    expect(bundleFor(['lint', 'x.json'], {})).toBe(LINT_BUNDLE);
    for (const argv of [['generate', '--example'], ['check'], ['--help'], []]) expect(bundleFor(argv, {})).toBe(BUNDLE);
    // The lint bundle is minified: a debug run takes the compiled modules, whose stack traces name the source.
    for (const argv of [
      ['lint', 'x.json'],
      ['generate', '--example'],
    ]) {
      expect(bundleFor(argv, { POLICYGEN_DEBUG: '1' })).toBe(resolve(REPO_ROOT, 'dist/cjs/cli/main.js'));
    }
  });

  it.each([
    [['lint', 'test/fixtures/lint-core', '--format', 'json']],
    [['lint', 'test/fixtures/lint-core/tree/nope.json']],
    [['lint', 'test/fixtures/cloudformation/good-fargate.yaml', '--format', 'sarif']],
    [['lint', 'examples/fargate-awslogs/template.json']],
    [['lint', '--help']],
  ])('should answer %j from the lint bundle with the same exit code and bytes as the compiled modules', async (argv) => {
    const modules = require(resolve(REPO_ROOT, 'dist/cjs/cli/main.js')) as Cli;
    const fromModules = await run(modules, argv);
    expect(await run(require(LINT_BUNDLE) as Cli, argv)).toEqual(fromModules);
    expect(fromModules.stdout.length + fromModules.stderr.length).toBeGreaterThan(0);
  });

  it.each([
    [['generate', '--example']],
    [['generate', '--example', '--format', 'terraform']],
    [['lint', 'test/fixtures/lint-core', '--format', 'json']],
    [['lint', 'test/fixtures/lint-core/tree/nope.json']],
    [['check', '--template', 'examples/fargate-awslogs/template.json', '--format', 'json']],
    [['--version']],
  ])('should answer %j with the same exit code and bytes as the compiled modules', async (argv) => {
    const modules = require(resolve(REPO_ROOT, 'dist/cjs/cli/main.js')) as Cli;
    const fromModules = await run(modules, argv);
    expect(await run(require(BUNDLE) as Cli, argv)).toEqual(fromModules);
    expect(fromModules.stdout.length + fromModules.stderr.length).toBeGreaterThan(0);
  });

  it("should read the lint bundle's second file only for templates, with one copy of each module between the two", () => {
    // scripts/build-cli-bundle.mjs: the template readers, the pull walk and SARIF live in lint-bundle-lazy.js.
    const lazyFile = resolve(REPO_ROOT, 'dist/cjs/cli/lint-bundle-lazy.js');
    const filesLoadedBy = (argv: readonly string[]): string[] => {
      const script = `
        const ctx = { stdout: () => {}, stderr: () => {}, cwd: ${JSON.stringify(REPO_ROOT)}, stdoutIsTTY: false, stderrIsTTY: false };
        require(${JSON.stringify(LINT_BUNDLE)}).main(${JSON.stringify(argv)}, ctx).then(() => process.stdout.write(JSON.stringify(Object.keys(require.cache))));`;
      return JSON.parse(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout) as string[];
    };
    expect(filesLoadedBy(['lint', 'test/fixtures/lint-core/good-role.json'])).not.toContain(lazyFile);
    expect(filesLoadedBy(['lint', 'examples/fargate-awslogs/template.json'])).toContain(lazyFile);
    expect(filesLoadedBy(['lint', 'test/fixtures/lint-core/good-role.json', '--format', 'sarif'])).toContain(lazyFile);
    // esbuild wraps each bundled module as `__commonJS({ "dist/cjs/...js"(exports, module) {`, minified
    // `n({"dist/cjs/...js"(e,t){`: the module's path is a method name. No module may be in both files.
    const modulesIn = (file: string): string[] =>
      [...readFileSync(file, 'utf8').matchAll(/[{,]\s*"((?:dist\/cjs|node_modules)\/[^"]+\.js)"\(/g)].map((m) => m[1] as string);
    const inLintBundle = new Set(modulesIn(LINT_BUNDLE));
    const inLazyFile = modulesIn(lazyFile);
    expect(inLazyFile).toEqual(expect.arrayContaining(['dist/cjs/template/cloudformation.js', 'dist/cjs/pull/index.js']));
    expect(inLintBundle.has('dist/cjs/model/errors.js')).toBe(true);
    expect(inLazyFile.filter((m) => inLintBundle.has(m))).toEqual([]);
  });

  it('should run from the bin as users do, lint under its V8 flags', () => {
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

  describe('the compile cache of Node.js >= 22.1', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'policygen-compile-cache-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** A bin run with the compile cache pointed at `dir`; the files it left there. */
    const lintWithCacheIn = (extraEnv: Record<string, string> = {}): { status: number | null; stdout: string; cached: string[] } => {
      const result = spawnSync(process.execPath, [resolve(REPO_ROOT, 'bin/policygen.js'), 'lint', 'test/fixtures/lint-core/good-role.json'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_COMPILE_CACHE: dir, ...extraEnv },
      });
      return { status: result.status, stdout: result.stdout, cached: readdirSync(dir, { recursive: true }).map(String) };
    };

    (HAS_COMPILE_CACHE ? it : it.skip)('should write the cache on a first run and run the same from it the second time', () => {
      const first = lintWithCacheIn();
      expect(first.status).toBe(0);
      expect(first.cached.length).toBeGreaterThan(0);
      const second = lintWithCacheIn();
      expect([second.status, second.stdout]).toEqual([first.status, first.stdout]);
    });

    (HAS_COMPILE_CACHE ? it : it.skip)('should write nothing when NODE_DISABLE_COMPILE_CACHE=1 (Node.js’s own switch)', () => {
      const run = lintWithCacheIn({ NODE_DISABLE_COMPILE_CACHE: '1' });
      expect([run.status, run.cached]).toEqual([0, []]);
    });

    (HAS_COMPILE_CACHE ? it.skip : it)('should not use it on a Node.js that has none (20)', () => {
      const run = lintWithCacheIn();
      // NODE_COMPILE_CACHE came with the API, in 22.1: Node.js 20 ignores it.
      expect([run.status, run.stdout, run.cached]).toEqual([0, 'policygen lint: 1 file, no findings\n', []]);
    });
  });

  describe("the bin's own code cache on Node.js < 22.1 (bin/load-cli.js requireWithCodeCache)", () => {
    // An installed package: <tmp>/node_modules/policygen, whose cache folder is <tmp>/node_modules/.cache/policygen.
    let dir: string;
    let cacheDir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'policygen-code-cache-'));
      const pkg = join(dir, 'node_modules', 'policygen');
      for (const part of ['bin', 'dist', 'package.json']) cpSync(resolve(REPO_ROOT, part), join(pkg, part), { recursive: true, preserveTimestamps: true });
      for (const dep of ['yaml', 'commander', '@cloud-copilot']) symlinkSync(resolve(REPO_ROOT, 'node_modules', dep), join(dir, 'node_modules', dep));
      cacheDir = join(dir, 'node_modules', '.cache', 'policygen');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const binRun = (args: readonly string[], extraEnv: Record<string, string> = {}) => {
      const env: Record<string, string | undefined> = { ...process.env, ...extraEnv };
      delete env['POLICYGEN_DEBUG'];
      const result = spawnSync(process.execPath, [join(dir, 'node_modules', 'policygen', 'bin', 'policygen.js'), ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env,
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const cacheFiles = (): string[] =>
      existsSync(cacheDir)
        ? readdirSync(cacheDir)
            .filter((f) => f.endsWith('.v8cache'))
            .sort()
        : [];
    const LINT = ['lint', 'test/fixtures/lint-core/good-role.json'];
    const CLEAN = { status: 0, stdout: 'policygen lint: 1 file, no findings\n', stderr: '' };

    (HAS_COMPILE_CACHE ? it.skip : it)('should write the cache on the first run, and run from it unchanged the second time', () => {
      expect(binRun(LINT)).toEqual(CLEAN);
      const [file, ...others] = cacheFiles();
      expect(others).toEqual([]);
      expect(file).toMatch(new RegExp(`^lint-bundle-[\\d-]+-node${process.version.replace(/\./g, '\\.')}-${process.platform}-${process.arch}\\.v8cache$`));
      const written = statSync(join(cacheDir, file as string));
      expect(written.mode & 0o077).toBe(0);
      expect(binRun(LINT)).toEqual(CLEAN);
      // V8 took the cache: a rejected one would have been written again.
      expect(statSync(join(cacheDir, file as string)).mtimeMs).toBe(written.mtimeMs);
      // A template run needs the lint bundle's second file, which must see the same modules.
      const template = binRun(['lint', 'examples/fargate-awslogs/template.json', '--format', 'json']);
      expect(template).toEqual(runBin(['lint', 'examples/fargate-awslogs/template.json', '--format', 'json']));
    });

    (HAS_COMPILE_CACHE ? it.skip : it)('should run right from a corrupt cache and replace it; ignore one others could write', () => {
      expect(binRun(LINT)).toEqual(CLEAN);
      const file = join(cacheDir, cacheFiles()[0] as string);
      writeFileSync(file, Buffer.alloc(4096, 7), { mode: 0o600 });
      expect(binRun(LINT)).toEqual(CLEAN);
      expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
      // Group-writable: not read, and replaced by one of this user's only.
      chmodSync(file, 0o666);
      expect(binRun(LINT)).toEqual(CLEAN);
      expect(statSync(file).mode & 0o077).toBe(0);
    });

    (HAS_COMPILE_CACHE ? it.skip : it)('should key the cache to the bundle as it is now, and keep one per bundle in the install', () => {
      expect(binRun(LINT)).toEqual(CLEAN);
      const [before] = cacheFiles();
      // A rebuilt bundle: same bytes, a new file. Its cache replaces the old one.
      const bundle = join(dir, 'node_modules', 'policygen', 'dist', 'cjs', 'cli', 'lint-bundle.js');
      const text = readFileSync(bundle);
      rmSync(bundle);
      writeFileSync(bundle, text);
      expect(binRun(LINT)).toEqual(CLEAN);
      const after = cacheFiles();
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);
    });

    (HAS_COMPILE_CACHE ? it.skip : it)("should write nothing with NODE_DISABLE_COMPILE_CACHE=1 (Node.js's own switch)", () => {
      expect(binRun(LINT, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(CLEAN);
      expect(cacheFiles()).toEqual([]);
    });

    (HAS_COMPILE_CACHE ? it : it.skip)("should leave caching to Node.js's compile cache", () => {
      expect(binRun(LINT)).toEqual(CLEAN);
      expect(cacheFiles()).toEqual([]);
    });
  });
});

/**
 * The modules a run loads (src/model/lazy-module.ts): a cold `lint` of JSON in a pre-commit hook
 * should not pay for the YAML parser, the 15 MB IAM data package (the build wrote the catalog) or
 * the SARIF renderer, and a generator run should not load the linter. Checked on the compiled modules
 * in a child process, where require.cache lists what was loaded.
 */
(existsSync(resolve(REPO_ROOT, 'dist/iam-catalog.json')) ? describe : describe.skip)('the modules a CLI run loads (after npm run build)', () => {
  const loadedBy = (argv: readonly string[]): string[] => {
    const script = `
      const ctx = { stdout: () => {}, stderr: () => {}, cwd: ${JSON.stringify(REPO_ROOT)}, stdoutIsTTY: false, stderrIsTTY: false };
      require(${JSON.stringify(resolve(REPO_ROOT, 'dist/cjs/cli/main.js'))}).main(${JSON.stringify(argv)}, ctx).then((code) => {
        process.stdout.write(JSON.stringify([code, ...Object.keys(require.cache)]));
      });`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const [code, ...files] = JSON.parse(result.stdout) as [number, ...string[]];
    // 0 no findings, 1 findings: either way the run went through.
    expect([0, 1]).toContain(code);
    return files.map((f) => f.split(/[\\/]/).join('/'));
  };
  const matching = (files: readonly string[], pattern: RegExp) => files.filter((f) => pattern.test(f));

  it('should lint a JSON policy without the yaml package, the IAM data package or the SARIF renderer', () => {
    const files = loadedBy(['lint', 'test/fixtures/lint-core/good-role.json']);
    expect(matching(files, /\/dist\/cjs\/lint\/engine\.js$/)).toHaveLength(1);
    expect(matching(files, /\/node_modules\/(yaml|@cloud-copilot\/iam-data)\//)).toEqual([]);
    expect(matching(files, /\/render\/lint-sarif\.js$/)).toEqual([]);
    // The template and plan readers and the pull walk: only for templates and plans.
    expect(matching(files, /\/dist\/cjs\/(template\/(cloudformation|terraform-plan)|pull\/index|simulate\/index)\.js$/)).toEqual([]);
  });

  it('should load the CloudFormation reader and the pull walk for a template', () => {
    const files = loadedBy(['lint', 'examples/fargate-awslogs/template.json']);
    expect(matching(files, /\/dist\/cjs\/(template\/cloudformation|pull\/index)\.js$/)).toHaveLength(2);
  });

  it('should load the SARIF renderer for --format sarif, and the yaml package for a YAML template', () => {
    expect(matching(loadedBy(['lint', 'test/fixtures/lint-core/good-role.json', '--format', 'sarif']), /\/render\/lint-sarif\.js$/)).toHaveLength(1);
    expect(matching(loadedBy(['lint', 'test/fixtures/cloudformation/good-fargate.yaml']), /\/node_modules\/yaml\//).length).toBeGreaterThan(0);
  });

  it("should lint a clean policy file from the bin without Node's streams, sockets or node:v8", () => {
    // Each costs a cold one-file lint CPU time (bench/README.md): process.stdout and node:net load
    // the streams, node:v8 (the V8 flags, for long runs only) loads them too.
    const dir = mkdtempSync(join(tmpdir(), 'policygen-builtins-'));
    try {
      const hook = join(dir, 'hook.cjs');
      const list = join(dir, 'modules.json');
      writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)));`);
      const env = { ...process.env };
      delete env['POLICYGEN_DEBUG'];
      const run = spawnSync(process.execPath, ['-r', hook, resolve(REPO_ROOT, 'bin/policygen.js'), 'lint', 'test/fixtures/lint-core/good-role.json'], {
        cwd: REPO_ROOT,
        env,
        encoding: 'utf8',
      });
      expect(run.stdout).toBe('policygen lint: 1 file, no findings\n');
      const loaded = JSON.parse(readFileSync(list, 'utf8')) as string[];
      expect(loaded.filter((m) => /^NativeModule (stream|net|v8|tty)$/.test(m))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should generate without loading the linter, the check or the diff', () => {
    const files = loadedBy(['generate', '--example']);
    expect(matching(files, /\/dist\/cjs\/(lint|check|diff)\//)).toEqual([]);
  });
});

describe('the bin in a source checkout without dist/', () => {
  // After `npm ci` a clone has no dist/ (the package builds in prepack). A tree with bin/, a
  // tsconfig.build.json and a build script that writes a stand-in CLI shows the first run building it.
  const tree = (withBuildConfig: boolean): string => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-checkout-'));
    cpSync(resolve(REPO_ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    const standIn =
      "require('node:fs').mkdirSync('dist/cjs/cli',{recursive:true});require('node:fs').writeFileSync('dist/cjs/cli/main.js','exports.main=async(a)=>{process.stdout.write(JSON.stringify(a)+String.fromCharCode(10));return 0}')";
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'policygen', version: '0.0.0', scripts: { build: `node -e "${standIn}"` } }));
    if (withBuildConfig) writeFileSync(join(dir, 'tsconfig.build.json'), '{}');
    return dir;
  };

  it('should build dist/ on the first run, with the build on stderr and only the command on stdout', () => {
    const dir = tree(true);
    try {
      const first = spawnSync(process.execPath, [join(dir, 'bin', 'policygen.js'), 'generate', '--example'], { encoding: 'utf8' });
      expect(first.status).toBe(0);
      expect(first.stdout).toBe('["generate","--example"]\n');
      expect(first.stderr).toContain('first run in a source checkout: building dist/');
      const second = spawnSync(process.execPath, [join(dir, 'bin', 'policygen.js'), 'plan'], { encoding: 'utf8' });
      expect(second.stdout).toBe('["plan"]\n');
      expect(second.stderr).not.toContain('building dist/');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should never build where there is no build configuration (the published package)', () => {
    const dir = tree(false);
    try {
      const run = spawnSync(process.execPath, [join(dir, 'bin', 'policygen.js'), 'plan'], { encoding: 'utf8' });
      expect(run.status).not.toBe(0);
      expect(run.stderr).not.toContain('building dist/');
      expect(existsSync(join(dir, 'dist'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
