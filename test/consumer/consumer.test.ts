/**
 * The published package as users get it: `npm pack` of the built repository, installed into scratch
 * projects (ESM, CommonJS, a CDK app), imported by name, type-checked, and its bin run. Needs a build
 * first (`npm test` builds; by hand: `npx tsc -p tsconfig.build.json && node scripts/build-esm.mjs`).
 *
 * Installs are offline from the npm cache that the repository's own install filled; when a package
 * is not cached, the project gets the tarball unpacked and the repository's installed copies linked
 * (the `install` column of the summary says which).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { consumerTscArgs } from '../support/tsc';

const run = promisify(execFile);
// Timeouts are hang guards, not goals: a tsc run or a CDK synth takes ~10 s on an idle 2-core
// machine and several times that on a shared one (CI runners, several test runs at once), so those
// get 4 minutes and a test that spawns node or npx gets one.
jest.setTimeout(60_000);
const root = resolve(__dirname, '../..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  dependencies: Record<string, string>;
  exports: Record<string, string | Record<string, Record<string, string>>>;
};
const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const CDK_PACKAGES = [`aws-cdk-lib@${installedVersion('aws-cdk-lib')}`, `constructs@${installedVersion('constructs')}`];

/**
 * The environment without the npm_* variables that `npm test` sets for its scripts: a scratch
 * project's npm must read its own folder's configuration, not the repository's (`omit=peer`, prefix).
 * The cache location stays: the offline installs read it.
 */
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || /^npm_config_cache$/i.test(key)));
const npm = (cwd: string, args: readonly string[]) => run('npm', [...args], { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
const node = (cwd: string, args: readonly string[]) => run(process.execPath, [...args], { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });

let scratch: string;
let tarball: string;
let packedFiles: string[];
const installs: Record<string, 'npm --offline' | 'linked'> = {};
/** What npm printed while installing each project (warnings included), when npm installed it. */
const installOutput: Record<string, string> = {};

/** A scratch project with the tarball (and `extra` packages) installed. */
async function project(name: string, manifest: object, extra: readonly string[] = []): Promise<string> {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, ...manifest }, null, 2));
  try {
    const { stdout, stderr } = await npm(dir, ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=warn', tarball, ...extra]);
    installs[name] = 'npm --offline';
    installOutput[name] = `${stdout}${stderr}`;
  } catch {
    // Not all in the npm cache: unpack the tarball and link the repository's installed dependencies.
    const modules = join(dir, 'node_modules');
    mkdirSync(join(modules, 'policygen'), { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', join(modules, 'policygen'), '--strip-components=1']);
    // What npm does for the bins: a link in node_modules/.bin, the target made executable.
    const { bin } = JSON.parse(readFileSync(join(modules, 'policygen/package.json'), 'utf8')) as { bin: Record<string, string> };
    mkdirSync(join(modules, '.bin'));
    for (const [name, target] of Object.entries(bin)) {
      chmodSync(join(modules, 'policygen', target), 0o755);
      symlinkSync(join('..', 'policygen', target), join(modules, '.bin', name));
    }
    for (const dep of [...Object.keys(rootPackage.dependencies), ...extra.map((e) => e.replace(/@[^@]*$/, ''))]) {
      mkdirSync(join(modules, dep, '..'), { recursive: true });
      symlinkSync(join(root, 'node_modules', dep), join(modules, dep), 'dir');
    }
    installs[name] = 'linked';
  }
  return dir;
}

let esm: string;
let cjs: string;
let cdk: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/cjs/cdk/index.js')) || !existsSync(join(root, 'dist/esm/cdk/index.mjs'))) {
    throw new Error('dist/ is not built: run `npx tsc -p tsconfig.build.json && node scripts/build-esm.mjs` first (`npm test` builds before jest)');
  }
  scratch = mkdtempSync(join(tmpdir(), 'policygen-consumers-'));
  // --ignore-scripts: `prepack` would rebuild (and clean dist/) in the middle of a test run.
  const { stdout } = await npm(root, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch]);
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(scratch, packed!.filename);
  packedFiles = packed!.files.map((f) => f.path).sort();
  // Concurrent installs share the npm cache safely (cacache).
  [esm, cjs, cdk] = await Promise.all([project('esm', { type: 'module' }), project('cjs', {}), project('cdk-app', { type: 'module' }, CDK_PACKAGES)]);
}, 240_000);

