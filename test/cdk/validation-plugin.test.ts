import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { PolicygenValidator } from '../../src/cdk';
import { FIXTURES } from '../check/helpers';

/**
 * Issue 10 §4: the validation plugin in a scratch CDK app, registered as users do with
 * Validations.of(app).addPlugins(...): `cdk synth` (app.synth()) passes the good stack and fails on
 * a gateway policy without the ECR layer bucket, naming the endpoint (DOMAIN.md §3).
 */

// A synthesized stack (test/fixtures/cdk-out/README.md) with every endpoint; the shared good-fargate
// template has a dependency cycle CfnInclude refuses (role condition -> endpoint -> role ARN).
const GOOD = JSON.parse(readFileSync(join(FIXTURES, 'cdk-out/PrivatePullStack.template.json'), 'utf8')) as Record<string, any>;

function synth(template: Record<string, any>, dir: string) {
  const file = join(dir, 'template.json');
  // The scratch stack adds its own bootstrap parameter and rule.
  const { Parameters: _parameters, Rules: _rules, ...included } = template;
  writeFileSync(file, JSON.stringify(included));
  const app = new App({ outdir: join(dir, 'cdk.out') });
  const stack = new Stack(app, 'Scratch', { env: { region: 'eu-west-1', account: '111122223333' } });
  new CfnInclude(stack, 'Included', { templateFile: file });
  const plugin = new PolicygenValidator({ region: 'eu-west-1', accountId: '111122223333' });
  Validations.of(app).addPlugins(plugin);
  return { app, plugin, outdir: join(dir, 'cdk.out') };
}

describe('PolicygenValidator (CDK policy-validation plugin)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-cdk-plugin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should let the good stack synthesize', () => {
    const { app } = synth(GOOD, dir);
    expect(() => app.synth()).not.toThrow();
  });

  it('should fail synth on a gateway policy without the layer bucket, at the S3 gateway endpoint', () => {
    const broken = JSON.parse(JSON.stringify(GOOD)) as Record<string, any>;
    const statement = broken['Resources']['VpcS3GatewayEndpoint0F2E5A6B']['Properties']['PolicyDocument']['Statement'][0];
    statement['Resource'] = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-app-assets-${AWS::AccountId}/*' };
    const { app, plugin, outdir } = synth(broken, dir);
    expect(() => app.synth()).toThrow(/policygen::S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET[\s\S]*policygen::policygen-check-blocked/);
    const report = plugin.validate({ templatePaths: [join(outdir, 'Scratch.template.json')] } as never);
    expect(report.success).toBe(false);
    const names = report.violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.resourceLogicalId)]);
    // lint's view and check's walk name the same resource.
    expect(names).toEqual([
      ['S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET', ['VpcS3GatewayEndpoint0F2E5A6B']],
      ['policygen-check-blocked', ['VpcS3GatewayEndpoint0F2E5A6B']],
    ]);
  });
});

/**
 * Issue 10: a NestedStack's template is not among the assembly's stacks (the plugin gets the parent's
 * path only); it is a file asset the parent's TemplateURL names. The plugin inlines it, as check does.
 */
describe('PolicygenValidator on a NestedStack', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-cdk-nested-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function synthNested(template: Record<string, any>) {
    const file = join(dir, 'template.json');
    const { Parameters: _parameters, Rules: _rules, ...included } = template;
    writeFileSync(file, JSON.stringify(included));
    const app = new App({ outdir: join(dir, 'cdk.out') });
    const parent = new Stack(app, 'Parent', { env: { region: 'eu-west-1', account: '111122223333' } });
    new CfnInclude(new NestedStack(parent, 'Service'), 'Included', { templateFile: file });
    const plugin = new PolicygenValidator({ region: 'eu-west-1', accountId: '111122223333' });
    Validations.of(app).addPlugins(plugin);
    return { app, plugin, outdir: join(dir, 'cdk.out') };
  }

  it('should let the good stack synthesize inside a NestedStack', () => {
    const { app } = synthNested(GOOD);
    expect(() => app.synth()).not.toThrow();
  });

  it('should fail synth on the broken gateway policy inside a NestedStack, naming the nested template', () => {
    const broken = JSON.parse(JSON.stringify(GOOD)) as Record<string, any>;
    const statement = broken['Resources']['VpcS3GatewayEndpoint0F2E5A6B']['Properties']['PolicyDocument']['Statement'][0];
    statement['Resource'] = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-app-assets-${AWS::AccountId}/*' };
    const { app, plugin, outdir } = synthNested(broken);
    expect(() => app.synth()).toThrow(/policygen::S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET[\s\S]*policygen::policygen-check-blocked/);
    const report = plugin.validate({ templatePaths: [join(outdir, 'Parent.template.json')] } as never);
    expect(report.success).toBe(false);
    const rules = report.violations.map((v) => v.ruleName);
    expect(rules).toEqual(['S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET', 'policygen-check-blocked']);
    for (const v of report.violations) {
      // The endpoint is declared in the nested template, not in Parent.template.json.
      expect(v.violatingResources.map((r) => r.templatePath)).toEqual([expect.stringMatching(/\.nested\.template\.json$/)]);
      expect(v.violatingResources[0]!.resourceLogicalId).toMatch(/VpcS3GatewayEndpoint0F2E5A6B$/);
    }
  });
});
