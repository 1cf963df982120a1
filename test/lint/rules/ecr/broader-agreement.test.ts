import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkSpec } from '../../../../src/check/check-spec';
import { specCheckTemplate } from '../../../../src/check/spec-template';
import { readTemplateWithNested } from '../../../../src/cli/nested-templates';
import { ECR_RULES } from '../../../../src/lint/rules/ecr';
import type { StackRule } from '../../../../src/lint/types';
import { loadSpec } from '../../../../src/model/spec-file';
import { checkTemplate, combineTemplates, networkProblemOf, type CheckOptions, type CheckReport } from '../../../../src/pull';
import { cdkAssetFiles, isCdkAssetManifest, readCdkOutManifest } from '../../../../src/template/cdk-out';
import { readCloudFormation } from '../../../../src/template/cloudformation';
import { parseJsonSource } from '../../../../src/template/source/json-source';
import type { SourceFile, StackModel } from '../../../../src/template/types';
import type { RealFixture } from '../../../check/real-fixtures.test';

/**
 * Issue 10 §1: lint's ECR stack rules are views of check's walk, so the two name the same resources.
 * On every example's spec (the template `check --spec` walks: the generated one plus the task the
 * spec describes) and every real CloudFormation / cdk.out fixture (test/fixtures/real, read as
 * `policygen check` reads them, one stack set), lint's rules run on the same stack set and:
 * - BROADER_*: each (code, resource) of lint is one of check's least-privilege warnings of that code
 *   at the resource whose statement grants it, read from check's own `decidedBy` labels (`ROLE/NAME:
 *   Statement[i]`, `POLICY: Sid X`, `NAME (AWS managed): …` for the role's ManagedPolicyArns), and back;
 * - the blocked hops: the resources lint's network and layer-bucket views report at are the task
 *   definitions (a missing endpoint) and endpoints where check blocks a step for the reasons they view.
 */
const STACK_RULES = ECR_RULES.filter((r): r is (typeof ECR_RULES)[number] & StackRule => r.kind === 'stack');
const BROADER = STACK_RULES.filter((r) => r.meta.code.startsWith('BROADER_'));

/** The views of blocked hops and the reasons of check they view (src/pull/network.ts NetworkProblem). */
const BLOCKED_VIEWS = [
  'ECR_ENDPOINT_MISSING',
  'ECR_DKR_PRIVATE_DNS_DISABLED',
  'S3_ENDPOINT_NOT_GATEWAY',
  'S3_GATEWAY_ENDPOINT_NO_ROUTE_TABLES',
  'S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET',
  'ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT',
];
const PULL_SERVICES = ['ecr.api', 'ecr.dkr', 's3', 'logs'];

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();

function lintSide(stack: StackModel): { broader: string[]; blocked: string[] } {
  const hits = (rules: readonly StackRule[]) => rules.flatMap((r) => r.check(stack).map((h) => ({ code: r.meta.code, ...h })));
  const views = STACK_RULES.filter((r) => BLOCKED_VIEWS.includes(r.meta.code));
  return {
    broader: sorted(hits(BROADER).map((h) => `${h.code} ${h.resource}`)),
    // ECR_ENDPOINT_MISSING also names the ECS agent's endpoints on EC2 (not hops of the pull).
    blocked: sorted(
      hits(views)
        .filter((h) => h.detail === undefined || PULL_SERVICES.some((s) => h.detail === `Endpoint::${s}`))
        .map((h) => `${h.resource}`),
    ),
  };
}

/** The resource a `decidedBy` label of check names: the policy's holder, or the role for an AWS managed policy. */
function holderOf(label: string, warned: string | undefined): string {
  const policy = label.slice(0, label.lastIndexOf(': '));
  if (policy.endsWith(' (AWS managed)')) return warned ?? '';
  return policy.split(/[/ ]/)[0]!;
}

function checkSide(report: CheckReport | undefined): { broader: string[]; blocked: string[] } {
  if (report === undefined) return { broader: [], blocked: [] };
  const broader = report.warnings
    .filter((w) => BROADER.some((r) => r.meta.code === w.code))
    .flatMap((w) => ((w.decidedBy ?? []).length > 0 ? w.decidedBy!.map((d) => holderOf(d, w.resource)) : [w.resource ?? '']).map((r) => `${w.code} ${r}`));
  const blocked = report.steps.flatMap((s) => {
    if (s.verdict !== 'blocked' || !PULL_SERVICES.includes(s.endpoint)) return [];
    const problem = networkProblemOf(s);
    if (problem === 'no-endpoint') return [s.task];
    if (problem === 'private-dns-off' || problem === 'wrong-type' || problem === 'no-route-tables') return [s.endpointResource ?? ''];
    if (problem === undefined && s.step === 'layer-download' && s.network === 'endpoint') return [s.endpointResource ?? ''];
    return [];
  });
  return { broader: sorted(broader), blocked: sorted(blocked) };
}

const tryCheck = (run: () => CheckReport): CheckReport | undefined => {
  try {
    return run();
  } catch {
    return undefined;
  }
};

const EXAMPLES = join(__dirname, '..', '..', '..', '..', 'examples');
const examples = readdirSync(EXAMPLES).filter((e) => existsSync(join(EXAMPLES, e, 'spec.yaml')));

