import fc from 'fast-check';
import type { PolicygenSpec } from '../../src';
import type { CheckStep } from '../../src/check';
import { account, bucketName, cidr, logGroupName, orgId, region, regionInfo, repositoryName, uniqueList, vpcId, vpceId } from '../property/arbitraries/inputs';

/** Valid specs of every shape `generate` takes, for `check` properties. */

const secretName = fc.stringMatching(/^[a-z][a-z0-9-]{1,12}-[A-Za-z0-9]{6}$/);
const parameterName = fc.stringMatching(/^\/[a-z][a-z0-9-]{1,10}(?:\/[a-z0-9-]{1,10}){0,2}$/);
const roleName = fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/);

export const spec: fc.Arbitrary<PolicygenSpec> = fc
  .record({
    region,
    account,
    otherAccount: account,
    launchType: fc.constantFrom('fargate' as const, 'ec2' as const),
    osFamily: fc.constantFrom(undefined, 'linux' as const, 'windows' as const),
    platformVersion: fc.constantFrom(undefined, 'LATEST', 'numbered'),
    repositories: uniqueList(repositoryName, 3),
    crossAccountRepository: fc.boolean(),
    vpcId: fc.option(vpcId, { nil: undefined }),
    endpointIds: uniqueList(vpceId, 2),
    subnetCidrs: uniqueList(cidr, 2),
    // false is a deployment whose tasks cannot fetch the registry token without an internet route (the
    // generator's error advisory ecr-api-private-dns-required): check.property.test.ts checks it apart.
    ecrApiPrivateDns: fc.option(fc.constant(true as boolean), { nil: undefined }),
    awslogs: fc.boolean(),
    logGroups: uniqueList(logGroupName, 2),
    createLogGroup: fc.boolean(),
    secrets: uniqueList(secretName, 2),
    parameters: uniqueList(parameterName, 2),
    principals: uniqueList(roleName, 2),
    orgId: fc.option(orgId, { nil: undefined }),
    allowPush: fc.boolean(),
    buckets: uniqueList(bucketName, 2),
    bucketsOrgId: fc.option(orgId, { nil: undefined }),
    amazonLinuxRepositories: fc.boolean(),
    // Issue 9: keys through the secrets services, environment files, the role a cross-account repository policy names.
    kmsKey: fc.boolean(),
    environmentFiles: uniqueList(bucketName, 2),
    executionRoleName: fc.option(roleName, { nil: undefined }),
    // EC2: the container instance role, which pulls for tasks without an execution role.
    cluster: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), { nil: undefined }),
    tasksWithoutExecutionRole: fc.boolean(),
    instanceRoleName: fc.option(roleName, { nil: undefined }),
  })
  .map((o): PolicygenSpec => {
    const { partition } = regionInfo(o.region);
    const repositories =
      o.crossAccountRepository && o.repositories.length > 0
        ? [...o.repositories.slice(1), `arn:${partition}:ecr:${o.region}:${o.otherAccount}:repository/${o.repositories[0]!}`]
        : o.repositories;
    // awslogs writes to named log groups: a spec without them gives a role without logs actions.
    const logGroups = o.awslogs && o.logGroups.length === 0 ? ['/ecs/app'] : o.logGroups;
    return {
      region: o.region,
      account: o.account,
      launchType: o.launchType,
      ...(o.osFamily !== undefined ? { osFamily: o.osFamily } : {}),
      // The numbered versions Fargate launches today: Linux 1.4.0, Windows 1.0.0.
      ...(o.launchType === 'fargate' && o.platformVersion !== undefined
        ? { platformVersion: o.platformVersion === 'numbered' ? (o.osFamily === 'windows' ? '1.0.0' : '1.4.0') : o.platformVersion }
        : {}),
      ...(repositories.length > 0 ? { repositories } : {}),
      network: {
        ...(o.vpcId !== undefined ? { vpcId: o.vpcId } : {}),
        endpointIds: o.endpointIds,
        subnetCidrs: o.subnetCidrs,
        ...(o.ecrApiPrivateDns !== undefined ? { ecrApiPrivateDns: o.ecrApiPrivateDns } : {}),
      },
      logging: { awslogs: o.awslogs, logGroups, createLogGroup: o.createLogGroup && logGroups.length > 0 },
      secrets: o.secrets.map((name) => `arn:${partition}:secretsmanager:${o.region}:${o.account}:secret:${name}`),
      parameters: o.parameters,
      ...(o.kmsKey && o.secrets.length + o.parameters.length > 0
        ? { kmsKeys: [`arn:${partition}:kms:${o.region}:${o.account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`] }
        : {}),
      environmentFiles: o.environmentFiles.map((bucket) => `arn:${partition}:s3:::${bucket}/app/production.env`),
      ...(o.executionRoleName !== undefined ? { executionRoleArn: `arn:${partition}:iam::${o.account}:role/${o.executionRoleName}` } : {}),
      ...(o.launchType === 'ec2' && o.cluster !== undefined
        ? {
            containerInstance: {
              cluster: o.cluster,
              tasksWithoutExecutionRole: o.tasksWithoutExecutionRole,
              ...(o.instanceRoleName !== undefined ? { roleArn: `arn:${partition}:iam::${o.account}:role/${o.instanceRoleName}` } : {}),
            },
          }
        : {}),
      ecrEndpoint: {
        principals: o.principals.map((name) => `arn:${partition}:iam::${o.account}:role/${name}`),
        ...(o.orgId !== undefined ? { orgId: o.orgId } : {}),
        allowPush: o.allowPush,
      },
      s3Endpoint: {
        buckets: o.buckets,
        ...(o.buckets.length > 0 && o.bucketsOrgId !== undefined ? { bucketsOrgId: o.bucketsOrgId } : {}),
        amazonLinuxRepositories: o.amazonLinuxRepositories,
      },
    };
  });

/**
 * Every platform that launches today fetches the registry token through ecr.api (Fargate Linux 1.4.0,
 * Windows 1.0.0, EC2); only the retired Fargate 1.3.0 did not, and specs can no longer name it.
 */
export const hasEcrApiEndpoint = (_s: PolicygenSpec): boolean => true;

/**
 * The one step a generated plan leaves open: the layer download of Windows tasks, whose foreign base
 * layers come from Microsoft unless the image was pushed with non-distributable artifacts allowed
 * (Amazon ECR User Guide, "Amazon ECR interface VPC endpoints", considerations for Windows images),
 * and the plan has no internet path. Unknown, never blocked (src/pull/upstream.ts).
 */
export const leftOpen = (s: PolicygenSpec, st: CheckStep): boolean => st.verdict === 'unknown' && s.osFamily === 'windows' && st.step === 'layer-download';
