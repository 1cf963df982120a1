import { compilePolicy, evaluate } from '../simulate';
import { formatDecider } from './explain';
import { grantorOf, recordGrantors } from './grantors';
import type { RoleFacts, StackFacts } from './stack-facts';
import { statementsOf } from './stack-facts';
import type { CheckStep, CheckWarning } from './types';

/** The services whose resources a pull touches: a named grant elsewhere in them is beyond the pull. */
const PULL_SERVICES = new Set(['ecr', 's3', 'logs', 'secretsmanager', 'ssm', 'kms']);

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * Least privilege beyond wildcards (issue 10 §3): an Allow of a role that pulls which names a
 * resource of ECR, S3, CloudWatch Logs, Secrets Manager, SSM or KMS that none of the role's steps
 * requests (another repository, bucket, log group, secret) is a warning naming the statement. The
 * probes (probes.ts) find wildcards; this finds names. Resources known only at deploy time are not
 * judged.
 */
export function namedGrantWarnings(stack: StackFacts, roles: ReadonlyMap<RoleFacts, readonly CheckStep[]>): CheckWarning[] {
  const warnings: CheckWarning[] = [];
  const foreign = [...stack.symbols.foreign.keys()];
  for (const [role, steps] of roles) {
    // The layer download is signed by ECR, not by the role.
    const own = steps.filter((s) => s.step !== 'layer-download');
    const files = environmentFilesOf(stack, role);
    // The KMS key that encrypts a secret or SecureString parameter is the secret's, not in the task definition:
    // kms:Decrypt on it is part of reading the secret (ECS-EXEC, "Required IAM permissions for Amazon ECS secrets").
    const readsSecrets = own.some((s) => s.step === 'secret' || s.step === 'parameter');
    for (const policy of role.policies) {
      statementsOf(policy.document).forEach((statement, index) => {
        if (statement['Effect'] !== 'Allow') return;
        for (const resource of asList(statement['Resource'])) {
          if (typeof resource !== 'string' || foreign.some((s) => resource.includes(s))) continue;
          const service = /^arn:[^:]+:([^:]+):/.exec(resource)?.[1];
          if (service === undefined || !PULL_SERVICES.has(service)) continue;
          if (own.some((step) => covers(resource, step, stack))) continue;
          if (files.some((file) => FILE_REQUESTS(file).some((request) => covers(resource, request, stack)))) continue;
          if (service === 'kms' && readsSecrets) continue;
          const sid = typeof statement['Sid'] === 'string' ? statement['Sid'] : undefined;
          const where = formatDecider({
            policy: policy.input.label,
            statementIndex: index,
            ...(sid !== undefined ? { sid } : {}),
            kind: 'identity',
            effect: 'Allow',
          });
          const grantor = grantorOf(policy, index);
          const warning: CheckWarning = {
            code: 'BROADER_NAMED_GRANT',
            resource: role.resource,
            message: `${role.resource} allows ${
              asList(statement['Action'])
                .filter((a) => typeof a === 'string')
                .join(', ') || 'NotAction'
            } on ${resource}, which no image pull, log stream or secret of its tasks uses`,
            decidedBy: [where],
          };
          warnings.push(recordGrantors(warning, grantor === undefined ? [] : [grantor]));
        }
      });
    }
  }
  return warnings;
}

/** The S3 object ARNs of the environment files of the tasks that run with `role`. */
function environmentFilesOf(stack: StackFacts, role: RoleFacts): readonly string[] {
  return stack.tasks.flatMap((t) => (t.role.kind === 'template' && t.role.role === role ? t.containers.flatMap((c) => c.environmentFiles) : []));
}

/**
 * What the execution role requests for an environment file (ECS-EXEC, "Amazon S3 file permissions"):
 * s3:GetObject on the object and s3:GetBucketLocation on its bucket.
 */
const FILE_REQUESTS = (object: string): readonly Pick<CheckStep, 'action' | 'resource'>[] => [
  { action: 's3:GetObject', resource: object },
  { action: 's3:GetBucketLocation', resource: object.slice(0, object.includes('/') ? object.indexOf('/') : undefined) },
];

/** True when the ARN pattern `resource` matches the resource a step requests (any action). */
function covers(resource: string, step: Pick<CheckStep, 'action' | 'resource'>, stack: StackFacts): boolean {
  const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: resource }] } as const;
  const result = evaluate(
    {
      principal: { arn: `arn:${stack.partition}:iam::${stack.account}:root`, account: stack.account, type: 'AWS' },
      action: step.action,
      resource: step.resource,
      resourceAccount: stack.account,
      context: {},
    },
    [{ label: 'pattern', kind: 'identity', document: compilePolicy(document as never) }],
  );
  return result.decision === 'Allow';
}
