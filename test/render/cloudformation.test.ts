import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { generateBundle } from '../../src/generate/bundle';
import { EXAMPLE_SPEC } from '../../src/generate/example-spec';
import type { PolicygenSpec } from '../../src/model/policygen-spec.generated';
import { renderCloudFormation, templateAdvisories, type CloudFormationTemplate } from '../../src/generate/cloudformation-template';
import { renderJson } from '../../src/render/json';
import { guardValidate, locateCfnGuard, POLICIES_DIR } from '../guard/cfn-guard';
import { expectGolden, renderCases, walk } from './fixtures';

type Statement = { Action?: string | string[]; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown };
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const cases = renderCases();

/** The resources a resource's properties refer to, by Ref or Fn::GetAtt. */
function dependencies(template: CloudFormationTemplate, id: string): string[] {
  const found = new Set<string>();
  for (const [, value] of walk(template.Resources[id])) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const record = value as Record<string, unknown>;
    const target = typeof record['Ref'] === 'string' ? record['Ref'] : Array.isArray(record['Fn::GetAtt']) ? record['Fn::GetAtt'][0] : undefined;
    if (typeof target === 'string' && target in template.Resources) found.add(target);
  }
  return [...found];
}

function statementsOf(template: CloudFormationTemplate, id: string): Statement[] {
  const document = template.Resources[id]?.Properties['PolicyDocument'] as { Statement: Statement[] } | undefined;
  return document?.Statement ?? [];
}

describe('renderCloudFormation', () => {
  it.each(cases)('should match the golden template for the %s spec', (name, spec, bundle) => {
    expectGolden(`${name}.template.json`, renderJson(renderCloudFormation(bundle, spec)));
  });

  it.each(cases)('should write valid JSON whose every Ref names a parameter, a resource or a pseudo parameter (%s)', (_name, spec, bundle) => {
    const template = JSON.parse(renderJson(renderCloudFormation(bundle, spec))) as CloudFormationTemplate;
    const names = new Set([...Object.keys(template.Parameters), ...Object.keys(template.Resources)]);
    let refs = 0;
    for (const [path, value] of walk(template)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const record = value as Record<string, unknown>;
      if ('Ref' in record) {
        refs++;
        const target = String(record['Ref']);
        expect({ path, target, known: names.has(target) || target.startsWith('AWS::') }).toEqual({ path, target, known: true });
      }
      if ('Fn::GetAtt' in record) {
        const [resource] = record['Fn::GetAtt'] as [string, string];
        expect({ path, resource, known: resource in template.Resources }).toEqual({ path, resource, known: true });
      }
    }
    expect(refs).toBeGreaterThan(0);
  });

  it.each(cases)('should condition the pull statement on the template’s own ecr.dkr endpoint and VPC (%s)', (_name, spec, bundle) => {
    const template = renderCloudFormation(bundle, spec);
    expect(template.Resources['EcrDkrEndpoint']?.Properties['ServiceName']).toMatch(/\.ecr\.dkr$/);
    const statements = statementsOf(template, 'TaskExecutionRolePolicy');
    const pull = statements.filter((s) => list(s.Action).includes('ecr:BatchGetImage'));
    expect(pull).toHaveLength(1);
    expect(pull[0]?.Condition?.['StringEquals']).toEqual({ 'aws:SourceVpc': { Ref: 'VpcId' }, 'aws:SourceVpce': { Ref: 'EcrDkrEndpoint' } });
    // ECS-EXEC: GetAuthorizationToken goes through the Fargate-owned interface and must stay unconditioned.
    const token = statements.find((s) => list(s.Action).includes('ecr:GetAuthorizationToken'));
    expect(token?.Condition).toBeUndefined();
  });

  it.each(cases)('should have no dependency cycle between its resources (%s)', (_name, spec, bundle) => {
    const template = renderCloudFormation(bundle, spec);
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, trail: readonly string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') throw new Error(`dependency cycle: ${[...trail, id].join(' -> ')}`);
      state.set(id, 'visiting');
      for (const next of dependencies(template, id)) visit(next, [...trail, id]);
      state.set(id, 'done');
    };
    for (const id of Object.keys(template.Resources)) visit(id, []);
  });

  it('should let the template’s own role through the ECR endpoint policy when it names principals', () => {
    const template = renderCloudFormation(generateBundle(EXAMPLE_SPEC), EXAMPLE_SPEC);
    for (const id of ['EcrApiEndpoint', 'EcrDkrEndpoint']) {
      for (const statement of statementsOf(template, id)) {
        expect(statement.Principal).toEqual({ AWS: [...(EXAMPLE_SPEC.ecrEndpoint?.principals ?? []), { 'Fn::GetAtt': ['TaskExecutionRole', 'Arn'] }] });
      }
    }
    // The gateway endpoint policy keeps "Principal": "*" (PL).
    expect(statementsOf(template, 'S3GatewayEndpoint').map((s) => s.Principal)).toEqual(['*']);
  });

  it.each(cases)('should admit each CIDR with one ingress rule selecting it from PrivateSubnetCidrs (%s)', (_name, spec, bundle) => {
    const template = renderCloudFormation(bundle, spec);
    const cidrs = bundle.plan.securityGroupIngress.flatMap((r) => ('cidrIp' in r ? [r.cidrIp] : []));
    const rules = template.Resources['EndpointSecurityGroup']?.Properties['SecurityGroupIngress'] as { CidrIp?: unknown; FromPort: number; ToPort: number }[];
    expect(rules.flatMap((r) => (r.CidrIp === undefined ? [] : [r.CidrIp]))).toEqual(
      Array.from({ length: Math.max(1, cidrs.length) }, (_, i) => ({ 'Fn::Select': [i, { Ref: 'PrivateSubnetCidrs' }] })),
    );
    expect(rules.every((r) => r.FromPort === 443 && r.ToPort === 443)).toBe(true);
    expect(template.Parameters['PrivateSubnetCidrs']?.['Default']).toBe(cidrs.length > 0 ? cidrs.join(',') : undefined);
  });

  it.each(cases)('should write security group descriptions with the characters EC2 accepts only (%s)', (_name, spec, bundle) => {
    const group = renderCloudFormation(bundle, spec).Resources['EndpointSecurityGroup']?.Properties;
    const descriptions = [group?.['GroupDescription'], ...(group?.['SecurityGroupIngress'] as { Description: string }[]).map((r) => r.Description)];
    for (const text of descriptions) expect(text).toMatch(/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
  });

  it('should give the same bytes whatever the order of the spec’s lists', () => {
    const spec: PolicygenSpec = { ...EXAMPLE_SPEC, network: { ...EXAMPLE_SPEC.network, subnetCidrs: ['10.0.2.0/24', '10.0.1.0/24', '10.0.2.0/24'] } };
    const render = (s: PolicygenSpec) => renderJson(renderCloudFormation(generateBundle(s), s));
    expect(render(spec)).toBe(render(EXAMPLE_SPEC));
  });

  it('should leave out the advisories the template settles itself', () => {
    const ids = templateAdvisories(generateBundle({ region: 'eu-central-1', account: '111122223333', launchType: 'fargate' })).map((a) => a.id);
    expect(ids).not.toContain('pull-without-endpoint-condition');
    expect(ids).not.toContain('endpoint-security-group-cidrs-missing');
    expect(ids).toContain('s3-gateway-interrupts-connections');
  });
});