describe('lint and check agree on the generated examples, which grant nothing beyond the pull', () => {
  it('should cover every example', () => expect(examples.length).toBeGreaterThanOrEqual(10));

  it.each(examples)('%s', (example) => {
    const file = join(EXAMPLES, example, 'spec.yaml');
    const { lint, check } = loadSpec(readFileSync(file, 'utf8'), file, (spec) => {
      const source = parseJsonSource(file, JSON.stringify(specCheckTemplate(spec)));
      return { lint: lintSide(readCloudFormation(source, { region: spec.region, accountId: spec.account })), check: checkSide(checkSpec(spec)) };
    });
    expect(lint).toEqual(check);
    expect(lint).toEqual({ broader: [], blocked: [] });
  });

  it.each(examples)('%s: its template.json as generated (no task: nothing to walk)', (example) => {
    const file = join(EXAMPLES, example, 'template.json');
    const stack = readCloudFormation(parseJsonSource(file, readFileSync(file, 'utf8')));
    expect(lintSide(stack)).toEqual({ broader: [], blocked: [] });
  });
});

const REAL = join(__dirname, '..', '..', '..', 'fixtures', 'real');
const TABLE = join(REAL, 'verdicts.json');
const fixtures: readonly RealFixture[] = existsSync(TABLE)
  ? (JSON.parse(readFileSync(TABLE, 'utf8')) as { fixtures: RealFixture[] }).fixtures.filter((f) => f.kind !== 'terraform-plan')
  : [];

/** The fixture's templates and options as `policygen check` reads them (src/cli/commands/check.ts). */
function readFixture(fixture: RealFixture): { sources: SourceFile[]; options: CheckOptions } {
  const parameters: Record<string, string> = {};
  fixture.args.forEach((arg, i) => {
    if (arg !== '--parameter') return;
    const item = fixture.args[i + 1]!;
    parameters[item.slice(0, item.indexOf('='))] = item.slice(item.indexOf('=') + 1);
  });
  const withParameters = Object.keys(parameters).length > 0 ? { parameters } : {};
  if (fixture.kind !== 'cdk-out') return { sources: fixture.files.map((f) => readTemplateWithNested(join(REAL, f))), options: withParameters };
  const dir = join(REAL, fixture.files[0]!);
  const manifest = readCdkOutManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const assets = new Map<string, string>();
  for (const name of readdirSync(dir).filter(isCdkAssetManifest)) {
    for (const [key, file] of cdkAssetFiles(readFileSync(join(dir, name), 'utf8'))) assets.set(key, file);
  }
  const environment = manifest.stacks.find((s) => s.region !== undefined || s.account !== undefined);
  return {
    sources: manifest.stacks.map((s) => readTemplateWithNested(join(dir, s.templateFile), assets)),
    options: {
      ...withParameters,
      ...(environment?.region !== undefined ? { region: environment.region } : {}),
      ...(environment?.account !== undefined ? { accountId: environment.account } : {}),
    },
  };
}

(fixtures.length > 0 ? describe : describe.skip)('lint and check agree on the real fixtures', () => {
  it.each(fixtures.map((f) => [f.id, f] as const))('%s', (_id, fixture) => {
    const { sources, options } = readFixture(fixture);
    const check = checkSide(tryCheck(() => checkTemplate(sources, options)));
    // Lint reads the same stack set: the templates as one, parameters given.
    const set = sources.length === 1 && options.parameters === undefined ? sources[0]! : combineTemplates(sources, options.parameters);
    const lint = lintSide(
      readCloudFormation(set, {
        ...(options.region !== undefined ? { region: options.region } : {}),
        ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
      }),
    );
    expect(lint).toEqual(check);
    seen.push(lint);
  });

  // The agreement is not the agreement of two empty lists: some fixtures have grants beyond the pull, and blocked hops.
  const seen: { broader: string[]; blocked: string[] }[] = [];
  afterAll(() => {
    expect(seen.filter((s) => s.broader.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(seen.filter((s) => s.blocked.length > 0).length).toBeGreaterThanOrEqual(1);
  });
});

describe('a template attaching AWS managed AmazonECSTaskExecutionRolePolicy', () => {
  // The corpus copy: Allow ecr:BatchGetImage (and the other pull actions, logs:PutLogEvents) on "*".
  const CORPUS = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'corpus', 'aws-managed-policies', 'AmazonECSTaskExecutionRolePolicy.json');
  const template = {
    Resources: {
      TaskExecutionRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
        },
      },
      TaskDefinition: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          RequiresCompatibilities: ['FARGATE'],
          NetworkMode: 'awsvpc',
          ExecutionRoleArn: { 'Fn::GetAtt': ['TaskExecutionRole', 'Arn'] },
          ContainerDefinitions: [{ Name: 'app', Image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1' }],
        },
      },
    },
  };
  const source = parseJsonSource('managed.json', JSON.stringify(template));

  it('should be the policy of the corpus, granting the pull on every repository', () => {
    if (!existsSync(CORPUS)) return console.warn(`skipped: no corpus at ${dirname(CORPUS)}`);
    const [statement] = [(JSON.parse(readFileSync(CORPUS, 'utf8')) as { Statement: unknown }).Statement].flat() as Record<string, unknown>[];
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect(statement!['Action']).toContain('ecr:BatchGetImage');
  });

  it('should get BROADER_OTHER_REPOSITORY from lint, at the ManagedPolicyArns entry of the role, and from check', () => {
    const stack = readCloudFormation(source, { region: 'eu-west-1' });
    const hits = STACK_RULES.find((r) => r.meta.code === 'BROADER_OTHER_REPOSITORY')!.check(stack);
    expect(hits.map((h) => [h.resource, h.path])).toEqual([['TaskExecutionRole', ['Resources', 'TaskExecutionRole', 'Properties', 'ManagedPolicyArns', 0]]]);
    const report = checkTemplate(source, { region: 'eu-west-1' });
    expect(report.warnings.filter((w) => w.code === 'BROADER_OTHER_REPOSITORY').map((w) => w.resource)).toEqual(['TaskExecutionRole']);
    expect(lintSide(stack)).toEqual(checkSide(report));
  });
});
