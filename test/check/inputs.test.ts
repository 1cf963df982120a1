import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTemplate } from '../../src/check';
import { PolicygenInputError } from '../../src/model/errors';
import { runInProcess } from '../cli/helpers';
import { blockedKeys, DEPLOYED, fixtureSource, FIXTURES, goodFargateWith, stepOf, unknownKeys } from './helpers';
import { parseYamlSource } from '../../src/template/source/yaml-source';

/**
 * Issue 10 §2: what check reads. network.yaml + service.yaml are good-fargate.yaml cut in two
 * (test/fixtures/check/README.md): together they must pass as the whole does; service.yaml alone
 * must be unknown where it depends on the network, never blocked.
 */

const NETWORK = 'check/multi-stack/network.yaml';
const SERVICE = 'check/multi-stack/service.yaml';
const AUTH = 'auth-token ecr:GetAuthorizationToken ecr.api';
const PULL = ['manifest ecr:BatchGetImage ecr.dkr', 'layer-urls ecr:GetDownloadUrlForLayer ecr.dkr'];
const LAYER = 'layer-download s3:GetObject s3';
const LOGS = ['log-stream logs:CreateLogStream logs', 'log-events logs:PutLogEvents logs'];

describe('check: several templates resolving Fn::ImportValue against each other', () => {
  it('should pass the two halves of the good stack together, the role condition resolved to the imported endpoint', () => {
    const report = checkTemplate([fixtureSource(NETWORK), fixtureSource(SERVICE)], DEPLOYED);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([]);
    expect(stepOf(report, 'manifest').endpointResource).toBe('EcrDkrEndpoint');
    expect(report.file).toBe(`${NETWORK} + ${SERVICE}`);
  });

  it.each([
    [NETWORK, SERVICE],
    [SERVICE, NETWORK],
  ])('should keep apart a logical ID both templates use (LogGroup), in either order: %s then %s', (a, b) => {
    const report = checkTemplate([fixtureSource(a), fixtureSource(b)], DEPLOYED);
    expect(stepOf(report, 'log-stream').resource).toMatch(/^arn:aws:logs:eu-west-1:111122223333:log-group:\/ecs\/my-app:log-stream:/);
    expect(stepOf(report, 'log-stream').verdict).toBe('allowed');
  });

  it('should answer unknown, not blocked, for the service stack alone', () => {
    const report = checkTemplate(fixtureSource(SERVICE), DEPLOYED);
    expect(blockedKeys(report)).toEqual([]);
    expect(unknownKeys(report)).toEqual([AUTH, ...PULL, LAYER, ...LOGS]);
  });

  it('should block, with both stacks, what the network stack breaks', () => {
    const network = parseYamlSource(
      'network.yaml',
      fixtureSource(NETWORK).text.replace('prod-${AWS::Region}-starport-layer-bucket/*', 'my-app-assets-${AWS::AccountId}/*'),
    );
    expect(blockedKeys(checkTemplate([network, fixtureSource(SERVICE)], DEPLOYED))).toEqual([LAYER]);
  });
});

describe('check: a file that is not a template', () => {
  const issueOf = (text: string) => {
    try {
      checkTemplate(parseYamlSource('t.yaml', text), { region: 'eu-west-1', accountId: '111122223333' });
    } catch (error) {
      if (error instanceof PolicygenInputError) return error.message;
      throw error;
    }
    return 'accepted';
  };

  it('should say Resources is missing, or name its wrong type at its line', () => {
    expect(issueOf('Outputs: {}\n')).toMatch(/^t\.yaml:1:1: template must be a CloudFormation template .*, received no Resources section/);
    expect(issueOf('AWSTemplateFormatVersion: 2010-09-09\nResources: x\n')).toMatch(
      /^t\.yaml:2:\d+: Resources must be a map of logical IDs to resources, received "x"/,
    );
    expect(issueOf('Resources: [a]\n')).toMatch(/Resources must be a map of logical IDs to resources, received \["a"\]/);
  });
});

