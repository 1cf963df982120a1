/**
 * The pre-commit hook of .pre-commit-hooks.yaml, driven by the real pre-commit framework on a scratch
 * repository: a policy with a security warning blocks the commit and is named, a good one passes.
 *
 * pre-commit installs a hook from a git repository at a rev, so the working tree of this checkout
 * (which may hold uncommitted work) is committed into a temporary clone first; nothing is written to
 * this checkout. Installing the hook runs `npm install` (the npm registry must be reachable), then
 * `npm pack`, whose `prepack` script builds, the way users get it; node itself is the system one
 * (`language_version: system`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../..');
const HOOK_ID = 'policygen-lint';
/** Installing the hook environment took about a minute here with a warm npm cache. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const inCi = process.env['CI'] === 'true';

/** iam:PassRole on every role: a security warning (Access Analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE), which fails at the default --fail-on. */
const BAD_POLICY = `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }, null, 2)}\n`;

/** The execution role of DOMAIN.md §3: token on "*", pull actions on one repository through one endpoint, logs on one group. */
const GOOD_POLICY = `${JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'EcrPull',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/app',
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
      },
      {
        Sid: 'Logs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/app:*',
      },
    ],
  },
  null,
  2,
)}\n`;

interface Run {
  readonly status: number | null;
  /** stdout and stderr together, as a user sees them. */
  readonly output: string;
}

if (!hasPreCommit && !inCi) {
  console.warn('pre-commit e2e test skipped: `pre-commit` is not on PATH (Debian: apt-get install pre-commit; .ci/run installs it)');
}

describe('the policygen-lint pre-commit hook, with the real pre-commit', () => {
  if (!hasPreCommit) {
    if (inCi) {
      it('should find pre-commit on PATH: CI=true, and .ci/run installs it', () => {
        throw new Error('pre-commit is not installed: .ci/run should have installed the Debian package `pre-commit`');
      });
    } else {
      it.skip('should block a bad policy and pass a good one (skipped: pre-commit is not installed)', () => undefined);
    }
    return;
  }

  let tmp: string;
  let scratch: string;
  let env: NodeJS.ProcessEnv;
  const timings: string[] = [];

  const run = (command: string, args: readonly string[], cwd: string, timeout = 60_000): Run => {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout });
    if (result.error) throw result.error;
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const git = (args: readonly string[], cwd = scratch): Run => {
    const result = run('git', args, cwd);
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}:\n${result.output}`);
    return result;
  };
  const timed = <T>(label: string, action: () => T): T => {
    const start = Date.now();
    try {
      return action();
    } finally {
      timings.push(`${label} ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
  };
  const commitCount = (): number => Number(git(['rev-list', '--count', 'HEAD']).output.trim());

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'policygen-precommit-'));
    env = childEnv(tmp);

    // The hook repository: this checkout's HEAD plus its working tree, committed in a clone.
    const hookRepo = join(tmp, 'hook-repo');
    git(['clone', '--quiet', '--no-checkout', REPO, hookRepo], tmp);
    const inHookRepo = ['--git-dir', join(hookRepo, '.git'), '--work-tree', REPO];
    git([...inHookRepo, 'add', '--all'], tmp);
    git([...inHookRepo, 'commit', '--quiet', '--allow-empty', '--message', 'policygen working tree for the pre-commit test'], tmp);
    const rev = git([...inHookRepo, 'rev-parse', 'HEAD'], tmp).output.trim();

    scratch = join(tmp, 'scratch');
    mkdirSync(scratch);
    git(['init', '--quiet']);
    writeFileSync(
      join(scratch, '.pre-commit-config.yaml'),
      ['repos:', `  - repo: ${hookRepo}`, `    rev: ${rev}`, '    hooks:', `      - id: ${HOOK_ID}`, '        language_version: system', ''].join('\n'),
    );
    git(['add', '.pre-commit-config.yaml']);
    git(['commit', '--quiet', '--message', 'pre-commit config']);
  }, 120_000);

  afterAll(() => {
    if (timings.length > 0) console.log(`pre-commit e2e timings: ${timings.join('; ')}`);
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  });

  it(
    'should install the hook: npm install of the repository, npm pack with its prepack build',
    () => {
      const install = timed('install --install-hooks', () => run('pre-commit', ['install', '--install-hooks'], scratch, INSTALL_TIMEOUT_MS));
      expect({ status: install.status, output: install.output }).toEqual({
        status: 0,
        output: expect.stringContaining('pre-commit installed at .git/hooks/pre-commit'),
      });
    },
    INSTALL_TIMEOUT_MS + 30_000,
  );

  it('should block the commit of a policy with a security warning, naming the file and the finding', () => {
    mkdirSync(join(scratch, 'policies'), { recursive: true });
    writeFileSync(join(scratch, 'policies', 'task-role.json'), BAD_POLICY);
    git(['add', 'policies/task-role.json']);
    const commit = timed('blocked commit', () => run('git', ['commit', '--message', 'bad policy'], scratch));
    expect(commit.status).not.toBe(0);
    expect(commit.output).toMatch(/policygen lint\.+Failed/);
    expect(commit.output).toMatch(/^policies\/task-role\.json:\d+:\d+ security_warning PASS_ROLE_WITH_STAR_IN_RESOURCE /m);
    expect(commitCount()).toBe(1);

    git(['rm', '--quiet', '--cached', 'policies/task-role.json']);
    rmSync(join(scratch, 'policies', 'task-role.json'));
  }, 120_000);

  it('should let the commit of a least-privilege policy through, after linting it', () => {
    writeFileSync(join(scratch, 'policies', 'execution-role.json'), GOOD_POLICY);
    git(['add', 'policies/execution-role.json']);
    const commit = timed('good commit', () => run('git', ['commit', '--message', 'good policy'], scratch));
    expect({ status: commit.status, output: commit.output }).toEqual({ status: 0, output: expect.stringMatching(/policygen lint\.+Passed/) });
    expect(commitCount()).toBe(2);
    expect(git(['show', '--name-only', '--format=', 'HEAD']).output.trim()).toBe('policies/execution-role.json');
  }, 120_000);
});

/**
 * The environment of pre-commit and git: no settings of this machine's git (a global hooksPath makes
 * `pre-commit install` refuse), no GIT_* left by a caller that is itself a git hook, none of the
 * variables `npm test` sets for its scripts (npm_config_local_prefix would point npm at this checkout),
 * a cache of its own so that the hook is really installed, and output without colours.
 */
function childEnv(tmp: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) => !/^(GIT_|npm_package_|npm_lifecycle_|npm_config_local_prefix$|INIT_CWD$|NODE_ENV$)/i.test(key),
  );
  return {
    ...Object.fromEntries(inherited),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'policygen test',
    GIT_AUTHOR_EMAIL: 'policygen-test@example.com',
    GIT_COMMITTER_NAME: 'policygen test',
    GIT_COMMITTER_EMAIL: 'policygen-test@example.com',
    PRE_COMMIT_HOME: join(tmp, 'pre-commit-cache'),
    PRE_COMMIT_COLOR: 'never',
    NO_COLOR: '1',
  };
}
