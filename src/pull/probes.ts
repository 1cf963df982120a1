import { compilePolicy, evaluate, type RequestContext } from '../simulate';
import { formatDeciders } from './explain';
import { grantorOf, recordGrantors } from './grantors';
import { layerBucket } from './hops';
import { ALLOW_EVERYTHING } from './known-policies';
import { symbol } from './symbols';
import type { CheckPolicy, EndpointFacts, RoleFacts, StackFacts } from './stack-facts';
import type { CheckWarning, CheckWarningCode } from './types';

/**
 * Least privilege (issue 4 §4): requests no image pull makes, within ECR, S3 and CloudWatch Logs.
 * Each one the execution role or an endpoint policy allows is a warning naming the statements that
 * allow it. The probe names are chosen to be nobody's real repository, bucket or log group.
 */
interface Probe {
  readonly code: CheckWarningCode;
  /** What the request stands for, in words. */
  readonly what: string;
  readonly action: string;
  readonly resource: string;
  /** The endpoint service whose policy sees it. */
  readonly services: readonly string[];
}

const ECR = ['ecr.api', 'ecr.dkr'];
const PROBE_NAME = 'policygen-probe-not-yours';
// Any account but the stack's: the second one when the stack's is the first.
const OTHER_ACCOUNTS = ['210987654321', '109876543210'] as const;

function probes(stack: StackFacts, repository: string): Probe[] {
  const { partition: p, region: r, account: a } = stack;
  const other = OTHER_ACCOUNTS.find((x) => x !== a)!;
  const repositoryName = repository.slice(repository.indexOf(':repository/') + ':repository/'.length);
  return [
    {
      code: 'BROADER_OTHER_REPOSITORY',
      what: "another repository of the stack's account",
      action: 'ecr:BatchGetImage',
      resource: `arn:${p}:ecr:${r}:${a}:repository/${PROBE_NAME}`,
      services: ECR,
    },
    {
      code: 'BROADER_OTHER_ACCOUNT_REPOSITORY',
      what: 'a repository of another account',
      action: 'ecr:BatchGetImage',
      resource: `arn:${p}:ecr:${r}:${other}:repository/${repositoryName}`,
      services: ECR,
    },
    { code: 'BROADER_ECR_PUSH', what: 'pushing an image', action: 'ecr:PutImage', resource: repository, services: ECR },
    { code: 'BROADER_ECR_PUSH', what: 'uploading a layer', action: 'ecr:InitiateLayerUpload', resource: repository, services: ECR },
    { code: 'BROADER_ECR_DELETE', what: 'deleting the repository', action: 'ecr:DeleteRepository', resource: repository, services: ECR },
    { code: 'BROADER_ECR_ALL_RESOURCES', what: 'registry administration (ecr:* or * on "*")', action: 'ecr:PutRegistryPolicy', resource: '*', services: ECR },
    { code: 'BROADER_OTHER_BUCKET', what: 'reading another bucket', action: 's3:GetObject', resource: `arn:${p}:s3:::${PROBE_NAME}/object`, services: ['s3'] },
    {
      code: 'BROADER_LAYER_BUCKET_WRITE',
      what: 'writing to the ECR layer bucket',
      action: 's3:PutObject',
      resource: `arn:${p}:s3:::${layerBucket(r)}/object`,
      services: ['s3'],
    },
    {
      code: 'BROADER_OTHER_LOG_GROUP',
      what: 'writing to another log group',
      action: 'logs:PutLogEvents',
      resource: `arn:${p}:logs:${r}:${a}:log-group:${PROBE_NAME}:log-stream:${PROBE_NAME}`,
      services: ['logs'],
    },
  ];
}

const allowEverything: CheckPolicy = {
  document: ALLOW_EVERYTHING,
  input: { label: 'any identity policy', kind: 'identity', document: compilePolicy(ALLOW_EVERYTHING) },
};

export interface ProbeSubject {
  readonly role: RoleFacts;
  /** An ECR repository ARN the role's tasks pull from: push and delete are probed on it. */
  readonly repository: string;
}

type Principal = Pick<RoleFacts, 'arn' | 'sessionArn'>;

