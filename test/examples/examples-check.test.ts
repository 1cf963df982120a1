import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSpec, generateBundle, lint, parseRegion, type AdvisoryId, type CheckStep, type LintInput, type PolicygenSpec } from '../../src';
import { loadSpec } from '../../src/model/spec-file';

/**
 * Every example must be what it claims: `check --spec` allows every hop of every pull its spec
 * describes, and `lint` finds no error in the CloudFormation template and Terraform JSON it ships.
 * A failure here is a generator bug (fix src/generate), not a reason to loosen the example.
 */
const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
const EXAMPLES = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const read = (example: string, file: string) => readFileSync(join(EXAMPLES_DIR, example, file), 'utf8');

/**
 * The only unknown steps an example may have: what the spec cannot tell, each said by an advisory of
 * its bundle. Endpoints outside the template (existingEndpoints, docs/aws-facts.md §2), the first pull
 * through a pull through cache rule and Windows foreign layers (ECR-VPCE considerations).
 */
const EXPLAINED_UNKNOWNS: readonly { readonly advisory: AdvisoryId; readonly reason: RegExp }[] = [
  { advisory: 'existing-endpoints', reason: /the input declares no VPC network/ },
  { advisory: 'pull-through-cache-needs-internet', reason: /under the pull through cache rule/ },
  { advisory: 'windows-foreign-layers', reason: /"foreign layers"/ },
];

describe.each(EXAMPLES)('examples/%s', (example) => {
  it('should pass check --spec: every step allowed, or unknown for a reason an advisory gives', () => {
    const spec = loadSpec(read(example, 'spec.yaml'), `examples/${example}/spec.yaml`, (s) => s);
    const report = checkSpec(spec, {}, `examples/${example}/spec.yaml`);
    const advisories = new Set(generateBundle(spec).advisories.map((a) => a.id));
    const explained = (step: CheckStep) =>
      step.verdict === 'unknown' && EXPLAINED_UNKNOWNS.some((u) => advisories.has(u.advisory) && u.reason.test(step.reason));
    const unexplained = report.steps
      .filter((s) => s.verdict !== 'allowed' && !explained(s))
      .map((s) => `${s.task}/${s.container} ${s.step} ${s.verdict}: ${s.reason}`);
    expect(unexplained).toEqual([]);
    expect(report.summary.steps).toBeGreaterThan(0);
  });

  it('should lint its template.json, and the policies of its main.tf.json, without an error finding', async () => {
    const spec = loadSpec(read(example, 'spec.yaml'), `examples/${example}/spec.yaml`, (s) => s);
    const policies = terraformPolicies(example, spec, JSON.parse(read(example, 'main.tf.json')) as TerraformJson);
    // At least the execution role's policy and its trust policy.
    expect(policies.length).toBeGreaterThanOrEqual(2);
    const report = await lint([{ file: `examples/${example}/template.json`, text: read(example, 'template.json') }, ...policies]);
    // Every input was read as what it is.
    expect(report.findings.filter((f) => f.code === 'UNKNOWN_INPUT' || f.code === 'PARSE_ERROR')).toEqual([]);
    const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.code}: ${f.message}`);
    expect(errors).toEqual([]);
  });
});

type TerraformJson = {
  readonly variable: Record<string, { readonly default?: unknown }>;
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
};

/**
 * `lint` reads Terraform plans, not configurations: the policies of main.tf.json are linted one by
 * one instead, each `${…}` interpolation replaced by a value of the shape Terraform substitutes at
 * apply (the role's ARN from its name and path, an endpoint ID, the VPC variable's default), since
 * the linter would otherwise read them as IAM policy variables.
 */
function terraformPolicies(example: string, spec: PolicygenSpec, tf: TerraformJson): LintInput[] {
  const region = parseRegion(spec.region, { allowUnlisted: spec.allowUnlistedRegion === true });
  if (!region.ok) throw new Error(`examples/${example}: ${region.issue.expected}`);
  const endpointNames = Object.keys(tf.resource['aws_vpc_endpoint'] ?? {});
  const applied = (policy: string): string =>
    policy.replace(/(?<!\$)\$\{([^}]+)\}/g, (_, expression: string) => {
      const endpoint = /^aws_vpc_endpoint\.(\w+)\.id$/.exec(expression);
      if (endpoint) return `vpce-${(endpointNames.indexOf(endpoint[1]!) + 1).toString(16).padStart(17, '0')}`;
      const role = /^aws_iam_role\.(\w+)\.arn$/.exec(expression);
      const roleArgs = role ? tf.resource['aws_iam_role']?.[role[1]!] : undefined;
      if (roleArgs) {
        const name = typeof roleArgs['name'] === 'string' ? roleArgs['name'] : `${String(roleArgs['name_prefix'])}20260101000000000000000001`;
        return `arn:${region.value.partition}:iam::${spec.account}:role${typeof roleArgs['path'] === 'string' ? roleArgs['path'] : '/'}${name}`;
      }
      if (expression === 'var.vpc_id') return String(tf.variable['vpc_id']?.default ?? 'vpc-0123456789abcdef0');
      throw new Error(`examples/${example}/main.tf.json: no stand-in for the interpolation \${${expression}}`);
    });
  return Object.entries(tf.resource).flatMap(([type, named]) =>
    Object.entries(named).flatMap(([name, args]): LintInput[] => {
      const file = `examples/${example}/main.tf.json ${type}.${name}`;
      const policyType = type !== 'aws_vpc_endpoint' ? 'identity' : args['vpc_endpoint_type'] === 'Gateway' ? 'vpc-endpoint-gateway' : 'vpc-endpoint-interface';
      return [
        ...(typeof args['policy'] === 'string' ? [{ file: `${file}.policy`, text: applied(args['policy']), policyType } as const] : []),
        ...(typeof args['assume_role_policy'] === 'string'
          ? [{ file: `${file}.assume_role_policy`, text: applied(args['assume_role_policy']), policyType: 'trust' } as const]
          : []),
      ];
    }),
  );
}
