import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicygenInputError } from '../../src/model/errors';
import { checkTemplate, networkProblemOf, type NetworkProblem } from '../../src/pull';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import { ECR_RULES } from '../../src/lint/rules/ecr';
import type { PolicyRule } from '../../src/lint/types';
import { ecrFindings, runPolicyRule, stackFromFile, stackFromYaml } from '../lint/rules/ecr/helpers';
import { FIXTURES, goodFargateWith } from '../check/helpers';
import { fargatePlan, planSource } from '../check/plan-builder';
import { readTerraformPlan } from '../../src/template/terraform-plan';
import { parseJsonSource } from '../../src/template/source/json-source';
import { nestedTemplateReader, readCdkAssets } from '../../src/cli/nested-templates';
import { lint } from '../../src/lint/engine';
import { expandNestedStacks } from '../../src/template/nested-stacks';
import { parseTemplate } from '../../src/template/parse-template';

/**
 * Issue 10 §1: lint and check read one model of the pull and cannot disagree. The layer download
 * (DOMAIN.md §1 hop 3, §3): a gateway policy blocks it, for check, exactly where lint reports
 * S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET (or, for an account condition on the layer statement,
 * S3_LAYER_BUCKET_ACCOUNT_CONDITION), at the same resource.
 */

const LAYER_RULES = ['S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET', 'S3_LAYER_BUCKET_ACCOUNT_CONDITION'];

function agreement(text: string, file: string, region?: string) {
  const stack = stackFromYaml(text, region !== undefined ? { region } : {}, file);
  const lintResources = ECR_RULES.filter((rule) => LAYER_RULES.includes(rule.meta.code)).flatMap((rule) =>
    rule.kind === 'stack'
      ? rule.check(stack).map((h) => h.resource)
      : stack.policies.filter((unit) => runPolicyRule(rule as PolicyRule, unit).length > 0).map((unit) => unit.resource),
  );
  const report = checkTemplate(parseYamlSource(file, text), region !== undefined ? { region } : {});
  const checkResources = report.steps
    .filter((s) => s.step === 'layer-download' && s.verdict === 'blocked' && s.network === 'endpoint')
    .map((s) => s.endpointResource);
  return { lintResources: [...new Set(lintResources)].sort(), checkResources: [...new Set(checkResources)].sort() };
}

describe('lint and check agree on the layer download', () => {
  // The case: check said BLOCKED, lint passed.
  const ASSETS_ONLY = goodFargateWith('prod-${AWS::Region}-starport-layer-bucket/*', 'my-app-assets-${AWS::AccountId}/*');

  it.each([['no Region'], ['eu-west-1']])('should both block a gateway policy on my-app-assets-${AWS::AccountId}/* only (%s)', (region) => {
    const r = region === 'no Region' ? undefined : region;
    expect(agreement(ASSETS_ONLY, 'assets-only.yaml', r)).toEqual({ lintResources: ['S3GatewayEndpoint'], checkResources: ['S3GatewayEndpoint'] });
  });

  it('should both pass the gateway policy once it also allows the layer bucket', () => {
    const both = ASSETS_ONLY.replace(
      'Resource: !Sub arn:${AWS::Partition}:s3:::my-app-assets-${AWS::AccountId}/*',
      'Resource:\n              - !Sub arn:${AWS::Partition}:s3:::my-app-assets-${AWS::AccountId}/*\n              - !Sub arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*',
    );
    expect(both).not.toBe(ASSETS_ONLY);
    expect(agreement(both, 'both.yaml', 'eu-west-1')).toEqual({ lintResources: [], checkResources: [] });
  });

  const files = ['cloudformation', 'check', 'ecr-rules'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `${folder}/${f}`),
  );

  it.each(files)('should name the same resources on %s', (file) => {
    const text = stackFromFile(join(FIXTURES, file)).source.text;
    let result;
    try {
      result = agreement(text, file, 'eu-west-1');
    } catch {
      // Nothing to check (no image from ECR): lint must not report a layer finding either.
      const stack = stackFromFile(join(FIXTURES, file), { region: 'eu-west-1' });
      expect([...ecrFindings(stack).keys()].filter((c) => LAYER_RULES.includes(c))).toEqual([]);
      return;
    }
    expect(result.lintResources).toEqual(result.checkResources);
  });
});

