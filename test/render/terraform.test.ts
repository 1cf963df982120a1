import { generateBundle } from '../../src/generate/bundle';
import { EXAMPLE_SPEC } from '../../src/generate/example-spec';
import { renderJson } from '../../src/render/json';
import { renderTerraform, type TerraformConfiguration } from '../../src/render/terraform';
import { expectGolden, renderCases, walk } from './fixtures';

const cases = renderCases();

/**
 * The arguments each resource may use: the AWS provider's documented argument names
 * (hashicorp/terraform-provider-aws website/docs/r/*.html.markdown), plus Terraform's for_each.
 */
const PROVIDER_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_vpc_endpoint: [
    'service_name',
    'vpc_id',
    'auto_accept',
    'policy',
    'private_dns_enabled',
    'dns_options',
    'ip_address_type',
    'route_table_ids',
    'subnet_configuration',
    'subnet_ids',
    'security_group_ids',
    'tags',
    'vpc_endpoint_type',
  ],
  aws_security_group: ['name', 'name_prefix', 'description', 'egress', 'ingress', 'revoke_rules_on_delete', 'tags', 'vpc_id'],
  aws_vpc_security_group_ingress_rule: [
    'cidr_ipv4',
    'cidr_ipv6',
    'description',
    'from_port',
    'ip_protocol',
    'prefix_list_id',
    'referenced_security_group_id',
    'security_group_id',
    'tags',
    'to_port',
    'for_each',
  ],
  aws_vpc_security_group_egress_rule: [
    'cidr_ipv4',
    'cidr_ipv6',
    'description',
    'from_port',
    'ip_protocol',
    'prefix_list_id',
    'referenced_security_group_id',
    'security_group_id',
    'tags',
    'to_port',
  ],
  aws_iam_role: [
    'assume_role_policy',
    'description',
    'force_detach_policies',
    'max_session_duration',
    'name',
    'name_prefix',
    'path',
    'permissions_boundary',
    'tags',
  ],
  aws_iam_role_policy: ['name', 'name_prefix', 'policy', 'role'],
};

const INTERPOLATION = /\$\{([^}]*)\}/g;
/** What an interpolation names: `var.x`, `aws_type.name`, `each.value`. */
const NAMES = /\b(var\.[a-z0-9_]+|aws_[a-z0-9_]+\.[a-z0-9_]+|each\.value)/g;

const policiesOf = (config: TerraformConfiguration): [string, string][] =>
  Object.entries(config.resource).flatMap(([type, byName]) =>
    Object.entries(byName).flatMap(([name, args]) =>
      ['policy', 'assume_role_policy']
        .filter((key) => typeof args[key] === 'string')
        .map((key): [string, string] => [`${type}.${name}.${key}`, args[key] as string]),
    ),
  );

describe('renderTerraform', () => {
  it.each(cases)('should match the golden main.tf.json for the %s spec', (name, spec, bundle) => {
    expectGolden(`${name}.tf.json`, renderJson(renderTerraform(bundle, spec)));
  });

  it.each(cases)('should use only the AWS provider’s argument names (%s)', (_name, spec, bundle) => {
    const config = renderTerraform(bundle, spec);
    expect(Object.keys(config.resource).sort()).toEqual(Object.keys(PROVIDER_ARGUMENTS).sort());
    for (const [type, byName] of Object.entries(config.resource)) {
      for (const [name, args] of Object.entries(byName)) {
        const unknown = Object.keys(args).filter((key) => !PROVIDER_ARGUMENTS[type]?.includes(key));
        expect({ resource: `${type}.${name}`, unknown }).toEqual({ resource: `${type}.${name}`, unknown: [] });
      }
    }
  });

  it.each(cases)('should refer only to declared variables and resources (%s)', (_name, spec, bundle) => {
    const config = renderTerraform(bundle, spec);
    const declared = new Set([
      ...Object.keys(config.variable).map((v) => `var.${v}`),
      ...Object.entries(config.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)),
      'each.value',
    ]);
    for (const [path, value] of walk(config)) {
      if (typeof value !== 'string') continue;
      for (const [, expression] of value.matchAll(INTERPOLATION)) {
        for (const [name] of (expression ?? '').matchAll(NAMES)) expect({ path, name, declared: declared.has(name) }).toEqual({ path, name, declared: true });
      }
    }
  });

  it.each(cases)('should write each policy as a JSON string that stays JSON once Terraform interpolates it (%s)', (_name, spec, bundle) => {
    const policies = policiesOf(renderTerraform(bundle, spec));
    expect(policies.length).toBeGreaterThanOrEqual(3);
    for (const [where, text] of policies) {
      // Template escapes ($${, %%{) are only needed for literal ${ and %{, which policies here do not hold.
      expect({ where, escapes: /\$\$\{|%%\{/.test(text) }).toEqual({ where, escapes: false });
      const interpolated = text.replace(INTERPOLATION, (_, expression: string) =>
        expression.endsWith('.arn') ? 'arn:aws:iam::111122223333:role/x' : 'vpce-0123456789abcdef0',
      );
      expect(() => JSON.parse(interpolated)).not.toThrow();
    }
  });

  it.each(cases)('should condition the pull statement on aws_vpc_endpoint.ecr_dkr and var.vpc_id (%s)', (_name, spec, bundle) => {
    const config = renderTerraform(bundle, spec);
    const policy = JSON.parse(config.resource['aws_iam_role_policy']?.['task_execution']?.['policy'] as string) as {
      Statement: { Action: string | string[]; Condition?: Record<string, Record<string, string>> }[];
    };
    const pull = policy.Statement.filter((s) => [s.Action].flat().includes('ecr:BatchGetImage'));
    expect(pull.map((s) => s.Condition)).toEqual([{ StringEquals: { 'aws:SourceVpc': '${var.vpc_id}', 'aws:SourceVpce': '${aws_vpc_endpoint.ecr_dkr.id}' } }]);
    expect(config.resource['aws_vpc_endpoint']?.['ecr_dkr']?.['service_name']).toMatch(/\.ecr\.dkr$/);
  });

  it('should admit each CIDR of the variable with its own ingress rule', () => {
    const config = renderTerraform(generateBundle(EXAMPLE_SPEC), EXAMPLE_SPEC);
    expect(config.resource['aws_vpc_security_group_ingress_rule']?.['vpc_endpoints_https']).toMatchObject({
      for_each: '${toset(var.private_subnet_cidrs)}',
      cidr_ipv4: '${each.value}',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    });
    expect(config.variable['private_subnet_cidrs']?.['default']).toEqual(EXAMPLE_SPEC.network?.subnetCidrs);
  });
});