describe('check: --parameter and parameter defaults', () => {
  const fromParameter = goodFargateWith(
    'Image: !Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${RepositoryName}:${ImageTag}',
    'Image: !Ref ImageUri',
  ).replace('Parameters:\n', 'Parameters:\n  ImageUri:\n    Type: String\n');
  const source = () => parseYamlSource('image.yaml', fromParameter);

  it('should name the image parameter without value and how to pass it', () => {
    expect(() => checkTemplate(source(), DEPLOYED)).toThrow(PolicygenInputError);
    expect(() => checkTemplate(source(), DEPLOYED)).toThrow(
      /the parameter ImageUri, which has no value.*--parameter ImageUri=ACCOUNT\.dkr\.ecr\.REGION\.amazonaws\.com\/NAME:TAG/,
    );
  });

  it('should walk the pull of the image --parameter gives', () => {
    const report = checkTemplate(source(), { ...DEPLOYED, parameters: { ImageUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/my-app:2.0.0' } });
    expect(blockedKeys(report)).toEqual([]);
    expect(report.containers[0]!.image).toBe('111122223333.dkr.ecr.eu-west-1.amazonaws.com/my-app:2.0.0');
  });

  it('should override a Default: the image, the role and the endpoint policies all follow it', () => {
    const report = checkTemplate(fixtureSource('cloudformation/good-fargate.yaml'), { ...DEPLOYED, parameters: { RepositoryName: 'other-app' } });
    // The role and endpoint policies follow the parameter too: the pull still passes.
    expect(blockedKeys(report)).toEqual([]);
    expect(stepOf(report, 'manifest').resource).toBe('arn:aws:ecr:eu-west-1:111122223333:repository/other-app');
  });

  it('should refuse a --parameter the template does not declare, listing those it does', () => {
    expect(() => checkTemplate(fixtureSource('cloudformation/good-fargate.yaml'), { ...DEPLOYED, parameters: { Nope: 'x' } })).toThrow(
      /--parameter must name a parameter of the template, received "Nope".*ImageTag/,
    );
  });
});

describe('policygen check: --template repeated, --parameter, --cdk-out', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-check-inputs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const deployed = ['--region', 'eu-west-1', '--account', '111122223333'];

  it('should exit 0 for the two stacks given together and 4 for the service alone', async () => {
    const both = await runInProcess(['check', '--template', join(FIXTURES, NETWORK), '--template', join(FIXTURES, SERVICE), ...deployed]);
    expect(both.stderr).toBe('');
    expect(both.status).toBe(0);
    const alone = await runInProcess(['check', '--template', join(FIXTURES, SERVICE), ...deployed]);
    expect(alone.status).toBe(4);
  });

  it('should refuse a malformed --parameter with exit 2 and nothing on stdout', async () => {
    const run = await runInProcess(['check', '--template', join(FIXTURES, 'cloudformation/good-fargate.yaml'), '--parameter', 'NoEquals', ...deployed]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'policygen: error: --parameter must be KEY=VALUE with KEY a parameter name (letters and digits), received "NoEquals" (--parameter ImageUri=111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1)\n',
    );
  });

  it('should read a cdk.out folder: its stacks, Region and account from the manifest', async () => {
    const run = await runInProcess(['check', '--cdk-out', join(FIXTURES, 'cdk-out'), '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { region: string; account: string; steps: unknown[] };
    expect(report.steps.length).toBeGreaterThan(0);
    // manifest.json: "environment": "aws://111122223333/eu-west-1"
    expect([report.region, report.account]).toEqual(['eu-west-1', '111122223333']);
  });

  it('should refuse --cdk-out on a folder without manifest.json', async () => {
    const run = await runInProcess(['check', '--cdk-out', dir]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^policygen: error: --cdk-out must be a CDK cloud assembly folder/);
  });

  it('should refuse --template with --cdk-out', async () => {
    const run = await runInProcess(['check', '--cdk-out', join(FIXTURES, 'cdk-out'), '--template', join(FIXTURES, SERVICE)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--template and --cdk-out');
  });

  it('should refuse a template without task definitions, with nothing on stdout', async () => {
    writeFileSync(join(dir, 'x.yaml'), 'Resources: {}\n');
    const run = await runInProcess(['check', '--template', join(dir, 'x.yaml'), ...deployed]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});

describe('policygen check: templates named without --template (the pre-commit hook)', () => {
  it('should read positional files as templates, together', async () => {
    const run = await runInProcess(['check', join(FIXTURES, NETWORK), join(FIXTURES, SERVICE), '--region', 'eu-west-1', '--account', '111122223333']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('should declare the pre-commit hook policygen-check running `policygen check`', () => {
    const hooks = readFileSync(join(__dirname, '../../.pre-commit-hooks.yaml'), 'utf8');
    const entry = /- id: policygen-check\n(?:  .*\n)*?  entry: (.*)\n/.exec(hooks);
    expect(entry?.[1]).toBe('policygen check');
  });
});

describe('policygen check: local nested stacks (AWS::CloudFormation::Stack with a relative TemplateURL)', () => {
  // test/fixtures/check/nested: multi-stack/ cut as a parent with two nested stacks (README there).
  const deployed = ['--region', 'eu-west-1', '--account', '111122223333'];
  const nested = (file: string) => join(FIXTURES, 'check/nested', file);

  it('should walk the pull through the nested stacks as through the two stacks given together', async () => {
    const run = await runInProcess(['check', '--template', nested('main.yaml'), ...deployed, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { steps: { step: string; verdict: string; endpointResource?: string }[] };
    expect(report.steps.map((s) => `${s.step} ${s.verdict}`)).toEqual([
      'auth-token allowed',
      'manifest allowed',
      'layer-urls allowed',
      'layer-download allowed',
      'log-stream allowed',
      'log-events allowed',
    ]);
    // The role's aws:SourceVpce condition is the network stack's endpoint, passed as a parameter.
    expect(report.steps.find((s) => s.step === 'manifest')?.endpointResource).toBe('NetworkEcrDkrEndpoint');
  });

  it('should refuse a nested stack naming a missing file with exit 2, file:line and nothing on stdout', async () => {
    const run = await runInProcess(['check', '--template', nested('missing-child.yaml'), ...deployed]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    // missing-child.yaml line 8: `      TemplateURL: not-there.yaml`
    expect(run.stderr).toMatch(/^policygen: error: .*missing-child\.yaml:8:20: TemplateURL of Missing must name a template file that exists/);
  });

  it('should refuse stacks nesting each other with exit 2 at the TemplateURL that closes the cycle', async () => {
    const run = await runInProcess(['check', '--template', nested('cycle-a.yaml'), ...deployed]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cycle-b\.yaml:6:20: TemplateURL of Back must not nest a stack inside itself/);
  });
});

describe('policygen check --network-from (the network lives in a stack the user does not check)', () => {
  const deployed = ['--region', 'eu-west-1', '--account', '111122223333'];
  const json = (stdout: string) => JSON.parse(stdout) as { summary: { tasks: number }; steps: { task: string; verdict: string }[] };

  it("should resolve the service's imports against the network stack and pass as both stacks together do", async () => {
    const run = await runInProcess([
      'check',
      '--template',
      join(FIXTURES, SERVICE),
      '--network-from',
      join(FIXTURES, NETWORK),
      ...deployed,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(json(run.stdout).steps.every((s) => s.verdict === 'allowed')).toBe(true);
  });

  it('should read only the network of that template: its task definitions are not walked', async () => {
    // good-fargate.yaml holds a whole stack; read for its network, only service.yaml's task is checked.
    const run = await runInProcess([
      'check',
      '--template',
      join(FIXTURES, SERVICE),
      '--network-from',
      join(FIXTURES, 'cloudformation/good-fargate.yaml'),
      ...deployed,
      '--format',
      'json',
    ]);
    const report = json(run.stdout);
    expect(report.summary.tasks).toBe(1);
    expect([...new Set(report.steps.map((s) => s.task))]).toEqual(['TaskDefinition']);
    // good-fargate.yaml exports nothing service.yaml imports: its network is unknown, never blocked.
    expect(run.status).toBe(4);
    expect(report.steps.some((s) => s.verdict === 'blocked')).toBe(false);
  });
});