describe('lint and check agree on the layer download of Terraform plans', () => {
  const LAYER_BUCKET = 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*';
  const gatewayPolicy = (...resources: string[]) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: resources }] });
  const withGatewayPolicy = (policy: string) => {
    const s3 = fargatePlan().find((r) => r.address === 'aws_vpc_endpoint.s3')!;
    return planSource(fargatePlan({ 'aws_vpc_endpoint.s3': { ...s3, values: { ...s3.values, policy } } }));
  };

  function planAgreement(source: ReturnType<typeof planSource>) {
    const stack = readTerraformPlan(source, { region: 'eu-west-1' });
    const lintResources = ECR_RULES.filter((rule) => LAYER_RULES.includes(rule.meta.code)).flatMap((rule) =>
      rule.kind === 'stack'
        ? rule.check(stack).map((h) => h.resource)
        : stack.policies.filter((unit) => runPolicyRule(rule as PolicyRule, unit).length > 0).map((unit) => unit.resource),
    );
    const report = checkTemplate(source, { region: 'eu-west-1', accountId: '111122223333' });
    const checkResources = report.steps
      .filter((s) => s.step === 'layer-download' && s.verdict === 'blocked' && s.network === 'endpoint')
      .map((s) => s.endpointResource);
    return { lintResources: [...new Set(lintResources)].sort(), checkResources: [...new Set(checkResources)].sort() };
  }

  it('should both block a gateway policy without the layer bucket, at the plan address', () => {
    expect(planAgreement(withGatewayPolicy(gatewayPolicy('arn:aws:s3:::my-app-assets/*')))).toEqual({
      lintResources: ['aws_vpc_endpoint.s3'],
      checkResources: ['aws_vpc_endpoint.s3'],
    });
  });

  it('should both pass the gateway policy that allows the layer bucket', () => {
    expect(planAgreement(withGatewayPolicy(gatewayPolicy('arn:aws:s3:::my-app-assets/*', LAYER_BUCKET)))).toEqual({ lintResources: [], checkResources: [] });
  });

  it('should agree on the public plan fixtures', () => {
    for (const file of [
      'real/terraform-checkov-ecs-plan/ecs_tfplan.json',
      'real/terratest-ecs-json-plan/plan.json',
      'check/plan-s3-without-layer-bucket.json',
    ]) {
      const source = parseJsonSource(file, readFileSync(join(FIXTURES, file), 'utf8'));
      let result;
      try {
        result = planAgreement(source);
      } catch {
        // Nothing to check (no image from ECR): lint must not report a layer finding either.
        expect([...ecrFindings(readTerraformPlan(source, { region: 'eu-west-1' })).keys()].filter((c) => LAYER_RULES.includes(c))).toEqual([]);
        continue;
      }
      expect(result.lintResources).toEqual(result.checkResources);
    }
  });
});

/**
 * Issue 10 item 1, the network rules: each is a view of check's walk, so on every fixture the
 * resources lint reports are exactly those where check blocks a hop for that reason: the task that
 * lacks an endpoint (ECR_ENDPOINT_MISSING for ecr.api, ecr.dkr, s3; ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT
 * for logs), the endpoint that cannot carry it (the others). The reason is read from the report.
 */
const NETWORK_RULES: readonly {
  readonly code: string;
  readonly problem: NetworkProblem;
  readonly services: readonly string[];
  readonly at: 'task' | 'endpoint';
}[] = [
  { code: 'ECR_ENDPOINT_MISSING', problem: 'no-endpoint', services: ['ecr.api', 'ecr.dkr', 's3'], at: 'task' },
  { code: 'ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT', problem: 'no-endpoint', services: ['logs'], at: 'task' },
  { code: 'S3_ENDPOINT_NOT_GATEWAY', problem: 'wrong-type', services: ['s3'], at: 'endpoint' },
  { code: 'S3_GATEWAY_ENDPOINT_NO_ROUTE_TABLES', problem: 'no-route-tables', services: ['s3'], at: 'endpoint' },
  { code: 'ECR_DKR_PRIVATE_DNS_DISABLED', problem: 'private-dns-off', services: ['ecr.dkr'], at: 'endpoint' },
];

