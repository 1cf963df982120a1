import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runBin, runInProcess } from '../cli/helpers';

/** `policygen diff` run in-process on the fixtures; paths as a user in the repository root would type them. */
const fixture = (name: string) => relative(process.cwd(), join(__dirname, 'fixtures', name));
const run = (...args: string[]) => runInProcess(['diff', ...args]);
const STACK_LINE = /^\s+at /m;

describe('policygen diff', () => {
  it('should exit 1 and list the new action when NEW is broader', async () => {
    const r = await run(fixture('role-before.json'), fixture('role-after.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NEW \(.*role-after\.json\) is broader than OLD \(.*role-before\.json\)/);
    expect(r.stdout).toContain('\n  ecr:PutImage\n    arn:aws:ecr:us-east-1:111122223333:repository/app\n');
    // The NEW statement that allows it, by index and Sid.
    expect(r.stdout).toContain('allowed by NEW Statement[1] (Pull)');
  });

  it('should exit 0 when NEW is not broader, and still show what was narrowed', async () => {
    const r = await run(fixture('role-after.json'), fixture('role-before.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/is not broader than/);
    expect(r.stdout).toContain('Allowed by OLD, denied by NEW');
    expect(r.stdout).toContain('ecr:PutImage');
  });

  it('should print the JSON report with --format json', async () => {
    const r = await run(fixture('role-before.json'), fixture('role-after.json'), '--format', 'json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      broader: boolean;
      added: { action: string; resource: string; context: Record<string, unknown>; allowedBy: { statementIndex: number; sid?: string }[] }[];
      removed: unknown[];
      universe: { requests: number; capped: boolean };
    };
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['broader', 'added', 'removed', 'universe']));
    expect(report.broader).toBe(true);
    expect(report.removed).toEqual([]);
    expect(report.universe.capped).toBe(false);
    expect(report.universe.requests).toBeGreaterThan(0);
    expect(report.added.map((a) => a.action)).toEqual(['ecr:PutImage']);
    expect(report.added[0]).toMatchObject({
      resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app',
      context: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' },
      allowedBy: [{ statementIndex: 1, sid: 'Pull' }],
    });
    expect(report.added[0]).not.toHaveProperty('principal');
  });

  it('should read YAML, and find nothing between a file and its YAML twin', async () => {
    const r = await run(fixture('role-after.json'), fixture('role-after.yaml'), '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ broader: false, added: [], removed: [] });
  });

  it('should exit 2 with the line and column of broken JSON, and no stack trace', async () => {
    const r = await run(fixture('role-before.json'), fixture('broken.json'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^policygen: error: .*broken\.json:4:\d+: policy must be valid JSON, received a syntax error: .*trailing comma/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('should exit 2 and name the line of an invalid statement', async () => {
    const r = await run(fixture('bad-effect.json'), fixture('role-before.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-effect\.json:5:\d+: Statement\[1\]\.Effect must be equal to one of the allowed values "Allow", "Deny", received "Alow"/);
  });

  it('should exit 2 on a missing file, a policy type the documents contradict, or documents of two kinds', async () => {
    const missing = await run(fixture('role-before.json'), 'no-such-file.json');
    expect([missing.status, missing.stderr]).toEqual([2, 'policygen: error: cannot read no-such-file.json: no such file\n']);

    const wrongType = await run(fixture('role-before.json'), fixture('role-after.json'), '--policy-type', 'resource');
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toMatch(/role-before\.json:4:5: Statement\[0\] must have a Principal in a resource policy/);

    const mixed = await run(fixture('role-before.json'), fixture('endpoint.json'));
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/--policy-type must be given when one document names principals/);
  });

  it('should compare endpoint policies with their callers', async () => {
    const r = await run(fixture('endpoint.json'), fixture('endpoint.json'), '--policy-type', 'vpc-endpoint-interface');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Compared as interface endpoint policies');
  });

  it('should be listed in the help', async () => {
    const r = await runInProcess(['--help']);
    expect(r.stdout).toMatch(/^\s+diff \[options\] <old> <new>/m);
  });
});

describe('policygen diff on arbitrary input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-diff-'));
    delete process.env['POLICYGEN_DEBUG'];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Identity policies from small vocabularies, any field sometimes replaced by random JSON: most
  // documents are valid (and reach the comparison), some are not (and must fail cleanly).
  const junk = fc.jsonValue({ maxDepth: 2 });
  const sometimesJunk = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb as fc.Arbitrary<unknown>, weight: 30 }, { arbitrary: junk, weight: 1 });
  const oneOrMore = (pool: readonly string[]) => fc.oneof(fc.constantFrom(...pool), fc.subarray([...pool], { minLength: 1, maxLength: 3 }));
  const ACTIONS = ['*', 'ecr:*', 'ecr:BatchGetImage', 'ecr:Batch*', 'ECR:putimage', 'logs:PutLogEvents', 's3:Get?bject', 'nosuch:Thing', 'iam:PassRole'];
  const RESOURCES = [
    '*',
    'arn:aws:ecr:us-east-1:111122223333:repository/app',
    'arn:aws:ecr:*',
    'arn:aws:logs:*:*:log-group:/ecs/*:*',
    'arn:aws:s3:::b/${aws:username}/*',
    'arn:aws:s3:::*',
    'not-an-arn',
  ];
  const condition = fc.dictionary(
    fc.constantFrom(
      'StringEquals',
      'StringNotEqualsIfExists',
      'StringLike',
      'IpAddress',
      'ForAnyValue:StringLike',
      'ForAllValues:StringEquals',
      'Null',
      'NumericLessThan',
      'Bool',
      'DateGreaterThan',
      'ArnLike',
    ),
    fc.dictionary(
      fc.constantFrom(
        'aws:SourceVpce',
        'aws:SourceIp',
        'aws:TagKeys',
        's3:max-keys',
        'aws:CurrentTime',
        'aws:PrincipalAccount',
        'aws:PrincipalArn',
        'aws:SecureTransport',
      ),
      oneOrMore([
        'vpce-0a1b2c3d',
        'vpce-*',
        '10.0.0.0/16',
        '10.0.0.0/33',
        '2001:db8::/32',
        'team',
        'c*',
        '10',
        'x',
        '2025-01-01',
        'not-a-date',
        'true',
        '111122223333',
        'arn:aws:iam::*:role/deployer',
      ]),
      { minKeys: 1, maxKeys: 2 },
    ),
    { minKeys: 1, maxKeys: 2 },
  );
  const statement = fc
    .record(
      {
        Sid: fc.constantFrom('A', 'B'),
        Effect: sometimesJunk(fc.constantFrom('Allow', 'Deny')),
        Action: sometimesJunk(oneOrMore(ACTIONS)),
        NotAction: sometimesJunk(oneOrMore(ACTIONS)),
        Resource: sometimesJunk(oneOrMore(RESOURCES)),
        NotResource: sometimesJunk(oneOrMore(RESOURCES)),
        Condition: sometimesJunk(condition),
      },
      { requiredKeys: ['Effect'] },
    )
    // Mostly one of Action/NotAction and one of Resource/NotResource, as IAM requires.
    .map((s) => {
      const out: Record<string, unknown> = { ...s };
      if (out.Action !== undefined && out.NotAction !== undefined && out.Sid !== undefined) delete out.NotAction;
      if (out.Action === undefined && out.NotAction === undefined) out.Action = 'ecr:*';
      if (out.Resource !== undefined && out.NotResource !== undefined) delete out.NotResource;
      if (out.Resource === undefined && out.NotResource === undefined) out.Resource = '*';
      return out;
    });
  const document = fc.oneof(
    {
      arbitrary: fc.record({
        Version: fc.constantFrom('2012-10-17', '2008-10-17'),
        Statement: fc.oneof(statement, fc.array(statement, { minLength: 1, maxLength: 3 })),
      }),
      weight: 8,
    },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  );

  it('should exit 0, 1 or 2 with a clean message whatever the files hold, never crash', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.nat(4), async (doc, cut) => {
        const file = join(dir, 'random.json');
        // One file in five is cut short: broken JSON.
        writeFileSync(file, cut === 0 ? JSON.stringify(doc).slice(0, -1) : JSON.stringify(doc));
        const r = await run(fixture('role-before.json'), file, '--format', 'json');
        expect([0, 1, 2]).toContain(r.status);
        expect(r.stderr).not.toMatch(STACK_LINE);
        expect(r.stderr).not.toContain('internal error');
        if (r.status === 2) expect(r.stderr).toMatch(/^policygen: error: /);
        else expect(JSON.parse(r.stdout)).toHaveProperty('broader', r.status === 1);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('policygen diff: standard input', () => {
  // Through the built bin: standard input is the process's.
  const text = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

  it('should read OLD from standard input with -, and name it <stdin>', () => {
    const r = runBin(['diff', '-', fixture('role-after.json')], { input: text('role-before.json') });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NEW \(.*role-after\.json\) is broader than OLD \(<stdin>\)/);
    expect(r.stdout).toContain('ecr:PutImage');
  });

  it('should read YAML from standard input by its content', () => {
    const r = runBin(['diff', fixture('role-before.json'), '-'], { input: text('role-after.yaml') });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^NEW \(<stdin>\) is broader than OLD/);
  });

  it('should give the line of a syntax error in standard input, and refuse - for both sides', () => {
    const broken = runBin(['diff', '-', fixture('role-after.json')], { input: '{\n  broken' });
    expect(broken.status).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^policygen: error: <stdin>:2:3: policy must be valid JSON/);
    const both = runBin(['diff', '-', '-'], { input: '{}' });
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('policygen: error: NEW must be a file when OLD is standard input (-), received -\n');
  });
});
