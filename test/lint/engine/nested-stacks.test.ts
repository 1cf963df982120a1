import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nestedTemplateReader, readCdkAssets } from '../../../src/cli/nested-templates';
import { lint, type LintInput, type LintOptions } from '../../../src/lint/engine';
import { RULES } from '../../../src/lint/rules';
import { checkTemplate } from '../../../src/pull';
import { expandNestedStacks, type NestedTemplateReader } from '../../../src/template/nested-stacks';
import { parseTemplate } from '../../../src/template/parse-template';
import type { StackRule } from '../../../src/lint/types';
import { EVERY_ACTION, EVERY_ROLE, recordingLoader } from './helpers';
import { runInProcess } from '../../cli/helpers';

/**
 * Issue 10: lint reads local nested stacks as check does (src/template/nested-stacks.ts). The
 * fixtures are test/fixtures/check/nested (main.yaml nests service.yaml and network.yaml) and the
 * synthesized cdk.out of test/fixtures/real/cdk-nested-stack, whose nested stack is an asset.
 */
const REPO = join(__dirname, '../../..');
const NESTED = 'test/fixtures/check/nested';
const text = (file: string) => readFileSync(join(REPO, file), 'utf8');
const input = (file: string, extra: Partial<LintInput> = {}): LintInput => ({ file, text: text(file), ...extra });
const fromDisk = nestedTemplateReader(REPO);
/** The 1-based line of the first (last) line of a fixture matching `pattern`, read from its text. */
const lineOf = (file: string, pattern: RegExp) =>
  text(file)
    .split('\n')
    .findIndex((l) => pattern.test(l)) + 1;

const lastLineOf = (file: string, pattern: RegExp) => {
  const lines = text(file).split('\n');
  return lines.length - [...lines].reverse().findIndex((l) => pattern.test(l));
};

/** Reads nested templates from `files` (file name -> text) instead of the disk. */
const inMemory =
  (files: ReadonlyMap<string, string>): NestedTemplateReader =>
  (location, from) => {
    const path = join(dirname(from.file), location);
    const found = files.get(path);
    return found === undefined ? undefined : parseTemplate(found, path);
  };

const EVERY_TASK: StackRule = {
  kind: 'stack',
  meta: { code: 'TEST_TASK', severity: 'warning', title: 't', description: 'd', fix: 'f', source: 'policygen', offline: true },
  check: (stack) => stack.taskDefinitions.map((t) => ({ message: `task ${t.resource}`, path: t.path, resource: t.resource })),
};

async function run(inputs: readonly LintInput[], options: LintOptions = {}) {
  return lint(inputs, { rules: [EVERY_ROLE, EVERY_TASK, EVERY_ACTION], loadCatalog: recordingLoader().load, ...options });
}
const where = (findings: readonly { file: string; line: number; code: string; resource?: string }[], code: string) =>
  findings.filter((f) => f.code === code).map((f) => `${f.file}:${f.line} ${f.resource ?? ''}`);

