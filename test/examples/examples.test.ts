import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { EXAMPLE_SPEC } from '../../src/generate/example-spec';
import { loadSpec } from '../../src/model/spec-file';

const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
const UPDATE = 'npm run build && node scripts/update-examples.mjs';

/** Output file -> `--format`; the same table is in scripts/update-examples.mjs, which writes them. */
const OUTPUTS: Readonly<Record<string, string>> = {
  'bundle.json': 'json',
  'template.json': 'cloudformation',
  'main.tf.json': 'terraform',
  'diagram.mmd': 'mermaid',
};

const EXAMPLES = ['china', 'cross-account', 'ec2', 'ec2-instance-role', 'existing-endpoints', 'fargate-awslogs', 'fargate-secrets', 'govcloud', 'pull-through-cache', 'windows-fargate'];
const read = (example: string, file: string) => readFileSync(join(EXAMPLES_DIR, example, file), 'utf8');

/** What `policygen generate --spec examples/NAME/spec.yaml --format FORMAT` prints, run from the sources. */
async function generate(example: string, format: string): Promise<string> {
  let stdout = '';
  let stderr = '';
  const status = await main(['generate', '--spec', join(EXAMPLES_DIR, example, 'spec.yaml'), '--format', format], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  if (status !== 0) throw new Error(`policygen generate --format ${format} failed for examples/${example}: ${stderr}`);
  return stdout;
}

describe('examples/', () => {
  it('should hold one folder per common case, each with its spec and every output', () => {
    const folders = readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders).toEqual(EXAMPLES);
    for (const example of EXAMPLES) {
      expect(readdirSync(join(EXAMPLES_DIR, example)).sort()).toEqual(['spec.yaml', ...Object.keys(OUTPUTS)].sort());
    }
  });

  const outputs = EXAMPLES.flatMap((example) => Object.entries(OUTPUTS).map(([file, format]) => [example, file, format] as const));
  it.each(outputs)('examples/%s/%s should be what the sources generate now', async (example, file, format) => {
    const committed = read(example, file);
    const generated = await generate(example, format);
    if (generated !== committed) {
      throw new Error(`examples/${example}/${file} is out of date with the sources: run \`${UPDATE}\` and commit the result`);
    }
  });

  it('should keep fargate-awslogs the built-in example, so the diagram of docs/iac.md is its diagram.mmd', () => {
    expect(loadSpec(read('fargate-awslogs', 'spec.yaml'), 'spec.yaml', (spec) => spec)).toEqual(EXAMPLE_SPEC);
  });

  it('should show what each case is about', () => {
    const serviceNames = (example: string) =>
      Object.values((JSON.parse(read(example, 'template.json')) as { Resources: Record<string, { Properties: { ServiceName?: string } }> }).Resources)
        .map((r) => r.Properties.ServiceName)
        .filter((name): name is string => name !== undefined);
    expect(serviceNames('china')).toEqual(expect.arrayContaining(['cn.com.amazonaws.cn-north-1.ecr.dkr', 'com.amazonaws.cn-north-1.s3']));
    expect(serviceNames('ec2')).toEqual(expect.arrayContaining(['com.amazonaws.us-west-2.ecs', 'com.amazonaws.us-west-2.ecs-agent', 'com.amazonaws.us-west-2.ecs-telemetry']));
    expect(serviceNames('fargate-secrets')).toEqual(expect.arrayContaining(['com.amazonaws.eu-west-1.secretsmanager', 'com.amazonaws.eu-west-1.ssm']));
    expect(read('ec2', 'bundle.json')).toContain('amazonlinux-2-repos-us-west-2');
    // The container instance role and its instance profile (ECS Developer Guide, "Amazon ECS container instance IAM role").
    const ec2Role = JSON.parse(read('ec2-instance-role', 'template.json')) as { Resources: Record<string, { Type: string }> };
    expect(Object.values(ec2Role.Resources).map((r) => r.Type)).toEqual(expect.arrayContaining(['AWS::IAM::InstanceProfile']));
    expect(read('ec2-instance-role', 'bundle.json')).toContain('arn:aws:ecs:eu-west-1:111122223333:container-instance/ingest/*');
    expect(read('fargate-secrets', 'bundle.json')).toContain('kms:Decrypt');
    const arnPartitions = (example: string) => new Set([...read(example, 'template.json').matchAll(/"arn:([a-z-]+):/g)].map((m) => m[1]));
    expect(arnPartitions('govcloud')).toEqual(new Set(['aws-us-gov']));
    expect(arnPartitions('china')).toEqual(new Set(['aws-cn']));
  });
});
