import type { CheckStep, CheckWarning } from './types';

/**
 * When the input is a Terraform plan, reasons, hints and warnings name the Terraform resource types
 * and attributes (aws_vpc_endpoint `route_table_ids`, aws_ecs_task_definition `execution_role_arn`)
 * instead of the CloudFormation properties of the lowered template. Attribute names and defaults:
 * the AWS provider's resource pages (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint,
 * …/ecs_task_definition, …/ecs_service).
 */
const WORDS: readonly (readonly [RegExp, string])[] = [
  [/"aws:SourceVpce": \{"Ref": "([^"]+)"\}/g, '"aws:SourceVpce": $1.id'],
  [/"Ref": "([^"]+)"/g, '$1.id'],
  [/AWS::EC2::VPCEndpoint/g, 'aws_vpc_endpoint'],
  [/AWS::ECS::TaskDefinition/g, 'aws_ecs_task_definition'],
  [/with ServiceName (\S+), VpcEndpointType (\w+), RouteTableIds: /g, 'with service_name = "$1", vpc_endpoint_type = "$2", route_table_ids = '],
  [/with ServiceName (\S+), VpcEndpointType (\w+), PrivateDnsEnabled true/g, 'with service_name = "$1", vpc_endpoint_type = "$2", private_dns_enabled = true'],
  [/VpcEndpointType (Gateway|Interface) with RouteTableIds: /g, 'vpc_endpoint_type = "$1" with route_table_ids = '],
  [/VpcEndpointType (Gateway|Interface)/g, 'vpc_endpoint_type = "$1"'],
  // The provider's default for private_dns_enabled is false too.
  [
    /set PrivateDnsEnabled: true on (\S+) \((.*); CloudFormation's default is false\)/g,
    'set private_dns_enabled = true on $1 ($2; the aws_vpc_endpoint default is false)',
  ],
  [/PrivateDnsEnabled/g, 'private_dns_enabled'],
  [/set RouteTableIds of (\S+) to/g, 'set route_table_ids of $1 (or add an aws_vpc_endpoint_route_table_association) to'],
  [/RouteTableIds/g, 'route_table_ids'],
  [/has no PolicyDocument/g, 'has no policy'],
  [/PolicyDocument/g, 'policy'],
  [/or set ExecutionRoleArn of the task/g, 'or set execution_role_arn of the aws_ecs_task_definition'],
  [/give the task an ExecutionRoleArn/g, 'give the aws_ecs_task_definition an execution_role_arn'],
  [/ExecutionRoleArn/g, 'execution_role_arn'],
  [/its VpcId/g, 'its vpc_id'],
  [/AssignPublicIp: ENABLED/g, 'assign_public_ip = true'],
  [/\bthe template('s)?\b/g, 'the plan$1'],
];

const reword = (text: string): string => WORDS.reduce((t, [from, to]) => t.replace(from, to), text);

export function terraformWording(step: CheckStep): CheckStep {
  return { ...step, reason: reword(step.reason), ...(step.hint !== undefined ? { hint: reword(step.hint) } : {}) };
}

export function terraformWarning(warning: CheckWarning): CheckWarning {
  return { ...warning, message: reword(warning.message) };
}