afterAll(() => {
  if (Object.values(installs).includes('linked')) console.info(`consumer installs: ${JSON.stringify(installs)}`);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('should hold the builds, bin, schemas, guard rules and README, and no TypeScript sources or tests', () => {
    for (const file of [
      'package.json',
      'README.md',
      'bin/policygen.js',
      'bin/load-cli.js',
      'schemas/policygen-spec.schema.json',
      'dist/cjs/cli/main.js',
      'dist/cjs/cli/bundle.js',
    ]) {
      expect(packedFiles).toContain(file);
    }
    const guardRules = readdirSync(join(root, 'policies')).filter((f) => f.endsWith('.guard'));
    expect(guardRules.length).toBeGreaterThan(0);
    for (const rule of guardRules) expect(packedFiles).toContain(`policies/${rule}`);
    expect(packedFiles.filter((f) => /^(src|test|scripts|bench|examples)\//.test(f))).toEqual([]);
    expect(packedFiles.filter((f) => /\.(ts|mts|cts)$/.test(f) && !/\.d\.(ts|mts|cts)$/.test(f))).toEqual([]);
    expect([...new Set(packedFiles.map((f) => f.split('/')[0]))].sort()).toEqual(['README.md', 'bin', 'dist', 'package.json', 'policies', 'schemas']);
  });

  it('should declare no script that runs when a consumer installs it, so that npm does not warn about install scripts', () => {
    // npm's lifecycle scripts that run on install (docs.npmjs.com/cli/v11/using-npm/scripts): the
    // build is `prepack`, which runs only where the package is packed.
    const packed = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { scripts?: Record<string, string> };
    expect(Object.keys(packed.scripts ?? {}).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s))).toEqual([]);
    expect(packed.scripts?.['prepack']).toBe('npm run build');
    for (const [name, output] of Object.entries(installOutput))
      expect({ name, output }).toEqual({ name, output: expect.not.stringMatching(/install.?scripts/i) });
  });

  it('should hold every file that package.json "exports" points at', () => {
    const targets = Object.values(rootPackage.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target).flatMap((conditions) => Object.values(conditions)),
    );
    const files = targets.filter((t) => !t.includes('*')).map((t) => t.replace(/^\.\//, ''));
    expect(files).toEqual(expect.arrayContaining(['dist/cjs/cdk/index.js', 'dist/esm/cdk/index.mjs']));
    expect(files.filter((f) => !packedFiles.includes(f))).toEqual([]);
  });
});

describe('a project without aws-cdk-lib', () => {
  it('should not have aws-cdk-lib or constructs installed (optional peer dependencies)', () => {
    for (const dir of [esm, cjs]) {
      expect(existsSync(join(dir, 'node_modules/policygen/package.json'))).toBe(true);
      expect(existsSync(join(dir, 'node_modules/aws-cdk-lib'))).toBe(false);
      expect(existsSync(join(dir, 'node_modules/constructs'))).toBe(false);
    }
  });

  it('should import policygen from ESM ("type": "module"), sharing the CommonJS build', async () => {
    writeFileSync(
      join(esm, 'index.js'),
      "import { generateBundle, EXAMPLE_SPEC } from 'policygen';\nimport { createRequire } from 'node:module';\n" +
        "const bundle = generateBundle({ region: 'cn-north-1', account: '111122223333', launchType: 'fargate', repositories: EXAMPLE_SPEC.repositories });\n" +
        "console.log(JSON.stringify({ same: createRequire(import.meta.url)('policygen').generateBundle === generateBundle, dkr: bundle.plan.endpoints.find((e) => e.service === 'ecr.dkr').serviceName }));\n",
    );
    const { stdout } = await node(esm, ['index.js']);
    expect(JSON.parse(stdout)).toEqual({ same: true, dkr: 'cn.com.amazonaws.cn-north-1.ecr.dkr' });
  });

  it('should require policygen from CommonJS without loading aws-cdk-lib', async () => {
    writeFileSync(
      join(cjs, 'index.js'),
      "const { generateExecutionRolePolicy } = require('policygen');\n" +
        "const doc = generateExecutionRolePolicy({ region: 'us-east-1', account: '111122223333', repositories: ['my-app'] }).document;\n" +
        'const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](aws-cdk-lib|constructs)[\\\\/]/.test(f));\n' +
        'console.log(JSON.stringify({ statements: doc.Statement.length, loaded }));\n',
    );
    const { stdout } = await node(cjs, ['index.js']);
    expect(JSON.parse(stdout)).toEqual({ statements: 2, loaded: [] });
  });

  it('should say that policygen/cdk needs aws-cdk-lib', async () => {
    writeFileSync(join(esm, 'cdk.js'), "await import('policygen/cdk');\n");
    await expect(node(esm, ['cdk.js'])).rejects.toMatchObject({ stderr: expect.stringMatching(/Cannot find (package|module) 'aws-cdk-lib/) });
  });

  it('should run the bin: `npx policygen generate --example` prints the bundle as JSON', async () => {
    const { stdout } = await run('npx', ['--no', 'policygen', 'generate', '--example'], { cwd: esm, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 });
    const bundle = JSON.parse(stdout) as { region: string; executionRolePolicy: { document: { Version: string } } };
    expect(bundle.region).toBe('us-east-1');
    expect(bundle.executionRolePolicy.document.Version).toBe('2012-10-17');
    const version = await run('npx', ['--no', '--', 'policygen', '--version'], { cwd: cjs, env: cleanEnv() });
    expect(version.stdout).toMatch(new RegExp(`^policygen ${rootPackage.version.replace(/\./g, '\\.')} \\(iam-data `));
  });
});

describe('a CDK app', () => {
  const APP = `import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { createRequire } from 'node:module';
import { PrivateEcrPull } from 'policygen/cdk';

const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'Consumer', { env: { account: '111122223333', region: 'cn-north-1' } });
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const pull = new PrivateEcrPull(stack, 'Pull', { vpc, repositories: ['my-app'], logging: { awslogs: true, logGroups: ['/ecs/my-app'] } });
const template = app.synth().getStackByName('Consumer').template;
console.log(JSON.stringify({
  construct: Construct.isConstruct(pull),
  sameAsRequire: createRequire(import.meta.url)('policygen/cdk').PrivateEcrPull === PrivateEcrPull,
  serviceNames: Object.values(template.Resources).filter((r) => r.Type === 'AWS::EC2::VPCEndpoint').map((r) => r.Properties.ServiceName).sort(),
}));
`;

  it('should synthesize a stack with PrivateEcrPull imported from policygen/cdk', async () => {
    writeFileSync(join(cdk, 'app.js'), APP);
    const { stdout } = await node(cdk, ['app.js', join(cdk, 'cdk.out')]);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      construct: true,
      sameAsRequire: true,
      serviceNames: [
        'cn.com.amazonaws.cn-north-1.ecr.api',
        'cn.com.amazonaws.cn-north-1.ecr.dkr',
        'com.amazonaws.cn-north-1.logs',
        'com.amazonaws.cn-north-1.s3',
      ],
    });
    // The installed bin lints the app's cloud assembly clean.
    const lint = await run('npx', ['--no', 'policygen', 'lint', '--format', 'json', 'cdk.out'], { cwd: cdk, env: cleanEnv() });
    expect((JSON.parse(lint.stdout) as { findings: unknown[] }).findings).toEqual([]);
  }, 240_000);
});

describe('TypeScript consumers (tsc, moduleResolution nodenext)', () => {
  const check = (cwd: string, files: readonly string[], options: readonly string[] = []) => node(cwd, consumerTscArgs(root, files, options));

  it('should type-check ESM and CommonJS code against the declarations, with no aws-cdk-lib around', async () => {
    writeFileSync(
      join(esm, 'use.ts'),
      "import { generateBundle, EXAMPLE_SPEC, type PolicyBundle, type PolicyDocument } from 'policygen';\n" +
        'const bundle: PolicyBundle = generateBundle(EXAMPLE_SPEC);\nexport const doc: PolicyDocument = bundle.executionRolePolicy.document;\n',
    );
    writeFileSync(
      join(cjs, 'use.ts'),
      "import { planEndpoints, type EndpointPlan } from 'policygen';\nimport policygen = require('policygen');\n" +
        "export const plan: EndpointPlan = planEndpoints({ region: 'us-east-1', launchType: 'fargate' });\nexport const same: boolean = policygen.planEndpoints === planEndpoints;\n",
    );
    // skipLibCheck off: policygen's own declarations must hold without aws-cdk-lib's.
    await expect(check(scratch, ['esm/use.ts', 'cjs/use.ts'])).resolves.toBeDefined();
  }, 240_000);

  it('should type-check a CDK app against policygen/cdk', async () => {
    writeFileSync(
      join(cdk, 'app.ts'),
      "import { App, Stack } from 'aws-cdk-lib';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as iam from 'aws-cdk-lib/aws-iam';\n" +
        "import { PrivateEcrPull, type PrivateEcrPullProps } from 'policygen/cdk';\n" +
        "const stack = new Stack(new App(), 'S', { env: { account: '111122223333', region: 'us-east-1' } });\n" +
        "const props: PrivateEcrPullProps = { vpc: new ec2.Vpc(stack, 'Vpc'), launchType: 'fargate', features: { ecsExec: true } };\n" +
        "const pull = new PrivateEcrPull(stack, 'Pull', props);\nexport const role: iam.IRole = pull.executionRole;\nexport const dkr: ec2.InterfaceVpcEndpoint | undefined = pull.ecrDkrEndpoint;\n",
    );
    // As CDK projects do: aws-cdk-lib's own declarations are not re-checked.
    await expect(check(cdk, ['app.ts'], ['--skipLibCheck'])).resolves.toBeDefined();
  }, 240_000);
});
