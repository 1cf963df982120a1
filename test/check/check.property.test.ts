import fc from 'fast-check';
import type { PolicygenSpec } from '../../src';
import { checkSpec, checkTemplate, specCheckTemplate, specRepositoryPolicies, type CheckReport, type CheckStep } from '../../src/check';
import { generateBundle } from '../../src/generate/bundle';
import { parseJsonSource } from '../../src/template/source/json-source';
import { hasEcrApiEndpoint, leftOpen, spec } from './arbitraries';

/**
 * issue 4 §6: what the generators produce passes `check`; each single mutation from the list fails
 * it at the step DOMAIN.md says breaks (asserted by the first blocked step's action and endpoint,
 * and by every blocked step's endpoint).
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const blocked = (report: CheckReport, s: PolicygenSpec): readonly CheckStep[] => report.steps.filter((st) => st.verdict !== 'allowed' && !leftOpen(s, st));

function checkMutated(s: PolicygenSpec, mutate: (resources: Json) => void): CheckReport {
  const template = JSON.parse(JSON.stringify(specCheckTemplate(s))) as Json;
  mutate(template['Resources'] as Json);
  // The repository policy of a repository in another account is set there, not in the template: given apart, as check --spec does.
  const repositoryPolicies = specRepositoryPolicies(s);
  return checkTemplate(parseJsonSource('mutated.json', JSON.stringify(template)), {
    region: s.region,
    accountId: s.account,
    ...(repositoryPolicies.length > 0 ? { repositoryPolicies } : {}),
  });
}

/** The spec's repositories in another account than its own (those the bundle's repository policy is for). */
const foreignRepositories = (s: PolicygenSpec): string[] => (s.repositories ?? []).filter((r) => r.startsWith('arn:') && r.split(':')[4] !== s.account);

const statements = (document: Json): Json[] => document['Statement'] as Json[];
const actionsOf = (statement: Json): string[] => [statement['Action']].flat() as string[];
const rolePolicy = (resources: Json): Json => resources['TaskExecutionRolePolicy']['Properties']['PolicyDocument'] as Json;
const pullStatement = (resources: Json): Json => statements(rolePolicy(resources)).find((st) => actionsOf(st).includes('ecr:BatchGetImage'))!;
const s3Policy = (resources: Json): Json => resources['S3GatewayEndpoint']['Properties']['PolicyDocument'] as Json;
const isLayerStatement = (statement: Json): boolean => JSON.stringify(statement['Resource']).includes('starport-layer-bucket');

/** The first step the pull makes through ecr.api, or ecr.dkr when the platform fetched the token itself. */
const firstEcrStep = (s: PolicygenSpec) =>
  hasEcrApiEndpoint(s) ? { action: 'ecr:GetAuthorizationToken', endpoint: 'ecr.api' } : { action: 'ecr:BatchGetImage', endpoint: 'ecr.dkr' };

interface Mutation {
  readonly name: string;
  readonly applies?: (s: PolicygenSpec) => boolean;
  readonly apply: (resources: Json, s: PolicygenSpec) => void;
  /** The first blocked step. */
  readonly first: (s: PolicygenSpec) => { readonly action: string; readonly endpoint: string };
  /** The endpoints of every blocked step. */
  readonly endpoints: readonly string[];
}

