import { canonicalConditionKey } from '../../../normalize/condition-keys';
import type { PolicyRule } from '../../types';
import { vpcConditionsRequiredFor } from './pull-path';
import { cite } from '../../../model/aws-sources';

const ACTION = 'ecr:GetAuthorizationToken';

/**
 * On Fargate the registry auth call leaves through the Fargate-owned network interface, not the
 * task's, so it never carries aws:SourceVpc / aws:SourceVpce (ECS-EXEC, quoted in docs/aws-facts.md §3).
 */
export const ecrGetAuthorizationTokenVpcCondition: PolicyRule<'ECR_GET_AUTHORIZATION_TOKEN_VPC_CONDITION'> = {
  kind: 'policy',
  meta: {
    code: 'ECR_GET_AUTHORIZATION_TOKEN_VPC_CONDITION',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'VPC condition on ecr:GetAuthorizationToken',
    description:
      'The ECS task execution role documentation: "The ecr:GetAuthorizationToken API action cannot have the aws:sourceVpc or ' +
      'aws:sourceVpce condition keys applied to it because the GetAuthorizationToken API call goes through the elastic network ' +
      'interface owned by AWS Fargate rather than the elastic network interface of the task." An Allow that grants it (also through ' +
      '`ecr:*`, `ecr:Get*` or `*`) only when aws:SourceVpc, aws:SourceVpce, aws:SourceVpcArn or aws:VpcSourceIp is present and ' +
      'matches never applies to that call, and the task fails with ResourceInitializationError. ' +
      `${cite('ECS-EXEC')}.`,
    fix:
      'Grant ecr:GetAuthorizationToken in its own statement without VPC conditions and keep the conditions on the pull actions: ' +
      '{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"} plus {"Effect":"Allow","Action":["ecr:BatchGetImage",' +
      '"ecr:GetDownloadUrlForLayer","ecr:BatchCheckLayerAvailability"],"Resource":"arn:aws:ecr:us-east-1:111122223333:repository/my-app",' +
      '"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0123456789abcdef0"}}}.',
  },
  appliesTo: ['identity'],
  check(unit) {
    return vpcConditionsRequiredFor(unit, ACTION).map(({ condition: c, granted }) => ({
      message: `${ACTION} (granted by ${granted}) is conditioned on ${c.operator} ${canonicalConditionKey(c.key)}, which the call never carries: on Fargate it goes through the Fargate-owned network interface, so the image pull fails; grant ${ACTION} in a statement without VPC conditions`,
      path: c.path,
      detail: `Condition::${canonicalConditionKey(c.key)}`,
    }));
  },
};
