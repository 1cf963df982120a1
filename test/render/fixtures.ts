import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateBundle, type PolicyBundle } from '../../src/generate/bundle';
import { EXAMPLE_SPEC } from '../../src/generate/example-spec';
import type { PolicygenSpec } from '../../src/model/policygen-spec.generated';

/**
 * The specs every renderer is tested on, beyond the committed examples/: the built-in example, a
 * spec with nothing optional (no network IDs, CIDRs or principals), and an EC2 one with ECS Exec,
 * private DNS off on ecr.api, one CIDR and an org-scoped bucket of the user's own.
 */
export const RENDER_CASES: Readonly<Record<string, PolicygenSpec>> = {
  example: EXAMPLE_SPEC,
  minimal: { region: 'eu-central-1', account: '111122223333', launchType: 'fargate' },
  'ec2-exec': {
    region: 'ap-southeast-2',
    account: '111122223333',
    launchType: 'ec2',
    repositories: ['worker', 'arn:aws:ecr:ap-southeast-2:444455556666:repository/shared/base'],
    network: { vpcId: 'vpc-0a1b2c3d4e5f60718', subnetCidrs: ['10.8.0.0/16'], ecrApiPrivateDns: false },
    logging: { awslogs: true, logGroups: ['/ecs/worker'], createLogGroup: true },
    features: { ecsExec: true },
    ecrEndpoint: { principals: ['111122223333'], orgId: 'o-a1b2c3d4e5' },
    s3Endpoint: { buckets: ['worker-config'], bucketsOrgId: 'o-a1b2c3d4e5', amazonLinuxRepositories: true },
  },
  // Dual-stack subnets, the tasks' existing security group, one more security group admitted by
  // reference, and the S3 prefix list ID given.
  'dual-stack': {
    region: 'eu-west-1',
    account: '111122223333',
    launchType: 'fargate',
    repositories: ['web'],
    network: {
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnetCidrs: ['10.1.0.0/24', '10.1.1.0/24'],
      subnetIpv6Cidrs: ['2a05:d018:1:100::/64', '2a05:d018:1:101::/64'],
      endpointIpAddressType: 'dualstack',
      taskSecurityGroupId: 'sg-0123456789abcdef0',
      endpointIngress: ['sg-0fedcba9876543210'],
      s3PrefixListId: 'pl-6da54004',
    },
  },
};

export const renderCases = (): [string, PolicygenSpec, PolicyBundle][] =>
  Object.entries(RENDER_CASES).map(([name, spec]) => [name, spec, generateBundle(spec)]);

const GOLDEN_DIR = join(__dirname, 'golden');

/**
 * Compares a rendering with its golden file in test/render/golden. `UPDATE_GOLDEN=1` rewrites the
 * file instead; nothing else ever does, so a changed output always shows up as a failing test.
 */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  const shown = relative(join(__dirname, '..', '..'), file);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${shown} does not exist: run \`UPDATE_GOLDEN=1 npx jest test/render\` and review it`);
  const expected = readFileSync(file, 'utf8');
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  throw new Error(
    `${shown} differs from the rendering at line ${line + 1}:\n  golden:   ${e[line] ?? '(end of file)'}\n  rendered: ${a[line] ?? '(end of file)'}\n` +
      'If the change is intended, run `UPDATE_GOLDEN=1 npx jest test/render` and review the diff.',
  );
}

/** Every value of a JSON tree with its path, depth first. */
export function* walk(value: unknown, path: readonly (string | number)[] = []): Generator<[readonly (string | number)[], unknown]> {
  yield [path, value];
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* walk(item, [...path, i]);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* walk(item, [...path, key]);
}