const REAL = join(FIXTURES, 'real');
const realTemplates = (dir: string): string[] =>
  readdirSync(join(REAL, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? realTemplates(join(dir, entry.name)) : /\.(ya?ml|template\.json)$/.test(entry.name) ? [join('real', dir, entry.name)] : [],
  );
const everyFixture = [
  ...['cloudformation', 'check', 'ecr-rules'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder))
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => `${folder}/${f}`),
  ),
  ...readdirSync(REAL, { withFileTypes: true })
    // cfn-lint's IAM policy templates and the public templates test lint's rules (test/lint/outside), not the
    // pull; some do not parse (a known gap of the public templates).
    .filter((e) => e.isDirectory() && e.name !== 'cfn-lint' && e.name !== 'public-templates')
    .flatMap((e) => realTemplates(e.name)),
];

/** For each network rule: the resources lint reports, and those where check's walk blocks for its reason. */
function networkAgreement(file: string): Record<string, { lint: string[]; check: string[] }> | undefined {
  const text = stackFromFile(join(FIXTURES, file)).source.text;
  const source = parseYamlSource(file, text);
  let report;
  try {
    report = checkTemplate(source, { region: 'eu-west-1' });
  } catch (error) {
    if (error instanceof PolicygenInputError) return undefined;
    throw error;
  }
  const stack = stackFromYaml(text, { region: 'eu-west-1' }, file);
  const out: Record<string, { lint: string[]; check: string[] }> = {};
  for (const rule of NETWORK_RULES) {
    const lintRule = ECR_RULES.find((r) => r.meta.code === rule.code)!;
    const hits = lintRule.kind === 'stack' ? lintRule.check(stack) : [];
    // ECR_ENDPOINT_MISSING also names the ECS agent's endpoints on EC2, which are not hops of the pull.
    const lint = hits.filter((h) => h.detail === undefined || rule.services.some((s) => h.detail === `Endpoint::${s}`)).map((h) => h.resource ?? '');
    const check = report.steps
      .filter((s) => s.verdict === 'blocked' && rule.services.includes(s.endpoint) && networkProblemOf(s) === rule.problem)
      .map((s) => (rule.at === 'task' ? s.task : (s.endpointResource ?? '')));
    out[rule.code] = { lint: [...new Set(lint)].sort(), check: [...new Set(check)].sort() };
  }
  return out;
}

describe('lint and check agree on the network of the pull', () => {
  const results = new Map<string, ReturnType<typeof networkAgreement>>();
  const resultOf = (file: string) => {
    if (!results.has(file)) results.set(file, networkAgreement(file));
    return results.get(file);
  };

  it('should walk most real fixtures (a fixture check cannot walk proves nothing here)', () => {
    const real = everyFixture.filter((f) => f.startsWith('real/'));
    const walked = real.filter((f) => resultOf(f) !== undefined);
    expect(walked.length).toBeGreaterThanOrEqual(Math.ceil(real.length / 2));
  });

  it.each(everyFixture)('should name the same resources on %s', (file) => {
    const result = resultOf(file);
    if (result === undefined) return; // nothing for check to walk: the rules fall back to reading the stack
    for (const rule of NETWORK_RULES) expect({ rule: rule.code, lint: result[rule.code]!.lint }).toEqual({ rule: rule.code, lint: result[rule.code]!.check });
  });

  // Agreement on nothing proves nothing: each rule's broken fixture makes both report it.
  it.each([
    ['cloudformation/broken-fargate-without-ecr-api-endpoint.yaml', 'ECR_ENDPOINT_MISSING'],
    ['cloudformation/broken-awslogs-without-logs-endpoint.yaml', 'ECR_AWSLOGS_WITHOUT_LOGS_ENDPOINT'],
    ['cloudformation/broken-s3-endpoint-interface.yaml', 'S3_ENDPOINT_NOT_GATEWAY'],
    ['cloudformation/broken-s3-endpoint-without-route-tables.yaml', 'S3_GATEWAY_ENDPOINT_NO_ROUTE_TABLES'],
    ['cloudformation/broken-ecr-dkr-private-dns-disabled.yaml', 'ECR_DKR_PRIVATE_DNS_DISABLED'],
  ])('should both report %s under %s', (file, code) => {
    const result = resultOf(file)!;
    expect(result[code]!.check.length).toBeGreaterThan(0);
    expect(result[code]!.lint).toEqual(result[code]!.check);
  });
});

