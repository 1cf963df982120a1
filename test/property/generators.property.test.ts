import fc from 'fast-check';
import {
  ECR_PULL_ACTIONS,
  generateBundle,
  generateEcrEndpointPolicy,
  generateExecutionRolePolicy,
  generateS3GatewayPolicy,
  planEndpoints,
  specToOptions,
  type PolicygenSpec,
} from '../../src';
import type { CanonicalStatement, PolicyDocument } from '../../src/model/policy';
import { validatePolicyDocument } from '../../src/model/validate-policy';
import { account, bucketName, cidr, logGroupName, orgId, region, regionInfo, repositoryName, uniqueList, vpcId, vpceId } from './arbitraries/inputs';

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const actionsOf = (s: CanonicalStatement) => list(s.Action).map((a) => a.toLowerCase());
const statementsWith = (doc: PolicyDocument, action: string) => doc.Statement.filter((s) => actionsOf(s).includes(action.toLowerCase()));
const ACCOUNT_KEYS = ['aws:principalaccount', 'aws:principalorgid', 'aws:principalarn', 'aws:resourceaccount', 'aws:resourceorgid'];
const VPC_KEYS = ['aws:sourcevpc', 'aws:sourcevpce', 'aws:sourcevpcarn', 'aws:vpcsourceip'];
const conditionKeys = (s: CanonicalStatement) => Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block).map((k) => k.toLowerCase()));
const shuffled = <T>(values: readonly T[], seed: number): T[] =>
  values
    .map((v, i) => [((i + 1) * (seed + 7919)) % 104729, v] as const)
    .sort(([a], [b]) => a - b)
    .map(([, v]) => v);

const executionRoleOptions = fc
  .record({
    region,
    account,
    vpceIds: uniqueList(vpceId, 3),
    vpcIds: uniqueList(vpcId, 2),
    repositories: uniqueList(repositoryName, 5),
    logGroups: uniqueList(logGroupName, 3),
    createLogGroup: fc.boolean(),
  })
  .map((o) => ({ ...o, createLogGroup: o.createLogGroup && o.logGroups.length > 0 }));

