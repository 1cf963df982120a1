import type { JsonPath, RoleModel, RuleHit, StackModel, StackRule } from '../../types';
import { cite } from '../../../model/aws-sources';
import {
  MANAGED_POLICIES_GRANTING_ALL_ECR,
  actionMatches,
  allowStatements,
  awsManagedPolicyName,
  executionRoleIds,
  propertyPath,
  trustsEcsTasks,
} from './pull-path';

/** `*`, `*:*`, `ecr:*`, `ec*`: a pattern that grants every ECR action, push and delete included. */
function grantsEveryEcrAction(action: string): boolean {
  const lower = action.toLowerCase();
  if (lower === '*' || lower === '*:*') return true;
  const prefix = lower.slice(0, -1);
  return lower.endsWith('*') && prefix.length > 0 && !/[*?]/.test(prefix) && 'ecr:'.startsWith(prefix);
}

/**
 * A stack rule because only the stack tells an execution role from any other identity policy: a
 * role a task definition names as ExecutionRoleArn, or one whose trust policy lets
 * ecs-tasks.amazonaws.com assume it (task roles too: `ecr:*` is as wrong there). Plain policy files
 * are not checked; Access Analyzer-style rules cover wildcards in general.
 */
export const ecrExecutionRoleWildcardAction: StackRule<'ECR_EXECUTION_ROLE_WILDCARD_ACTION'> = {
  kind: 'stack',
  meta: {
    code: 'ECR_EXECUTION_ROLE_WILDCARD_ACTION',
    severity: 'security_warning',
    source: 'policygen',
    offline: true,
    title: '`ecr:*`, `*` or NotAction in a role that ECS tasks assume',
    description:
      'A task execution role needs exactly ecr:GetAuthorizationToken on "*" and ecr:BatchGetImage, ecr:GetDownloadUrlForLayer and ' +
      'ecr:BatchCheckLayerAvailability on the repositories it pulls (ECS-EXEC); `ecr:*`, `*`, an Allow with NotAction, or an AWS ' +
      'managed policy that grants them (AdministratorAccess, PowerUserAccess, AmazonEC2ContainerRegistryFullAccess, ' +
      'AWSElasticBeanstalkFullAccess) also lets anything running as the role push, overwrite and delete images. Roles are those a ' +
      'task definition names as ExecutionRoleArn and those whose trust policy allows ecs-tasks.amazonaws.com. ' +
      `${cite('ECS-EXEC')}.`,
    fix:
      'List the four actions: {"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"} and {"Effect":"Allow",' +
      '"Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],' +
      '"Resource":"arn:aws:ecr:us-east-1:111122223333:repository/my-app"}, or attach AmazonECSTaskExecutionRolePolicy; ' +
      '`policygen execution-role-policy` writes the least-privilege version.',
  },
  check(stack) {
    const executionRoles = executionRoleIds(stack);
    return stack.roles
      .filter((role) => executionRoles.has(role.resource) || trustsEcsTasks(role))
      .flatMap((role) => roleHits(stack, role, executionRoles.has(role.resource) ? 'the task execution role' : 'the role ECS tasks assume'));
  },
};

function roleHits(stack: StackModel, role: RoleModel, what: string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const unit of role.policies) {
    const at = (path: JsonPath): JsonPath => (unit.embedded ? unit.path : [...unit.path, ...path]);
    for (const statement of allowStatements(unit)) {
      for (const action of statement.actions ?? []) {
        if (!grantsEveryEcrAction(action.value)) continue;
        hits.push({
          message: `${what} ${role.resource} is granted "${action.value}", which includes every ECR action (push and delete too); grant only ecr:GetAuthorizationToken and the three pull actions`,
          path: at(action.path),
          resource: role.resource,
          detail: `Action::${action.value}`,
        });
      }
      const notActions = statement.notActions ?? [];
      if (statement.notActions !== undefined && !notActions.some((n) => actionMatches(n.value, 'ecr:PutImage'))) {
        hits.push({
          message: `${what} ${role.resource} has an Allow with NotAction, which grants every action not listed, every ECR action included; list the actions it needs instead`,
          path: at([...statement.path, 'NotAction']),
          resource: role.resource,
          detail: 'NotAction',
        });
      }
    }
  }
  role.managedPolicyArns.forEach((arn, index) => {
    const name = arn.known ? awsManagedPolicyName(arn.value) : undefined;
    if (name === undefined || !MANAGED_POLICIES_GRANTING_ALL_ECR.has(name)) return;
    hits.push({
      message: `${what} ${role.resource} has the AWS managed policy ${name}, which grants every ECR action; use AmazonECSTaskExecutionRolePolicy or a least-privilege policy`,
      path: stack.format === 'cloudformation' ? [...propertyPath(stack, role.path, 'ManagedPolicyArns'), index] : role.path,
      resource: role.resource,
      detail: `ManagedPolicy::${name}`,
    });
  });
  return hits;
}