/**
 * Issue 10: lint follows local nested stacks as check does (LintOptions.readNestedTemplate, which the
 * CLI always passes). On the nested fixtures and the real multi-stack projects, the rules that are
 * views of the walk report exactly the endpoints where check's walk of the inlined template blocks.
 */
describe('lint and check agree through nested stacks', () => {
  const REPO_ROOT = join(__dirname, '../..');
  const fixture = (file: string) => join('test/fixtures', file);
  const VIEW_RULES = ['S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET', 'S3_ENDPOINT_NOT_GATEWAY'];
  const read = nestedTemplateReader(REPO_ROOT);
  const CDK_OUT = 'real/cdk-nested-stack/cdk.out';
  const cases: readonly (readonly [string, string, ReadonlyMap<string, string>?])[] = [
    ['check/nested/main.yaml', 'eu-west-1'],
    ['real/ecs-refarch-nested/master.yaml', 'eu-west-1'],
    ...readdirSync(join(FIXTURES, 'real/catsndogs-workshop')).map((f) => [`real/catsndogs-workshop/${f}`, 'eu-west-1'] as const),
    // manifest.json: the stack deploys to aws://111122223333/us-east-1.
    [`${CDK_OUT}/NetworkParent.template.json`, 'us-east-1', readCdkAssets(join(FIXTURES, CDK_OUT))],
  ];

  async function both(file: string, region: string, assets?: ReadonlyMap<string, string>) {
    const path = fixture(file);
    const report = await lint([{ file: path, text: readFileSync(join(REPO_ROOT, path), 'utf8'), environment: { region }, ...(assets ? { assets } : {}) }], {
      rules: ECR_RULES.filter((r) => VIEW_RULES.includes(r.meta.code)),
      readNestedTemplate: read,
    });
    let steps;
    try {
      steps = checkTemplate(expandNestedStacks(parseTemplate(readFileSync(join(REPO_ROOT, path), 'utf8'), path), read, assets), { region }).steps;
    } catch (error) {
      if (!(error instanceof PolicygenInputError)) throw error;
      return { walked: false, lint: report.findings.map((f) => `${f.code} ${f.resource}`), check: [] };
    }
    const check = steps
      .filter((s) => s.verdict === 'blocked' && s.endpointResource !== undefined)
      .flatMap((s) => [
        ...(s.step === 'layer-download' && s.network === 'endpoint' && networkProblemOf(s) === undefined
          ? [`S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET ${s.endpointResource}`]
          : []),
        ...(s.endpoint === 's3' && networkProblemOf(s) === 'wrong-type' ? [`S3_ENDPOINT_NOT_GATEWAY ${s.endpointResource}`] : []),
      ]);
    return { walked: true, lint: [...new Set(report.findings.map((f) => `${f.code} ${f.resource}`))].sort(), check: [...new Set(check)].sort() };
  }

  it.each(cases.map((c) => [c[0], c] as const))('should name the same resources on %s', async (_file, [file, region, assets]) => {
    const result = await both(file, region, assets);
    expect(result.lint).toEqual(result.check);
  });

  it('should walk the pull through the nested stacks of main.yaml and of the cdk.out (agreement on nothing proves nothing)', async () => {
    expect((await both('check/nested/main.yaml', 'eu-west-1')).walked).toBe(true);
    expect((await both(`${CDK_OUT}/NetworkParent.template.json`, 'us-east-1', readCdkAssets(join(FIXTURES, CDK_OUT)))).walked).toBe(true);
  });
});
