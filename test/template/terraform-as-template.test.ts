import { terraformPlanAsTemplate, TERRAFORM_UNKNOWN } from '../../src/template/terraform-as-template';
import { parseJsonSource } from '../../src/template/source/json-source';
import { PolicygenInputError } from '../../src/model/errors';
import { planJson, planSource } from '../check/plan-builder';

const resourcesOf = (source: ReturnType<typeof planSource>) =>
  (terraformPlanAsTemplate(source).data as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources;

describe('terraformPlanAsTemplate', () => {
  it('should name resources by plan address and link a known role name to the role', () => {
    const resources = resourcesOf(
      planSource([
        { address: 'module.app.aws_iam_role.exec', values: { name: 'exec', assume_role_policy: '{"Version":"2012-10-17","Statement":[]}' } },
        { address: 'module.app.aws_iam_role_policy.pull', values: { name: 'pull', role: 'exec', policy: '{"Version":"2012-10-17","Statement":[]}' } },
      ]),
    );
    expect(Object.keys(resources).sort()).toEqual(['module.app.aws_iam_role.exec', 'module.app.aws_iam_role_policy.pull']);
    expect(resources['module.app.aws_iam_role.exec']!.Type).toBe('AWS::IAM::Role');
    expect(resources['module.app.aws_iam_role_policy.pull']!.Properties['Roles']).toEqual([{ Ref: 'module.app.aws_iam_role.exec' }]);
    expect(resources['module.app.aws_iam_role_policy.pull']!.Properties['PolicyDocument']).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  it('should follow configuration references for values known only after apply, and keep the rest unknown', () => {
    const resources = resourcesOf(
      planSource([
        { address: 'aws_iam_role.exec', values: { name: 'exec' }, unknown: { arn: true } },
        {
          address: 'aws_ecs_task_definition.a',
          values: { container_definitions: '[]' },
          unknown: { execution_role_arn: true },
          references: { execution_role_arn: ['aws_iam_role.exec.arn', 'aws_iam_role.exec'] },
        },
        {
          address: 'aws_ecs_task_definition.b',
          values: { container_definitions: '[]' },
          unknown: { execution_role_arn: true },
          references: { execution_role_arn: ['var.role'] },
        },
      ]),
    );
    expect(resources['aws_ecs_task_definition.a']!.Properties['ExecutionRoleArn']).toEqual({ 'Fn::GetAtt': ['aws_iam_role.exec', 'Arn'] });
    expect(resources['aws_ecs_task_definition.b']!.Properties['ExecutionRoleArn']).toEqual({
      [TERRAFORM_UNKNOWN]: 'aws_ecs_task_definition.b.execution_role_arn, known only after terraform apply',
    });
  });

  it('should turn container_definitions (Docker names) into ContainerDefinitions and assign_public_ip into ENABLED', () => {
    const resources = resourcesOf(
      planSource([
        {
          address: 'aws_ecs_task_definition.t',
          values: {
            container_definitions: JSON.stringify([
              {
                name: 'web',
                image: 'img',
                logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
                secrets: [{ name: 'S', valueFrom: 'arn:x' }],
                // The task definition parameter environmentFiles (Amazon ECS Developer Guide, "Task definition parameters").
                environmentFiles: [{ value: 'arn:aws:s3:::cfg/app.env', type: 's3' }],
              },
            ]),
            requires_compatibilities: ['fargate'],
            family: 't',
          },
        },
        { address: 'aws_ecs_service.s', values: { task_definition: 't', network_configuration: [{ assign_public_ip: true, subnets: ['subnet-1'] }] } },
      ]),
    );
    const task = resources['aws_ecs_task_definition.t']!.Properties;
    expect(task['RequiresCompatibilities']).toEqual(['FARGATE']);
    expect(task['ContainerDefinitions']).toEqual([
      {
        Name: 'web',
        Image: 'img',
        LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': '/ecs/web' } },
        Secrets: [{ Name: 'S', ValueFrom: 'arn:x' }],
        EnvironmentFiles: [{ Type: 's3', Value: 'arn:aws:s3:::cfg/app.env' }],
      },
    ]);
    expect(resources['aws_ecs_service.s']!.Properties['NetworkConfiguration']).toEqual({
      AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: [], AssignPublicIp: 'ENABLED' },
    });
    // The family names the task definition.
    expect(resources['aws_ecs_service.s']!.Properties['TaskDefinition']).toEqual({ Ref: 'aws_ecs_task_definition.t' });
    // A known ARN no planned resource has, written as a reference in the configuration: the referenced resource.
    const byConfiguration = resourcesOf(
      planSource([
        { address: 'aws_ecs_task_definition.t', values: { container_definitions: '[]' } },
        {
          address: 'aws_ecs_service.s',
          values: { task_definition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/t:3' },
          references: { task_definition: ['aws_ecs_task_definition.t.arn', 'aws_ecs_task_definition.t'] },
        },
        { address: 'aws_ecs_service.other', values: { task_definition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/x:1' } },
      ]),
    );
    expect(byConfiguration['aws_ecs_service.s']!.Properties['TaskDefinition']).toEqual({ 'Fn::GetAtt': ['aws_ecs_task_definition.t', 'Arn'] });
    expect(byConfiguration['aws_ecs_service.other']!.Properties['TaskDefinition']).toBe('arn:aws:ecs:eu-west-1:111122223333:task-definition/x:1');
  });

  it('should add route table associations and managed policy attachments to what they attach to', () => {
    const resources = resourcesOf(
      planSource([
        { address: 'aws_route_table.p', values: { id: 'rtb-1', route: [{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-1', nat_gateway_id: '' }] } },
        {
          address: 'aws_vpc_endpoint.s3',
          values: { id: 'vpce-1', service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', route_table_ids: [] },
        },
        { address: 'aws_vpc_endpoint_route_table_association.a', values: { vpc_endpoint_id: 'vpce-1', route_table_id: 'rtb-1' } },
        { address: 'aws_iam_role.r', values: { name: 'r' } },
        {
          address: 'aws_iam_role_policy_attachment.m',
          values: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' },
        },
      ]),
    );
    expect(resources['aws_vpc_endpoint.s3']!.Properties['RouteTableIds']).toEqual([{ Ref: 'aws_route_table.p' }]);
    expect(resources['aws_iam_role.r']!.Properties['ManagedPolicyArns']).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy']);
    // An inline route is a Route of its table; "" is Terraform's unset target.
    expect(resources['aws_route_table.p/route/0']).toEqual({
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: { Ref: 'aws_route_table.p' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' },
    });
  });

  it('should locate a lowered property at its attribute in the plan file', () => {
    const text = JSON.stringify(
      planJson([{ address: 'aws_vpc_endpoint.e', values: { service_name: 'com.amazonaws.eu-west-1.ecr.dkr', policy: '{}' } }]),
      null,
      2,
    );
    const template = terraformPlanAsTemplate(parseJsonSource('plan.json', text));
    const line = text.split('\n').findIndex((l) => l.includes('"policy": "{}"')) + 1;
    expect(template.locate(['Resources', 'aws_vpc_endpoint.e', 'Properties', 'PolicyDocument', 'Statement', 0])).toEqual({ line, column: expect.any(Number) });
    expect(template.origin(['Resources', 'aws_vpc_endpoint.e']).file).toBe('plan.json');
    expect(template.region).toBe('eu-west-1');
  });

  it('should keep odd addresses and malformed values as data, without throwing', () => {
    const resources = resourcesOf(
      planSource([
        { address: '__proto__', values: { service_name: 1 } },
        { address: 'aws_ecs_task_definition.t', values: { container_definitions: 'not json', requires_compatibilities: 'EC2', execution_role_arn: 7 } },
        { address: 'aws_security_group.g', values: { ingress: 'x' } },
        { address: 'aws_vpc_endpoint.e', values: { route_table_ids: [null, 3, 'rtb-1'], policy: '{' } },
      ]),
    );
    expect(Object.getPrototypeOf(resources)).toBeNull();
    expect(Object.keys(resources).sort()).toEqual(['aws_ecs_task_definition.t', 'aws_security_group.g', 'aws_vpc_endpoint.e']);
    expect(resources['aws_ecs_task_definition.t']!.Properties['ContainerDefinitions']).toEqual([]);
    expect(resources['aws_vpc_endpoint.e']!.Properties['RouteTableIds']).toEqual(['rtb-1']);
  });

  it('should refuse a planned_values that is not a map, as the plan reader does', () => {
    expect(() => terraformPlanAsTemplate(parseJsonSource('p.json', '{"format_version":"1.2","planned_values":[]}'))).toThrow(PolicygenInputError);
  });
});
