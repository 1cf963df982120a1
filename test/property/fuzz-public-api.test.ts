import fc from 'fast-check';
import * as api from '../../src';
import { readCdkOutManifest, listCdkOutTemplates } from '../../src/template/cdk-out';
import { readCloudFormation } from '../../src/template/cloudformation';
import { readPolicyFile } from '../../src/template/policy-file';
import { parseJsonSource } from '../../src/template/source/json-source';
import { SourceParseError } from '../../src/template/source/source-error';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import { readTerraformPlan } from '../../src/template/terraform-plan';
import { POLICY_TYPES } from '../../src/template/types';
import { field, junk, optionsOf, policyDocument } from './arbitraries/junk';
import { cloudFormationTemplate, printed, readerText, terraformPlan } from './arbitraries/stacks';

/**
 * Whatever a caller passes, every public function and every reader either returns or throws
 * PolicygenInputError (with issues that name a field); never a TypeError, a RangeError from a
 * stack overflow, or a hang. FUZZ_SCALE=10 for a longer hunt.
 */

jest.setTimeout(300_000);

// 0.1 by default (about 10,000 cases); CI sets FUZZ_SCALE=1 for the 100,000 the runs below add up to.
const SCALE = Number(process.env['FUZZ_SCALE'] ?? 0.1);
// Fixed, so that a run is repeatable; FUZZ_SEED=<n> explores other cases.
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261204);
// Per call. Generous: the first call of a kind loads iam-data, and a case may hold 200,000 characters.
const SLOW_MS = 3000;
const REGIONS = ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'eu-west-1', 'us-east-9', 'mars-1'];
const ACCOUNT = '111122223333';

/** Calls `run` and fails unless it returns or throws a well-formed PolicygenInputError, in time. */
/** What a caller's own callback (lint's `read()`) throws: it must reach the caller unchanged, never be swallowed. */
class CallersOwnError extends Error {}