describe('lint: local nested stacks', () => {
  const main = `${NESTED}/main.yaml`;
  const service = `${NESTED}/service.yaml`;
  const network = `${NESTED}/network.yaml`;

  it('should run the stack rules on the parent with its nested stacks inlined, each finding at the nested file and line', async () => {
    const report = await run([input(main)], { readNestedTemplate: fromDisk });
    // service.yaml declares the task definition and the execution role; main.yaml declares neither.
    expect(where(report.findings, 'TEST_TASK')).toEqual([`${service}:${lineOf(service, /^ {2}TaskDefinition:/)} ServiceTaskDefinition`]);
    expect(where(report.findings, 'TEST_ROLE')).toEqual([`${service}:${lineOf(service, /^ {2}ExecutionRole:/)} ServiceExecutionRole`]);
  });

  it('should not read nested stacks without a reader (the library default)', async () => {
    const report = await run([input(main)]);
    expect(report.findings).toEqual([]);
  });

  it('should report a nested template passed on its own once, inside its parent, whatever the order of the inputs', async () => {
    for (const inputs of [
      [input(service), input(network), input(main)],
      [input(main), input(service), input(network)],
    ]) {
      const report = await run(inputs, { readNestedTemplate: fromDisk });
      // Alone, service.yaml's run would report TaskDefinition and ExecutionRole again, under their own IDs.
      expect(where(report.findings, 'TEST_TASK')).toEqual([`${service}:${lineOf(service, /^ {2}TaskDefinition:/)} ServiceTaskDefinition`]);
      expect(where(report.findings, 'TEST_ROLE')).toEqual([`${service}:${lineOf(service, /^ {2}ExecutionRole:/)} ServiceExecutionRole`]);
      // Policy rules: each action of service.yaml's policies once, not once per run that read the file.
      const actions = report.findings.filter((f) => f.code === 'TEST_ACTION').map((f) => `${f.file}:${f.line}:${f.column}`);
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions).size).toBe(actions.length);
      expect(report.summary.files).toBe(3);
    }
  });

  it('should still lint a nested template on its own when its parent is not an input', async () => {
    const report = await run([input(service)], { readNestedTemplate: fromDisk });
    expect(where(report.findings, 'TEST_TASK')).toEqual([`${service}:${lineOf(service, /^ {2}TaskDefinition:/)} TaskDefinition`]);
  });

  it.each([
    // missing-child.yaml line 8 is `      TemplateURL: not-there.yaml`: the value starts at column 20.
    ['missing-child.yaml', 'missing-child.yaml:8:20', /^TemplateURL of Missing must name a template file that exists/],
    // cycle-b.yaml line 6 is `      TemplateURL: cycle-a.yaml`, the URL that closes the cycle.
    ['cycle-a.yaml', 'cycle-b.yaml:6:20', /^TemplateURL of Back must not nest a stack inside itself/],
  ])('should report %s as PARSE_ERROR at the TemplateURL and lint nothing else in it', async (file, at, message) => {
    const report = await run([input(`${NESTED}/${file}`)], { readNestedTemplate: fromDisk });
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`)).toEqual([`${NESTED}/${at} PARSE_ERROR`]);
    expect(report.findings[0]!.message).toMatch(message);
  });

  it('should report a nested template that is not YAML as PARSE_ERROR at its syntax error', async () => {
    const files = new Map([[`${NESTED}/service.yaml`, 'Resources:\n  A: [unclosed\n']]);
    const read: NestedTemplateReader = (location, from) => (location === 'service.yaml' ? inMemory(files)(location, from) : fromDisk(location, from));
    const report = await run([input(main)], { readNestedTemplate: read });
    expect(report.findings.map((f) => `${f.file} ${f.code}`)).toEqual([`${NESTED}/service.yaml PARSE_ERROR`]);
  });

  it('should read the nested stack of a cdk.out through its asset manifest', async () => {
    const dir = 'test/fixtures/real/cdk-nested-stack/cdk.out';
    const parent = input(`${dir}/NetworkParent.template.json`, { kind: 'cloudformation', assets: readCdkAssets(join(REPO, dir)) });
    const report = await run([parent], { readNestedTemplate: fromDisk });
    const child = `${dir}/NetworkParentServiceNested8EDF56BD.nested.template.json`;
    // The nested template (read by hand) declares TaskDef54694570 at line 23; the parent declares no task definition.
    expect(report.findings.filter((f) => f.code === 'TEST_TASK').map((f) => `${f.file}:${f.line}`)).toEqual([`${child}:23`]);
    // Without the asset map the S3 TemplateURL stays unread: nothing to report.
    const { assets: _unused, ...unmapped } = parent;
    expect((await run([unmapped], { readNestedTemplate: fromDisk })).findings.filter((f) => f.code === 'TEST_TASK')).toEqual([]);
  });
});

describe('lint and check agree through nested stacks', () => {
  // network.yaml with a gateway policy that allows an application bucket but not ECR's layer bucket
  // (ECR User Guide, "Minimum Amazon S3 bucket permissions"): the layer download is blocked there.
  const network = `${NESTED}/network.yaml`;
  const layerResource = 'Resource: !Sub arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*';
  const broken = text(network).replace(layerResource, 'Resource: !Sub arn:${AWS::Partition}:s3:::my-app-assets-${AWS::AccountId}/*');
  const files = new Map([
    [network, broken],
    [`${NESTED}/service.yaml`, text(`${NESTED}/service.yaml`)],
  ]);

  it('should report S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET in network.yaml where check blocks the layer download', async () => {
    expect(broken).not.toBe(text(network));
    const report = await lint([{ ...input(`${NESTED}/main.yaml`), environment: { region: 'eu-west-1' } }], {
      rules: RULES.filter((r) => r.meta.code === 'S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET'),
      readNestedTemplate: inMemory(files),
    });
    const expanded = expandNestedStacks(parseTemplate(text(`${NESTED}/main.yaml`), `${NESTED}/main.yaml`), inMemory(files));
    const blocked = checkTemplate(expanded, { region: 'eu-west-1' })
      .steps.filter((s) => s.step === 'layer-download' && s.verdict === 'blocked')
      .map((s) => s.endpointResource);
    expect([...new Set(blocked)]).toEqual(['NetworkS3GatewayEndpoint']);
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.resource}`)).toEqual([
      // The policy document of S3GatewayEndpoint, the last endpoint with one in the nested template.
      `${network}:${lastLineOf(network, /^ {6}PolicyDocument:/)} NetworkS3GatewayEndpoint`,
    ]);
  });
});

describe('policygen lint: nested stacks on the command line', () => {
  it('should exit 2 with the TemplateURL file:line on stderr for a nested stack naming a missing file', async () => {
    const run = await runInProcess(['lint', `${NESTED}/missing-child.yaml`], { cwd: REPO });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^policygen: error: test\/fixtures\/check\/nested\/missing-child\.yaml:8:20: TemplateURL of Missing must name/);
  });

  it('should pass a parent given with its nested templates, whose pull is allowed at every step', async () => {
    // main.yaml's pull is allowed at every step (test/check/inputs.test.ts); service.yaml alone has no network.
    const run = await runInProcess(['lint', `${NESTED}/main.yaml`, `${NESTED}/service.yaml`, `${NESTED}/network.yaml`, '--format', 'json'], { cwd: REPO });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
  });
});