/**
 * Warnings for what the execution roles and the endpoint policies allow beyond the pull. Endpoint
 * policies are asked as for the first subject's role (or a principal of the stack's account), with
 * any identity policy allowing, on `repository`.
 */
export function leastPrivilegeWarnings(stack: StackFacts, subjects: readonly ProbeSubject[], repository: string): CheckWarning[] {
  const warnings: CheckWarning[] = [];
  const endpointOf = (service: string) => stack.endpoints.find((e) => e.service === service && (service !== 's3' || e.type === 'Gateway'));
  const vpcKeys = (e: EndpointFacts | undefined): RequestContext => (e ? { 'aws:SourceVpce': e.id, 'aws:SourceVpc': e.vpc } : {});

  const check = (
    owner: string,
    resource: string,
    principal: Principal,
    policies: readonly CheckPolicy[],
    probe: Probe,
    endpoint: EndpointFacts | undefined,
  ) => {
    const result = evaluate(
      {
        principal: { arn: principal.sessionArn, account: stack.account, type: 'AWS' },
        action: probe.action,
        resource: probe.resource,
        // What the policy grants, whoever owns the resource: a repository policy elsewhere is not asked.
        resourceAccount: stack.account,
        context: {
          'aws:PrincipalArn': principal.arn,
          'aws:PrincipalAccount': stack.account,
          'aws:RequestedRegion': stack.region,
          'aws:SecureTransport': true,
          ...(stack.orgId !== undefined ? { 'aws:PrincipalOrgID': stack.orgId } : {}),
          ...vpcKeys(endpoint),
        },
      },
      policies.map((p) => p.input),
    );
    if (result.decision !== 'Allow') return;
    const deciders = result.decidedBy.filter((d) => d.policy !== allowEverything.input.label);
    const decidedBy = formatDeciders({ ...result, decidedBy: deciders });
    const found = deciders.flatMap((d) => {
      const policy = policies.find((p) => p.input.label === d.policy);
      const grantor = policy === undefined ? undefined : grantorOf(policy, d.statementIndex);
      return grantor === undefined ? [] : [grantor];
    });
    warnings.push(
      recordGrantors({ code: probe.code, resource, message: `${owner} allows ${probe.what}: ${probe.action} on ${probe.resource}`, decidedBy }, found),
    );
  };

  const seenRoles = new Set<string>();
  for (const { role, repository } of subjects) {
    if (seenRoles.has(role.resource)) continue;
    seenRoles.add(role.resource);
    for (const probe of probes(stack, repository)) {
      const service = probe.services.includes('ecr.dkr') ? 'ecr.dkr' : probe.services[0]!;
      check(`the execution role ${role.resource}`, role.resource, role, role.policies, probe, endpointOf(service));
    }
  }

  const caller: Principal = subjects[0]?.role ?? {
    arn: `arn:${stack.partition}:iam::${stack.account}:role/${symbol('a role of the account')}`,
    sessionArn: `arn:${stack.partition}:sts::${stack.account}:assumed-role/${symbol('a role of the account')}/${symbol('session')}`,
  };
  for (const endpoint of stack.endpoints) {
    if (!['ecr.api', 'ecr.dkr', 's3', 'logs', 'secretsmanager', 'ssm'].includes(endpoint.service) || endpoint.type === 'GatewayLoadBalancer') continue;
    if (!endpoint.hasPolicy) {
      const warning: CheckWarning = {
        code: 'ENDPOINT_DEFAULT_POLICY',
        resource: endpoint.resource,
        message: `${endpoint.resource} (${endpoint.service}) has no PolicyDocument, so AWS attaches full access: any principal may make any request through it`,
      };
      const grantor = grantorOf(endpoint.policy, 0);
      warnings.push(recordGrantors(warning, grantor === undefined ? [] : [grantor]));
      continue;
    }
    for (const probe of probes(stack, repository)) {
      if (!probe.services.includes(endpoint.service)) continue;
      check(`the policy of ${endpoint.resource} (${endpoint.service})`, endpoint.resource, caller, [allowEverything, endpoint.policy], probe, endpoint);
    }
  }
  return warnings;
}