describe('checks of the rendered template', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-cfn-checks-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = join(dir, `${name}.template.json`);
    writeFileSync(file, text);
    return file;
  };

  /** The findings of `policygen lint --format json FILE`, run in this process. */
  async function lintFindings(name: string, text: string): Promise<{ code: string; severity: string; message: string }[]> {
    const file = write(name, text);
    let stdout = '';
    await main(['lint', '--format', 'json', file], { stdout: (t) => void (stdout += t), stderr: () => undefined });
    return (JSON.parse(stdout) as { findings: { code: string; severity: string; message: string }[] }).findings;
  }

  // A template refers to its own resources in its policies (`{"Ref": "EcrDkrEndpoint"}`): the linter
  // must read those as deploy-time values, not grammar errors, and every rule must stay quiet.
  it.each(cases)('should pass `policygen lint` with no finding at all (%s)', async (name, spec, bundle) => {
    expect(await lintFindings(name, renderJson(renderCloudFormation(bundle, spec)))).toEqual([]);
  });

  const guard = locateCfnGuard();
  const itGuard = 'path' in guard ? it.each(cases) : it.skip.each(cases);
  itGuard('should pass every guard rule of policies/ (%s)', (name, spec, bundle) => {
    const binary = 'path' in guard ? guard.path : '';
    const rules = readdirSync(POLICIES_DIR)
      .filter((f) => f.endsWith('.guard'))
      .map((f) => join(POLICIES_DIR, f));
    const statuses = guardValidate(binary, rules, write(name, renderJson(renderCloudFormation(bundle, spec))));
    expect([...statuses].filter(([, status]) => status === 'FAIL')).toEqual([]);
    expect([...statuses].filter(([, status]) => status === 'PASS').length).toBeGreaterThan(0);
  });
});