describe('generators: properties over random valid inputs', () => {
  it('should emit documents that validate against schemas/iam-policy.schema.json', () => {
    fc.assert(
      fc.property(executionRoleOptions, fc.array(bucketName, { maxLength: 3 }), orgId, (o, buckets, org) => {
        const docs = [
          generateExecutionRolePolicy(o).document,
          generateEcrEndpointPolicy({ region: o.region, account: o.account, repositories: o.repositories, orgId: org }).document,
          generateS3GatewayPolicy({ region: o.region, buckets, amazonLinuxRepositories: true }).document,
        ];
        for (const doc of docs) expect(validatePolicyDocument(doc)).toEqual([]);
      }),
    );
  });

  it('should put the layer statement exactly once, for the right Region and partition, with no account or org condition', () => {
    fc.assert(
      fc.property(region, fc.array(bucketName, { maxLength: 3 }), fc.option(orgId, { nil: undefined }), fc.boolean(), (r, buckets, org, al) => {
        const doc = generateS3GatewayPolicy({ region: r, buckets, bucketsOrgId: buckets.length > 0 ? org : undefined, amazonLinuxRepositories: al }).document;
        const layer = `arn:${regionInfo(r).partition}:s3:::prod-${r}-starport-layer-bucket/*`;
        const holding = doc.Statement.filter((s) => list(s.Resource).some((res) => res.includes('starport-layer-bucket')));
        expect(holding).toHaveLength(1);
        expect(list(holding[0]!.Resource)).toEqual([layer]);
        expect(holding[0]!.Principal).toBe('*');
        expect(list(holding[0]!.Action)).toEqual(['s3:GetObject']);
        expect(conditionKeys(holding[0]!).filter((k) => ACCOUNT_KEYS.includes(k))).toEqual([]);
      }),
    );
  });

  it('should never put a VPC condition on ecr:GetAuthorizationToken', () => {
    fc.assert(
      fc.property(executionRoleOptions, (o) => {
        const auth = statementsWith(generateExecutionRolePolicy(o).document, 'ecr:GetAuthorizationToken');
        expect(auth.length).toBeGreaterThan(0);
        for (const s of auth) expect(conditionKeys(s).filter((k) => VPC_KEYS.includes(k))).toEqual([]);
      }),
    );
  });

  it('should condition every pull action on the endpoints with StringEquals, never IfExists or a set operator', () => {
    fc.assert(
      fc.property(executionRoleOptions, (o) => {
        fc.pre(o.vpceIds.length > 0);
        const doc = generateExecutionRolePolicy(o).document;
        for (const action of ECR_PULL_ACTIONS) {
          const statements = statementsWith(doc, action);
          expect(statements.length).toBeGreaterThan(0);
          for (const s of statements) {
            expect(Object.keys(s.Condition ?? {})).toEqual(['StringEquals']);
            expect([...list(s.Condition!['StringEquals']!['aws:SourceVpce'])].sort()).toEqual([...o.vpceIds].sort());
          }
        }
      }),
    );
  });

  it('should never emit a wildcard action, an S3 permission in the execution role, or a resource broader than asked', () => {
    fc.assert(
      fc.property(executionRoleOptions, (o) => {
        fc.pre(o.repositories.length > 0);
        const doc = generateExecutionRolePolicy(o).document;
        const actions = doc.Statement.flatMap(actionsOf);
        expect(actions.filter((a) => a.includes('*'))).toEqual([]);
        expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
        expect(doc.Statement.some((s) => s.NotAction !== undefined || s.NotResource !== undefined)).toBe(false);
        const info = regionInfo(o.region);
        const allowed = new Set([
          '*', // ecr:GetAuthorizationToken only takes "*"
          ...o.repositories.map((n) => `arn:${info.partition}:ecr:${o.region}:${o.account}:repository/${n}`),
          ...o.logGroups.flatMap((g) => [
            `arn:${info.partition}:logs:${o.region}:${o.account}:log-group:${g}:*`,
            `arn:${info.partition}:logs:${o.region}:${o.account}:log-group:${g}`,
          ]),
        ]);
        for (const s of doc.Statement) {
          for (const res of list(s.Resource)) expect(allowed).toContain(res);
          if (list(s.Resource).includes('*')) expect(actionsOf(s)).toEqual(['ecr:getauthorizationtoken']);
        }
      }),
    );
  });

  it('should keep every size within its quota or report it', () => {
    fc.assert(
      fc.property(region, account, fc.array(repositoryName, { minLength: 0, maxLength: 400 }), (r, a, repositories) => {
        for (const result of [
          generateExecutionRolePolicy({ region: r, account: a, repositories }),
          generateEcrEndpointPolicy({ region: r, account: a, repositories }),
        ]) {
          for (const size of result.sizes) {
            expect(size.withinQuota).toBe(size.characters <= size.limit);
            const reported = result.advisories.some((adv) => adv.id === 'policy-size-exceeds-quota' && adv.message.includes(size.quota));
            expect(reported).toBe(!size.withinQuota);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('should give the same bytes whatever the order of options and repeated values', () => {
    fc.assert(
      fc.property(executionRoleOptions, fc.nat(), (o, seed) => {
        const reordered = {
          createLogGroup: o.createLogGroup,
          logGroups: shuffled([...o.logGroups, ...o.logGroups], seed),
          repositories: shuffled([...o.repositories, ...o.repositories.slice(0, 1)], seed),
          vpcIds: shuffled(o.vpcIds, seed),
          vpceIds: shuffled([...o.vpceIds, ...o.vpceIds], seed),
          account: o.account,
          region: o.region,
        };
        expect(JSON.stringify(generateExecutionRolePolicy(reordered))).toBe(JSON.stringify(generateExecutionRolePolicy(o)));
      }),
    );
  });

  it('should make generate(spec) equal to the individual generators', () => {
    const spec: fc.Arbitrary<PolicygenSpec> = fc.record({
      region,
      account,
      launchType: fc.constantFrom('fargate' as const, 'ec2' as const),
      repositories: uniqueList(repositoryName, 3),
      network: fc.record({ vpcId, endpointIds: uniqueList(vpceId, 2), subnetCidrs: uniqueList(cidr, 3) }),
      logging: fc.record({ awslogs: fc.boolean(), logGroups: uniqueList(logGroupName, 2) }),
      ecrEndpoint: fc.record({ orgId }),
      s3Endpoint: fc.record({ buckets: uniqueList(bucketName, 2) }),
    });
    fc.assert(
      fc.property(spec, (s) => {
        const bundle = generateBundle(s);
        const options = specToOptions(s);
        const ecr = generateEcrEndpointPolicy(options.ecrEndpoint);
        const s3 = generateS3GatewayPolicy(options.s3Gateway);
        const plan = planEndpoints({ ...options.plan, policies: { ecr: ecr.document, s3: s3.document } });
        expect(bundle.executionRolePolicy.document).toEqual(generateExecutionRolePolicy(options.executionRole).document);
        expect(bundle.ecrEndpointPolicy.document).toEqual(ecr.document);
        expect(bundle.s3GatewayEndpointPolicy.document).toEqual(s3.document);
        expect(bundle.plan.endpoints).toEqual(plan.endpoints);
        expect(bundle.plan.securityGroupIngress).toEqual(plan.securityGroupIngress);
      }),
      { numRuns: 50 },
    );
  });
});