const LAYER_DOWNLOAD = () => ({ action: 's3:GetObject', endpoint: 's3' });
const MANIFEST = () => ({ action: 'ecr:BatchGetImage', endpoint: 'ecr.dkr' });
const OTHER_VPCE = 'vpce-0ffffffffffffffff';

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'drop the layer statement from the S3 gateway policy',
    apply: (r) => {
      const policy = s3Policy(r);
      const rest = statements(policy).filter((st) => !isLayerStatement(st));
      policy['Statement'] = rest.length > 0 ? rest : [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-own-bucket/*' }];
    },
    first: LAYER_DOWNLOAD,
    endpoints: ['s3'],
  },
  {
    name: 'add an aws:PrincipalAccount condition to the layer statement',
    apply: (r, s) => {
      const layer = statements(s3Policy(r)).find(isLayerStatement)!;
      layer['Condition'] = { StringEquals: { 'aws:PrincipalAccount': s.account } };
    },
    first: LAYER_DOWNLOAD,
    endpoints: ['s3'],
  },
  {
    name: 'add an aws:PrincipalOrgID condition to the layer statement',
    apply: (r) => {
      statements(s3Policy(r)).find(isLayerStatement)!['Condition'] = { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };
    },
    first: LAYER_DOWNLOAD,
    endpoints: ['s3'],
  },
  {
    name: 'condition GetAuthorizationToken on aws:SourceVpce',
    applies: (s) => s.launchType === 'fargate',
    apply: (r, s) => {
      const auth = statements(rolePolicy(r)).find((st) => actionsOf(st).includes('ecr:GetAuthorizationToken'))!;
      auth['Condition'] = { StringEquals: { 'aws:SourceVpce': { Ref: hasEcrApiEndpoint(s) ? 'EcrApiEndpoint' : 'EcrDkrEndpoint' } } };
    },
    first: () => ({ action: 'ecr:GetAuthorizationToken', endpoint: 'ecr.api' }),
    endpoints: ['ecr.api'],
  },
  {
    name: "change the role's endpoint ID to a literal other vpce",
    apply: (r) => {
      pullStatement(r)['Condition']['StringEquals']['aws:SourceVpce'] = OTHER_VPCE;
    },
    first: MANIFEST,
    endpoints: ['ecr.dkr'],
  },
  {
    name: "condition the role's pull on the ecr.api endpoint instead of ecr.dkr",
    applies: hasEcrApiEndpoint,
    apply: (r) => {
      pullStatement(r)['Condition']['StringEquals']['aws:SourceVpce'] = { Ref: 'EcrApiEndpoint' };
    },
    first: MANIFEST,
    endpoints: ['ecr.dkr'],
  },
  {
    name: "condition the role's pull on another VPC",
    apply: (r) => {
      pullStatement(r)['Condition']['StringEquals']['aws:SourceVpc'] = 'vpc-0ffffffffffffffff';
    },
    first: MANIFEST,
    endpoints: ['ecr.dkr'],
  },
  {
    name: 'make the ECR endpoint policy Deny-only',
    apply: (r) => {
      for (const id of ['EcrApiEndpoint', 'EcrDkrEndpoint']) {
        if (r[id] === undefined) continue;
        r[id]['Properties']['PolicyDocument'] = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 'ecr:DeleteRepository', Resource: '*' }],
        };
      }
    },
    first: firstEcrStep,
    endpoints: ['ecr.api', 'ecr.dkr'],
  },
  {
    name: 'deny ecr:BatchGetImage in the execution role',
    apply: (r) => {
      statements(rolePolicy(r)).push({ Effect: 'Deny', Action: 'ecr:BatchGetImage', Resource: '*' });
    },
    first: MANIFEST,
    endpoints: ['ecr.dkr'],
  },
  {
    name: 'private DNS off on ecr.dkr',
    apply: (r) => {
      r['EcrDkrEndpoint']['Properties']['PrivateDnsEnabled'] = false;
    },
    first: MANIFEST,
    endpoints: ['ecr.dkr'],
  },
  {
    name: 'remove the ecr.dkr endpoint',
    apply: (r) => {
      delete r['EcrDkrEndpoint'];
    },
    first: MANIFEST,
    endpoints: ['ecr.dkr'],
  },
  {
    name: 'remove the ecr.api endpoint',
    applies: hasEcrApiEndpoint,
    apply: (r) => {
      delete r['EcrApiEndpoint'];
    },
    first: () => ({ action: 'ecr:GetAuthorizationToken', endpoint: 'ecr.api' }),
    endpoints: ['ecr.api'],
  },
  {
    name: 'remove the S3 route tables',
    apply: (r) => {
      delete r['S3GatewayEndpoint']['Properties']['RouteTableIds'];
    },
    first: LAYER_DOWNLOAD,
    endpoints: ['s3'],
  },
  {
    name: 'make the S3 endpoint an Interface endpoint',
    apply: (r) => {
      r['S3GatewayEndpoint']['Properties']['VpcEndpointType'] = 'Interface';
    },
    first: LAYER_DOWNLOAD,
    endpoints: ['s3'],
  },
  {
    name: 'remove the 443 ingress',
    apply: (r) => {
      for (const rule of r['EndpointSecurityGroup']['Properties']['SecurityGroupIngress'] as Json[]) {
        rule['FromPort'] = 80;
        rule['ToPort'] = 80;
      }
      delete r['EndpointSecurityGroupIngressFromTasks'];
    },
    first: firstEcrStep,
    endpoints: ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'],
  },
  {
    name: 'remove the task security group’s egress to the endpoints',
    apply: (r) => {
      delete r['TaskSecurityGroupEgressToEndpoints'];
    },
    first: firstEcrStep,
    endpoints: ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'],
  },
  {
    name: 'narrow the task security group’s egress to S3 to port 80',
    apply: (r) => {
      for (const rule of r['TaskSecurityGroup']['Properties']['SecurityGroupEgress'] as Json[]) {
        rule['FromPort'] = 80;
        rule['ToPort'] = 80;
      }
    },
    first: LAYER_DOWNLOAD,
    endpoints: ['s3'],
  },
  {
    name: 'remove the logs endpoint with awslogs',
    applies: (s) => s.logging?.awslogs === true,
    apply: (r) => {
      delete r['LogsEndpoint'];
    },
    first: (s) => ({ action: s.logging?.createLogGroup === true ? 'logs:CreateLogGroup' : 'logs:CreateLogStream', endpoint: 'logs' }),
    endpoints: ['logs'],
  },
];

describe('check: properties over the generators', () => {
  it('should pass every policy set the generators produce', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const report = checkSpec(s);
        expect(blocked(report, s)).toEqual([]);
        const layers = report.steps.filter((st) => st.step === 'layer-download');
        expect(layers.filter((st) => st.verdict === 'unknown').length).toBe(s.osFamily === 'windows' ? layers.length : 0);
        // Over an internet path the foreign layers are reachable: everything passes.
        if (s.osFamily === 'windows') expect(checkSpec(s, { internet: true }).steps.filter((st) => st.verdict !== 'allowed')).toEqual([]);
        // Every container walks auth, the two pull actions a pull needs and the layer download at least.
        expect(report.summary.steps).toBeGreaterThanOrEqual(4 * report.summary.containers);
        expect(report.steps.some((st) => st.action === 's3:GetObject' && st.endpoint === 's3' && st.network === 'endpoint')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('should not allow the auth step of a spec with private DNS off on ecr.api (advisory ecr-api-private-dns-required)', () => {
    const dnsOff = spec.map((s) => ({ ...s, network: { ...s.network, ecrApiPrivateDns: false } }));
    fc.assert(
      fc.property(dnsOff, (s) => {
        fc.pre(hasEcrApiEndpoint(s));
        const auth = checkSpec(s).steps.filter((st) => st.action === 'ecr:GetAuthorizationToken');
        expect(auth.length).toBeGreaterThan(0);
        expect(auth.every((st) => st.verdict !== 'allowed')).toBe(true);
        // Over an internet route the default host name leads to ECR itself.
        expect(
          checkSpec(s, { internet: true })
            .steps.filter((st) => st.action === 'ecr:GetAuthorizationToken')
            .every((st) => st.verdict === 'allowed'),
        ).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('should pass the unmutated template the mutations start from', () => {
    fc.assert(
      fc.property(spec, (s) => {
        expect(
          blocked(
            checkMutated(s, () => undefined),
            s,
          ),
        ).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  // IAM cross-account evaluation: the repository policy must allow as well as the role (src/pull/hop-runner.ts).
  it('should block the pull from a repository of another account once its repository policy no longer allows the role', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const foreign = foreignRepositories(s);
        fc.pre(foreign.length > 0);
        const bundle = generateBundle(s);
        const given = specRepositoryPolicies(s, bundle);
        expect(given.map((p) => p.repositoryArn).sort()).toEqual([...foreign].sort());
        const pullSteps = (report: CheckReport) => report.steps.filter((st) => st.endpoint === 'ecr.dkr' && foreign.includes(st.resource));
        const template = parseJsonSource('spec.json', JSON.stringify(specCheckTemplate(s, bundle)));
        const options = { region: s.region, accountId: s.account };

        const intact = checkTemplate(template, { ...options, repositoryPolicies: given });
        expect(pullSteps(intact).length).toBeGreaterThan(0);
        expect(pullSteps(intact).every((st) => st.verdict === 'allowed')).toBe(true);

        // The generated policy without its statement(s): one that admits an unrelated account stands in, so the document stays valid.
        const emptied = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'ecr:BatchGetImage' }],
        };
        fc.pre(s.account !== '999999999999');
        const removed = checkTemplate(template, { ...options, repositoryPolicies: given.map((p) => ({ ...p, document: emptied })) });
        expect(pullSteps(removed).length).toBe(pullSteps(intact).length);
        expect(pullSteps(removed).every((st) => st.verdict === 'blocked')).toBe(true);
        // Nothing else changes: every other step keeps its verdict.
        const others = (report: CheckReport) => report.steps.filter((st) => !pullSteps(report).includes(st)).map((st) => st.verdict);
        expect(others(removed)).toEqual(others(intact));

        // Without it the check cannot know: unknown, never blocked.
        const absent = checkTemplate(template, options);
        expect(pullSteps(absent).every((st) => st.verdict === 'unknown')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  for (const mutation of MUTATIONS) {
    it(`should fail at the right step after: ${mutation.name}`, () => {
      fc.assert(
        fc.property(spec, (s) => {
          fc.pre(mutation.applies?.(s) ?? true);
          const report = checkMutated(s, (r) => mutation.apply(r, s));
          const failed = blocked(report, s);
          expect(failed.length).toBeGreaterThan(0);
          const { action, endpoint } = failed[0]!;
          expect({ action, endpoint }).toEqual(mutation.first(s));
          for (const step of failed) expect(mutation.endpoints).toContain(step.endpoint);
          expect(failed.every((step) => step.reason.length > 0)).toBe(true);
        }),
        { numRuns: 40 },
      );
    });
  }
});