async function onlyInputErrors(name: string, run: () => unknown): Promise<void> {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    if (error instanceof CallersOwnError) return;
    if (!(error instanceof api.PolicygenInputError)) {
      throw new Error(`${name} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
    }
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(typeof issue.field).toBe('string');
      expect(typeof issue.expected).toBe('string');
      expect(typeof issue.received).toBe('string');
    }
  } finally {
    const elapsed = performance.now() - started;
    if (elapsed > SLOW_MS) throw new Error(`${name} took ${Math.round(elapsed)} ms (bound ${SLOW_MS} ms)`);
  }
}

interface FuzzCase {
  readonly args: fc.Arbitrary<readonly unknown[]>;
  readonly call: (args: readonly unknown[]) => unknown;
  readonly runs: number;
}

const fn = (f: unknown) => f as (...args: readonly unknown[]) => unknown;
const call = (f: unknown) => (args: readonly unknown[]) => fn(f)(...args);
const args = (...arbitraries: fc.Arbitrary<unknown>[]) => fc.tuple(...arbitraries) as fc.Arbitrary<readonly unknown[]>;

const region = field(...REGIONS);
const strings = (...good: string[]) =>
  field(
    good,
    [],
    good.map((g) => [g, 5]),
  );
const spec = optionsOf({
  region,
  account: field(ACCOUNT, '12'),
  launchType: field('FARGATE', 'EC2', 'fargate'),
  platformVersion: field('1.4.0', 'LATEST', '1.3.0'),
  repositories: strings('app', 'arn:aws:ecr:us-east-1:111122223333:repository/a'),
  network: field({ vpcId: 'vpc-0123456789abcdef0', subnetCidrs: ['10.0.0.0/24'] }, { vpcId: 5 }),
  logging: field({ logGroups: ['/ecs/app'] }, { logGroups: 'x' }),
  secrets: strings('arn:aws:secretsmanager:us-east-1:111122223333:secret:a-AbCdEf'),
  parameters: strings('/app/x'),
  allowUnlistedRegion: field(true),
});
const request = optionsOf({
  principal: optionsOf({ arn: field(`arn:aws:iam::${ACCOUNT}:role/r`, 'ecs-tasks.amazonaws.com'), account: field(ACCOUNT), type: field('AWS', 'Service') }),
  action: field('ecr:BatchGetImage', 's3:GetObject', ''),
  resource: field('*', 'arn:aws:ecr:us-east-1:111122223333:repository/a'),
  resourceAccount: field(ACCOUNT),
  context: field({ 'aws:SourceVpce': 'vpce-1' }, { 'aws:SourceIp': ['10.0.0.1', 5] }, { 'aws:CurrentTime': null }),
});
const policyInput = optionsOf({
  label: field('p'),
  kind: field('identity', 'resource', 'vpc-endpoint', 'scp'),
  document: policyDocument,
  endpointType: field('gateway', 'interface'),
});
/** A parsed source of `data`; data the JSON reader refuses (nested too deep) stays as its text, which is junk to the callee. */
const sourceOf = (data: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: data.map((d) => parseOrText(printed(d))) }, { weight: 1, arbitrary: junk });

function parseOrText(text: string): unknown {
  try {
    return parseJsonSource('fuzz.json', text);
  } catch (error) {
    if (error instanceof SourceParseError) return text;
    throw error;
  }
}
const checkOptions = optionsOf({ region, accountId: field(ACCOUNT, 'x'), allowUnlistedRegion: field(true), internet: field(true, false) });
const lintInput = optionsOf({
  file: field('a.json', 'b.yaml', 'c'),
  text: fc.oneof(readerText, junk),
  read: field(
    () => ({ text: '{}' }),
    () => ({ readError: 'EACCES' }),
    () => 5,
    () => {
      throw new CallersOwnError('boom');
    },
  ),
  kind: field('policy', 'cloudformation', 'terraform-plan', 'cdk-out'),
  policyType: field(...POLICY_TYPES),
  environment: field({ region: 'us-east-1', account: ACCOUNT }, { region: 5 }),
});
const lintOptions = optionsOf({ kind: field('policy', 'cloudformation'), policyType: field(...POLICY_TYPES), onProgress: field(() => undefined) });

/** Every function src/index.ts exports, with what to call it with. */
const PUBLIC: Readonly<Record<string, FuzzCase>> = {
  generateS3GatewayPolicy: {
    args: args(
      optionsOf({
        region,
        allowUnlistedRegion: field(true),
        buckets: strings('my-bucket'),
        bucketsOrgId: field('o-abcdefghij'),
        bucketsResourceAccounts: strings(ACCOUNT),
        amazonLinuxRepositories: field(true),
        layerBucketPartition: field('aws', 'aws-us-gov'),
      }),
    ),
    call: call(api.generateS3GatewayPolicy),
    runs: 6000,
  },
  generateExecutionRolePolicy: {
    args: args(
      optionsOf({
        region,
        account: field(ACCOUNT),
        vpceIds: strings('vpce-0123456789abcdef0'),
        vpcIds: strings('vpc-0123456789abcdef0'),
        repositories: strings('app', '*'),
        logGroups: strings('/ecs/app'),
        createLogGroup: field(true),
        secrets: strings('arn:aws:secretsmanager:us-east-1:111122223333:secret:a-AbCdEf'),
        parameters: strings('/a'),
        kmsKeys: strings('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      }),
    ),
    call: call(api.generateExecutionRolePolicy),
    runs: 6000,
  },
  generateEcrEndpointPolicy: {
    args: args(
      optionsOf({
        region,
        account: field(ACCOUNT),
        repositories: strings('app'),
        principals: strings(`arn:aws:iam::${ACCOUNT}:role/r`),
        orgId: field('o-abcdefghij'),
        allowPush: field(true),
      }),
    ),
    call: call(api.generateEcrEndpointPolicy),
    runs: 6000,
  },
  generateRegistryPolicy: {
    args: args(
      optionsOf({
        region,
        account: field(ACCOUNT),
        principals: strings(`arn:aws:iam::${ACCOUNT}:role/r`),
        pullThroughCachePrefixes: strings('ecr-public'),
      }),
    ),
    call: call(api.generateRegistryPolicy),
    runs: 3000,
  },
  generateRepositoryPolicy: {
    args: args(optionsOf({ region, principals: strings(`arn:aws:iam::${ACCOUNT}:role/r`), vpceIds: strings('vpce-0123456789abcdef0') })),
    call: call(api.generateRepositoryPolicy),
    runs: 3000,
  },
  generateInstanceRolePolicy: {
    args: args(
      optionsOf({
        region,
        account: field(ACCOUNT),
        cluster: field('prod', 'a/b'),
        tasksWithoutExecutionRole: field(true, false),
        vpceIds: strings('vpce-0123456789abcdef0'),
        repositories: strings('app'),
        logGroups: strings('/ecs/app'),
      }),
    ),
    call: call(api.generateInstanceRolePolicy),
    runs: 3000,
  },
  planEndpoints: {
    args: args(
      optionsOf({
        region,
        launchType: field('FARGATE', 'EC2'),
        platformVersion: field('1.4.0', '1.3.0', 'LATEST'),
        awslogs: field(true),
        secretsManager: field(true),
        ssmParameters: field(true),
        ecsExec: field(true),
        serviceConnect: field(true),
        ecrApiPrivateDns: field(false),
        subnetCidrs: strings('10.0.0.0/24'),
        policies: field({}),
      }),
    ),
    call: call(api.planEndpoints),
    runs: 6000,
  },
  generateBundle: { args: args(spec), call: call(api.generateBundle), runs: 3000 },
  specToOptions: { args: args(spec), call: call(api.specToOptions), runs: 3000 },
  canonicalizePolicy: { args: args(policyDocument), call: call(api.canonicalizePolicy), runs: 8000 },
  parseRegion: { args: args(region, optionsOf({ allowUnlisted: field(true), field: field('region') })), call: call(api.parseRegion), runs: 5000 },
  listRegions: { args: args(junk), call: call(api.listRegions), runs: 500 },
  endpointServiceName: {
    args: args(
      field(...REGIONS.map((r) => api.parseRegion(r)).flatMap((r) => (r.ok ? [r.value] : [])), 'us-east-1'),
      field('ecr.dkr', 'ecr.api', 's3', 'logs', ''),
    ),
    call: call(api.endpointServiceName),
    runs: 5000,
  },
  layerBucketName: { args: args(region), call: call(api.layerBucketName), runs: 3000 },
  formatIssue: {
    args: args(
      optionsOf({ field: field('a'), received: field('b'), expected: field('c'), hint: field('d'), location: field({ file: 'f', line: 1, column: 1 }) }),
    ),
    call: call(api.formatIssue),
    runs: 3000,
  },
  loadSpec: {
    args: args(
      fc.oneof(spec.map(printed), readerText, junk),
      field('spec.json', 'spec.yaml'),
      field((s: unknown) => s, api.generateBundle),
    ),
    call: call(api.loadSpec),
    runs: 3000,
  },
  compilePolicy: { args: args(policyDocument), call: call(api.compilePolicy), runs: 8000 },
  isCompiledPolicy: { args: args(junk), call: call(api.isCompiledPolicy), runs: 1000 },
  evaluate: { args: args(request, fc.oneof(fc.array(policyInput, { maxLength: 3 }), junk)), call: call(api.evaluate), runs: 8000 },
  diffPolicies: {
    args: args(
      policyDocument,
      policyDocument,
      // maxRequests at most 1,000: the default (200,000 requests) makes one case of random policies take seconds.
      optionsOf({ policyType: field(...api.DIFF_POLICY_TYPES), maxRequests: field(10, 1000, 0, -1), maxExamples: field(1, 0) }).map(boundedDiff),
    ),
    call: call(api.diffPolicies),
    runs: 1000,
  },
  diffEvaluationInputs: { args: args(policyDocument, field(...api.DIFF_POLICY_TYPES)), call: call(api.diffEvaluationInputs), runs: 4000 },
  checkTemplate: { args: args(sourceOf(cloudFormationTemplate), checkOptions), call: call(api.checkTemplate), runs: 2500 },
  checkSpec: { args: args(spec, optionsOf({ internet: field(true) }), field('spec.json')), call: call(api.checkSpec), runs: 1000 },
  checkFails: { args: args(optionsOf({ summary: field({ blocked: 1 }, { blocked: 0 }) })), call: call(api.checkFails), runs: 2000 },
  lint: { args: args(fc.oneof(fc.array(lintInput, { maxLength: 3 }), junk), lintOptions), call: call(api.lint), runs: 2000 },
  failsAt: { args: args(optionsOf({ findings: field([{ severity: 'error' }]) }), field('error', 'warning')), call: call(api.failsAt), runs: 2000 },
  parseTemplate: { args: args(fc.oneof(readerText, junk), field('t.json', 't.yaml', 't')), call: call(api.parseTemplate), runs: 5000 },
};

/** The readers of src/template: internal, but they take whatever a file holds. */
const READERS: Readonly<Record<string, FuzzCase>> = {
  parseJsonSource: { args: args(fc.constant('f.json'), readerText), call: call(parseJsonSource), runs: 6000 },
  parseYamlSource: { args: args(fc.constant('f.yaml'), readerText), call: call(parseYamlSource), runs: 6000 },
  readCloudFormation: { args: args(sourceOf(cloudFormationTemplate)), call: call(readCloudFormation), runs: 4000 },
  readTerraformPlan: { args: args(sourceOf(terraformPlan)), call: call(readTerraformPlan), runs: 4000 },
  readPolicyFile: {
    args: args(sourceOf(policyDocument), fc.constantFrom(...POLICY_TYPES)),
    call: call(readPolicyFile),
    runs: 4000,
  },
  readCdkOutManifest: {
    args: args(
      fc.oneof(
        readerText,
        optionsOf({
          version: field('36.0.0'),
          artifacts: field({ S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } }, { S: 5 }),
        }).map(printed),
      ),
    ),
    call: call(readCdkOutManifest),
    runs: 3000,
  },
  listCdkOutTemplates: { args: args(readerText), call: call(listCdkOutTemplates), runs: 2000 },
};

function boundedDiff(options: unknown): unknown {
  if (options === undefined) return { maxRequests: 1000 };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return options;
  const max = (options as { maxRequests?: unknown }).maxRequests;
  return { ...options, maxRequests: typeof max === 'number' && max > 1000 ? 1000 : (max ?? 1000) };
}

const cases = (table: Readonly<Record<string, FuzzCase>>) => Object.entries(table);

describe('fuzzing the public API', () => {
  it('should cover every function src/index.ts exports', () => {
    const functions = Object.entries(api)
      .filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test((value as { name: string }).name))
      .map(([name]) => name)
      .sort();
    expect(Object.keys(PUBLIC).sort()).toEqual(functions);
  });

  it.each(cases(PUBLIC))('should throw nothing but PolicygenInputError from %s', async (name, fuzz) => {
    await fc.assert(
      fc.asyncProperty(fuzz.args, (values) => onlyInputErrors(name, () => fuzz.call(values))),
      { numRuns: Math.round(fuzz.runs * SCALE), seed: SEED },
    );
  });
});

describe('fuzzing the readers of src/template', () => {
  it.each(cases(READERS))('should throw nothing but PolicygenInputError from %s', async (name, fuzz) => {
    await fc.assert(
      fc.asyncProperty(fuzz.args, (values) => onlyInputErrors(name, () => fuzz.call(values))),
      { numRuns: Math.round(fuzz.runs * SCALE), seed: SEED },
    );
  });
});

it('should plan at least 100,000 cases at FUZZ_SCALE=1', () => {
  const total = [...Object.values(PUBLIC), ...Object.values(READERS)].reduce((sum, c) => sum + c.runs, 0);
  expect(total).toBeGreaterThanOrEqual(100_000);
});
