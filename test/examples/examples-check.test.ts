import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSpec, generateBundle, lint, type AdvisoryId, type CheckStep } from '../../src';
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

  it('should lint its template.json and main.tf.json without an error finding', async () => {
    const report = await lint([
      { file: `examples/${example}/template.json`, text: read(example, 'template.json') },
      { file: `examples/${example}/main.tf.json`, text: read(example, 'main.tf.json') },
    ]);
    const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.code}: ${f.message}`);
    expect(errors).toEqual([]);
  });
});
