import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
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
  bundleFor: (argv: readonly string[]) => string;
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
  it('should tune lint only on the V8 of Node.js 20 (11.3), where it was measured, and leave other commands alone', () => {
    expect(v8FlagsFor(['lint', 'x.json'])).toBe(process.versions.v8.startsWith('11.3.') ? LINT_V8_FLAGS : undefined);
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
    expect(bundleFor(['lint', 'x.json'])).toBe(LINT_BUNDLE);
    for (const argv of [['generate', '--example'], ['check'], ['--help'], []]) expect(bundleFor(argv)).toBe(BUNDLE);
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
    // esbuild wraps each bundled module as `var require_x = __commonJS({ "dist/cjs/...js"(`: no module may be in both files.
    const modulesIn = (file: string): string[] =>
      [...readFileSync(file, 'utf8').matchAll(/^var require_[\w$]+ = __commonJS\(\{\n\s+"([^"]+)"\(/gm)].map((m) => m[1] as string);
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

    (HAS_COMPILE_CACHE ? it.skip : it)('should run without one on a Node.js that has none (20)', () => {
      const run = lintWithCacheIn();
      // NODE_COMPILE_CACHE came with the API, in 22.1: Node.js 20 ignores it.
      expect([run.status, run.stdout, run.cached]).toEqual([0, 'policygen lint: 1 file, no findings\n', []]);
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
