import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate } from '../../src/pull';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import { ECR_RULES } from '../../src/lint/rules/ecr';
import type { PolicyRule } from '../../src/lint/types';
import { ecrFindings, runPolicyRule, stackFromFile, stackFromYaml } from '../lint/rules/ecr/helpers';
import { FIXTURES, goodFargateWith } from '../check/helpers';
import { fargatePlan, planSource } from '../check/plan-builder';
import { readTerraformPlan } from '../../src/template/terraform-plan';
import { parseJsonSource } from '../../src/template/source/json-source';

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
