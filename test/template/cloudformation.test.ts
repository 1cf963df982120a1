import { SourceParseError } from '../../src/template/source/source-error';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudFormation, type CloudFormationOptions } from '../../src/template/cloudformation';
import { ingressAdmits } from '../../src/template/stack-helpers';
import { parseJsonSource } from '../../src/template/source/json-source';
import { parseYamlSource } from '../../src/template/source/yaml-source';
import type { EndpointModel, PolicyUnit, StackModel, StatementView } from '../../src/lint/types';

const FIXTURES = join(__dirname, '../fixtures/cloudformation');
const DEPLOYED: CloudFormationOptions = { region: 'eu-west-1', accountId: '111122223333' };

function read(file: string, options: CloudFormationOptions = {}): StackModel {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const source = file.endsWith('.json') ? parseJsonSource(file, text) : parseYamlSource(file, text);
  return readCloudFormation(source, options);
}
const fromYaml = (text: string, options: CloudFormationOptions = {}) => readCloudFormation(parseYamlSource('t.yaml', text), options);

const endpoint = (stack: StackModel, service: string): EndpointModel | undefined => stack.endpoints.find((e) => e.service === service);
const services = (stack: StackModel) => stack.endpoints.map((e) => e.service).sort();
const statements = (unit: PolicyUnit | undefined): readonly StatementView[] => unit?.view.statements ?? [];
const stringsOf = (values: readonly { value: string }[] | undefined) => (values ?? []).map((v) => v.value);
const conditionKeys = (statement: StatementView) => statement.conditions.map((c) => c.key);
const LAYER_BUCKET = 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*';

/** Drops what differs between two reads of the same template in two syntaxes. */
function comparable(stack: StackModel): unknown {
  return JSON.parse(JSON.stringify(stack, (key, value: unknown) => (key === 'source' ? undefined : value))) as unknown;
}

describe('readCloudFormation: the good Fargate stack', () => {
  const stack = read('good-fargate.yaml');
  const deployed = read('good-fargate.yaml', DEPLOYED);

  it('should read the YAML and its JSON twin to the same model', () => {
    expect(comparable(read('good-fargate.json'))).toEqual(comparable(stack));
    expect(comparable(read('good-fargate.json', DEPLOYED))).toEqual(comparable(deployed));
  });

  it('should find the four endpoints with their services even without a Region', () => {
    expect(services(stack)).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
    expect(stack.region.known).toBe(false);
    expect(endpoint(stack, 'ecr.dkr')!.serviceName.known).toBe(false);
    expect(endpoint(deployed, 'ecr.dkr')!.serviceName).toEqual({ known: true, value: 'com.amazonaws.eu-west-1.ecr.dkr' });
    expect(deployed.region).toEqual({ known: true, value: 'eu-west-1' });
  });

  it('should read types, private DNS, route tables and security groups', () => {
    for (const service of ['ecr.api', 'ecr.dkr', 'logs']) {
      const e = endpoint(stack, service)!;
      expect(e.type).toEqual({ known: true, value: 'Interface' });
      expect(e.privateDnsEnabled).toEqual({ known: true, value: true });
      expect(e.securityGroups).toEqual([{ resource: 'EndpointSecurityGroup' }]);
      expect(e.routeTableIds).toEqual([]);
    }
    const s3 = endpoint(stack, 's3')!;
    expect(s3.type).toEqual({ known: true, value: 'Gateway' });
    expect(s3.routeTableIds).toEqual([{ resource: 'PrivateRouteTable' }]);
    expect(s3.securityGroups).toEqual([]);
    expect(s3.resource).toBe('S3GatewayEndpoint');
    expect(s3.path).toEqual(['Resources', 'S3GatewayEndpoint']);
  });

  it('should type endpoint policies by endpoint type and keep unresolvable values as intrinsics', () => {
    const s3Policy = endpoint(stack, 's3')!.policy!;
    expect(s3Policy.policyType).toBe('vpc-endpoint-gateway');
    expect(s3Policy.path).toEqual(['Resources', 'S3GatewayEndpoint', 'Properties', 'PolicyDocument']);
    expect(s3Policy.resource).toBe('S3GatewayEndpoint');
    // Without a Region the layer bucket ARN is an Fn::Sub object: the view skips it.
    expect(stringsOf(statements(s3Policy)[0]!.resources)).toEqual([]);
    expect(stringsOf(statements(endpoint(deployed, 's3')!.policy)[0]!.resources)).toEqual([LAYER_BUCKET]);
    expect(endpoint(stack, 'ecr.dkr')!.policy!.policyType).toBe('vpc-endpoint-interface');
    expect(endpoint(stack, 'logs')!.policy).toBeUndefined();
  });

  it('should read the endpoint security group rules with their resolved CIDRs', () => {
    const group = stack.securityGroups.find((g) => g.resource === 'EndpointSecurityGroup')!;
    expect(group.ingress.map((r) => r.source)).toEqual([{ literal: '10.0.0.0/24' }, { literal: '10.0.1.0/24' }]);
    expect(group.ingress.every((r) => ingressAdmits(r, 443))).toBe(true);
    expect(group.ingress[1]!.path).toEqual(['Resources', 'EndpointSecurityGroup', 'Properties', 'SecurityGroupIngress', 1]);
    expect(stack.securityGroups.find((g) => g.resource === 'TaskSecurityGroup')!.ingress).toEqual([]);
  });

  it('should read the task definition with its execution role, containers and platform version', () => {
    expect(stack.taskDefinitions).toHaveLength(1);
    const task = stack.taskDefinitions[0]!;
    expect(task.compatibilities).toEqual(['FARGATE']);
    expect(task.platformVersion).toEqual({ known: true, value: '1.4.0' });
    expect(task.executionRole).toEqual({ resource: 'ExecutionRole' });
    const [container] = task.containers;
    expect(container).toMatchObject({ name: 'app', logDriver: { known: true, value: 'awslogs' }, createsLogGroup: false, secretArns: [] });
    expect(container!.image.known).toBe(false);
    expect(deployed.taskDefinitions[0]!.containers[0]!.image).toEqual({ known: true, value: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/my-app:1.0.0' });
  });

  it('should give the role its inline policy, the attached AWS::IAM::Policy and its trust policy', () => {
    expect(stack.roles.map((r) => r.resource)).toEqual(['ExecutionRole']);
    const role = stack.roles[0]!;
    expect(role.policies.map((p) => [p.resource, p.path])).toEqual([
      ['ExecutionRole', ['Resources', 'ExecutionRole', 'Properties', 'Policies', 0, 'PolicyDocument']],
      ['ExecutionRoleLogsPolicy', ['Resources', 'ExecutionRoleLogsPolicy', 'Properties', 'PolicyDocument']],
    ]);
    expect(role.policies.every((p) => p.policyType === 'identity')).toBe(true);
    expect(role.trustPolicy!.policyType).toBe('trust');
    expect(role.trustPolicy!.view.statements[0]!.principalValues.map((p) => p.value)).toEqual(['ecs-tasks.amazonaws.com']);
    expect(role.managedPolicyArns).toEqual([]);
    // The pull statement's aws:SourceVpce is `!Ref EcrDkrEndpoint`: the key is seen, its value is not a string.
    const pull = statements(role.policies[0]).find((s) => s.sid === 'PullThroughEndpoint')!;
    expect(pull.conditions.map((c) => [c.key, c.values.length])).toEqual([['aws:SourceVpce', 0]]);
    expect((role.policies[0]!.document as { Statement: { Condition?: unknown }[] }).Statement[1]!.Condition).toEqual({
      StringEquals: { 'aws:SourceVpce': { Ref: 'EcrDkrEndpoint' } },
    });
  });

  it('should list every policy of the template once, and see no internet route', () => {
    expect(stack.policies.map((p) => `${p.resource}:${p.policyType}`)).toEqual([
      'EcrApiEndpoint:vpc-endpoint-interface',
      'EcrDkrEndpoint:vpc-endpoint-interface',
      'S3GatewayEndpoint:vpc-endpoint-gateway',
      'ExecutionRole:identity',
      'ExecutionRole:trust',
      'ExecutionRoleLogsPolicy:identity',
    ]);
    expect(stack.policies.every((p) => p.source.file === 'good-fargate.yaml')).toBe(true);
    expect(stack.hasInternetRoute).toBe(false);
    expect(stack.format).toBe('cloudformation');
  });
});

describe('readCloudFormation: each broken fixture shows its breakage (README table)', () => {
  const good = read('good-fargate.yaml', DEPLOYED);
  const tokenStatement = (stack: StackModel) =>
    stack.roles[0]!.policies.flatMap((p) => statements(p)).find((s) => stringsOf(s.actions).includes('ecr:GetAuthorizationToken'))!;
  const endpointGroupAdmits443 = (stack: StackModel) =>
    stack.securityGroups.find((g) => g.resource === 'EndpointSecurityGroup')!.ingress.some((r) => ingressAdmits(r, 443));

  it('good: the properties the broken files break all hold', () => {
    expect(stringsOf(statements(endpoint(good, 's3')!.policy)[0]!.resources)).toEqual([LAYER_BUCKET]);
    expect(conditionKeys(statements(endpoint(good, 's3')!.policy)[0]!)).toEqual([]);
    expect(conditionKeys(tokenStatement(good))).toEqual([]);
    expect(endpoint(good, 'ecr.dkr')!.privateDnsEnabled).toEqual({ known: true, value: true });
    expect(endpointGroupAdmits443(good)).toBe(true);
    expect(services(good)).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
  });
  it('broken-s3-policy-without-layer-bucket: no layer bucket in the S3 endpoint policy', () => {
    const stack = read('broken-s3-policy-without-layer-bucket.yaml');
    expect(statements(endpoint(stack, 's3')!.policy).flatMap((s) => stringsOf(s.resources))).toEqual(['arn:aws:s3:::my-app-artifacts-111122223333/*']);
  });
  it('broken-s3-layer-statement-account-condition: aws:PrincipalAccount on the layer statement', () => {
    const stack = read('broken-s3-layer-statement-account-condition.yaml', DEPLOYED);
    const [layer] = statements(endpoint(stack, 's3')!.policy);
    expect(stringsOf(layer!.resources)).toEqual([LAYER_BUCKET]);
    expect(conditionKeys(layer!)).toEqual(['aws:PrincipalAccount']);
  });
  it('broken-get-authorization-token-vpc-condition: aws:SourceVpce on GetAuthorizationToken', () => {
    expect(conditionKeys(tokenStatement(read('broken-get-authorization-token-vpc-condition.yaml')))).toEqual(['aws:SourceVpce']);
  });
  it('broken-ecr-dkr-private-dns-disabled: private DNS false by CloudFormation default', () => {
    expect(endpoint(read('broken-ecr-dkr-private-dns-disabled.yaml'), 'ecr.dkr')!.privateDnsEnabled).toEqual({ known: true, value: false });
  });
  it('broken-s3-endpoint-interface: the S3 endpoint is an Interface endpoint', () => {
    const s3 = endpoint(read('broken-s3-endpoint-interface.yaml'), 's3')!;
    expect(s3.type).toEqual({ known: true, value: 'Interface' });
    expect(s3.policy!.policyType).toBe('vpc-endpoint-interface');
  });
  it('broken-s3-endpoint-without-route-tables: a gateway with no route table', () => {
    const s3 = endpoint(read('broken-s3-endpoint-without-route-tables.yaml'), 's3')!;
    expect(s3.type).toEqual({ known: true, value: 'Gateway' });
    expect(s3.routeTableIds).toEqual([]);
  });
  it('broken-endpoint-security-group-without-443: no rule admits 443', () => {
    expect(endpointGroupAdmits443(read('broken-endpoint-security-group-without-443.yaml'))).toBe(false);
  });
  it('broken-awslogs-without-logs-endpoint: awslogs, no logs endpoint, no internet route', () => {
    const stack = read('broken-awslogs-without-logs-endpoint.yaml');
    expect(stack.taskDefinitions[0]!.containers[0]!.logDriver).toEqual({ known: true, value: 'awslogs' });
    expect(services(stack)).toEqual(['ecr.api', 'ecr.dkr', 's3']);
    expect(stack.hasInternetRoute).toBe(false);
  });
  it('broken-fargate-without-ecr-api-endpoint: Fargate 1.4.0 without ecr.api', () => {
    const stack = read('broken-fargate-without-ecr-api-endpoint.yaml');
    expect(stack.taskDefinitions[0]!.compatibilities).toEqual(['FARGATE']);
    expect(services(stack)).toEqual(['ecr.dkr', 'logs', 's3']);
  });
  it('broken-ec2-launch-type-without-ecs-endpoints and good-ec2-launch-type: EC2 without and with the ecs endpoints', () => {
    const broken = read('broken-ec2-launch-type-without-ecs-endpoints.yaml');
    expect(broken.taskDefinitions[0]!.compatibilities).toEqual(['EC2']);
    expect(broken.taskDefinitions[0]!.platformVersion).toBeUndefined();
    expect(services(broken)).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
    const fixed = read('good-ec2-launch-type.yaml');
    expect(services(fixed)).toEqual(['ecr.api', 'ecr.dkr', 'ecs', 'ecs-agent', 'ecs-telemetry', 'logs', 's3']);
  });
  it('should read every fixture of the folder', () => {
    const files = readdirSync(FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const file of files) expect(read(file).endpoints.length).toBeGreaterThan(0);
  });
});

describe('readCloudFormation: template features', () => {
  it('should attach policies by Ref, by literal RoleName and through ManagedPolicyArns', () => {
    const stack = fromYaml(
      `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: exec-role
      ManagedPolicyArns:
        - !Ref Managed
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: 'ssm:GetParameters', Resource: '*'}]}
  ByName:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: by-name
      Roles: [exec-role]
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: 'logs:PutLogEvents', Resource: '*'}]}
  RolePolicy:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref Role
      PolicyName: rp
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: 'kms:Decrypt', Resource: '*'}]}
  Other:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: other
      Roles: [someone-else]
      PolicyDocument: {Version: '2012-10-17', Statement: []}
`,
      { region: 'eu-west-1' },
    );
    const role = stack.roles[0]!;
    expect(role.policies.map((p) => p.resource)).toEqual(['Managed', 'ByName', 'RolePolicy']);
    expect(role.managedPolicyArns).toEqual([
      { known: false, expression: { Ref: 'Managed' } },
      { known: true, value: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' },
    ]);
    expect(stack.policies.map((p) => p.resource)).toEqual(['Managed', 'ByName', 'RolePolicy', 'Other']);
  });

  it('should read a policy given as a JSON string as an embedded document', () => {
    const stack = fromYaml(`
Resources:
  Bucket:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: b
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}'
`);
    const [unit] = stack.policies;
    expect(unit!.policyType).toBe('resource');
    expect(unit!.embedded).toBe(true);
    expect(unit!.text).toMatch(/^\{"Version"/);
    expect(unit!.view.statements[0]!.effect).toBe('Deny');
  });

  it('should drop resources whose Condition is false and NoValue parts of policies', () => {
    const stack = fromYaml(`
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ProdOnly:
    Type: AWS::EC2::VPCEndpoint
    Condition: IsProd
    Properties: {ServiceName: com.amazonaws.eu-west-1.ecr.dkr, VpcEndpointType: Interface}
  Always:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: com.amazonaws.eu-west-1.ecr.api
      VpcEndpointType: !If [IsProd, Gateway, Interface]
      PrivateDnsEnabled: !If [IsProd, !Ref AWS::NoValue, 'true']
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: ecr:*
            Resource: '*'
            Condition: !If [IsProd, {StringEquals: {aws:PrincipalAccount: '111122223333'}}, !Ref AWS::NoValue]
`);
    expect(stack.endpoints.map((e) => e.resource)).toEqual(['Always']);
    const [always] = stack.endpoints;
    expect(always!.type).toEqual({ known: true, value: 'Interface' });
    expect(always!.privateDnsEnabled).toEqual({ known: true, value: true });
    expect(always!.policy!.document).toEqual({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resource: '*' }] });
  });

  it('should default an endpoint to Gateway and private DNS to false, as CloudFormation does', () => {
    const [e] = fromYaml('Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: com.amazonaws.eu-west-1.s3\n').endpoints;
    expect(e!.type).toEqual({ known: true, value: 'Gateway' });
    expect(e!.privateDnsEnabled).toEqual({ known: true, value: false });
    expect(e!.serviceName).toEqual({ known: true, value: 'com.amazonaws.eu-west-1.s3' });
  });

  it('should make unresolvable endpoint properties unknown, never a guess', () => {
    const [e] = fromYaml(`
Parameters:
  Service: {Type: String}
  RouteTables: {Type: CommaDelimitedList}
Resources:
  E:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Ref Service
      VpcEndpointType: !ImportValue SharedType
      PrivateDnsEnabled: !ImportValue SharedDns
      RouteTableIds: !Ref RouteTables
      PolicyDocument: {Statement: [{Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: '*'}]}
`).endpoints;
    expect(e!.serviceName.known).toBe(false);
    expect(e!.service).toBeUndefined();
    expect(e!.type.known).toBe(false);
    expect(e!.privateDnsEnabled.known).toBe(false);
    // An unknown list stands as one unknown reference: "some route tables", not "none".
    expect(e!.routeTableIds).toEqual([{}]);
    // An unknown type reads the policy as an interface endpoint's (gateway-only checks stay quiet).
    expect(e!.policy!.policyType).toBe('vpc-endpoint-interface');
  });

  it('should attach separate ingress resources to their group and normalize protocols', () => {
    const stack = fromYaml(`
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      SecurityGroupIngress:
        - {IpProtocol: '-1', CidrIp: 10.0.0.0/8}
  ByGetAtt:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !GetAtt Group.GroupId, IpProtocol: 6, FromPort: '443', ToPort: '443', SourceSecurityGroupId: !Ref Other}
  ByRef:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Group, IpProtocol: udp, FromPort: 53, ToPort: 53, SourcePrefixListId: pl-12345678}
  Elsewhere:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: sg-0123456789abcdef0, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  Other:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: o, SecurityGroupIngress: !ImportValue SharedRules}
`);
    const group = stack.securityGroups.find((g) => g.resource === 'Group')!;
    expect(group.ingress.map((r) => [r.protocol, r.fromPort, r.toPort, r.source, r.path])).toEqual([
      [
        { known: true, value: '-1' },
        { known: true, value: -1 },
        { known: true, value: -1 },
        { literal: '10.0.0.0/8' },
        ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
      ],
      [{ known: true, value: 'tcp' }, { known: true, value: 443 }, { known: true, value: 443 }, { resource: 'Other' }, ['Resources', 'ByGetAtt']],
      [{ known: true, value: 'udp' }, { known: true, value: 53 }, { known: true, value: 53 }, { literal: 'pl-12345678' }, ['Resources', 'ByRef']],
    ]);
    // Rules that cannot be read stand as one unknown rule, which admits nothing for sure.
    const other = stack.securityGroups.find((g) => g.resource === 'Other')!;
    expect(other.ingress).toHaveLength(1);
    expect(other.ingress[0]!.protocol.known).toBe(false);
    expect(ingressAdmits(other.ingress[0]!, 443)).toBe(false);
  });

  it('should read containers: log group creation and secrets', () => {
    const [task] = fromYaml(`
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [fargate, EC2]
      ExecutionRoleArn: arn:aws:iam::111122223333:role/exec
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/nginx/nginx:latest
          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-create-group: 'true', awslogs-group: /ecs/app}}
          Secrets:
            - {Name: DB, ValueFrom: arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf}
            - {Name: KEY, ValueFrom: !Ref Parameter}
        - Image: !Ref AWS::NoValue
`).taskDefinitions;
    expect(task!.compatibilities).toEqual(['FARGATE', 'EC2']);
    expect(task!.executionRole).toEqual({ literal: 'arn:aws:iam::111122223333:role/exec' });
    expect(task!.platformVersion).toBeUndefined();
    const [app, unnamed] = task!.containers;
    expect(app!.createsLogGroup).toBe(true);
    expect(app!.image).toEqual({ known: true, value: 'public.ecr.aws/nginx/nginx:latest' });
    expect(app!.secretArns.map((s) => s.known)).toEqual([true, false]);
    expect(unnamed!.name).toBe('ContainerDefinitions[1]');
    expect(unnamed!.image.known).toBe(false);
    expect(unnamed!.logDriver).toBeUndefined();
  });

  it('should see internet routes: NAT gateways (public), routes to internet, NAT and egress-only gateways', () => {
    const route = (property: string) => `Resources:\n  R:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: rtb-1\n      ${property}\n`;
    expect(fromYaml('Resources:\n  N:\n    Type: AWS::EC2::NatGateway\n    Properties: {SubnetId: s}\n').hasInternetRoute).toBe(true);
    expect(fromYaml('Resources:\n  N:\n    Type: AWS::EC2::NatGateway\n    Properties: {SubnetId: s, ConnectivityType: private}\n').hasInternetRoute).toBe(
      false,
    );
    expect(fromYaml(route('GatewayId: igw-0123456789abcdef0')).hasInternetRoute).toBe(true);
    expect(fromYaml(route('NatGatewayId: !Ref Nat')).hasInternetRoute).toBe(true);
    expect(fromYaml(route('EgressOnlyInternetGatewayId: eigw-1')).hasInternetRoute).toBe(true);
    expect(fromYaml(route('GatewayId: vgw-0123456789abcdef0')).hasInternetRoute).toBe(false);
    expect(fromYaml(route('TransitGatewayId: tgw-1')).hasInternetRoute).toBe(false);
    expect(fromYaml(`${route('GatewayId: !Ref Vgw')}  Vgw:\n    Type: AWS::EC2::VPNGateway\n    Properties: {Type: ipsec.1}\n`).hasInternetRoute).toBe(false);
    expect(fromYaml(`${route('GatewayId: !Ref Igw')}  Igw:\n    Type: AWS::EC2::InternetGateway\n`).hasInternetRoute).toBe(true);
  });

  it('should refuse a template whose sections have the wrong type, at the section, and read malformed properties to an empty model', () => {
    // A template with Resources of the wrong type would otherwise read as one with nothing in it (exit 0).
    for (const [text, message] of [
      ['', /\(file\) must be a CloudFormation template/],
      ['[]', /\(file\) must be a CloudFormation template \(a map with Resources\), received a list/],
      ['42', /received a number/],
      ['Resources: 1', /Resources must be a map of logical IDs/],
      ['Resources: [a]', /Resources must be a map of logical IDs .*, received a list/],
      ['Resources:\n  A: 1\n', /Resources\.A must be a resource/],
      ['Resources:\n  B: {Type: 7}\n', /Resources\.B\.Type must be a resource type name/],
    ] as const) {
      expect(() => fromYaml(text)).toThrow(SourceParseError);
      expect(() => fromYaml(text)).toThrow(message);
    }
    const stack = fromYaml('Resources:\n  C: {Type: AWS::IAM::Role, Properties: [x]}\n');
    expect(stack.policies).toEqual([]);
    expect(stack.endpoints).toEqual([]);
    const role = fromYaml(
      'Resources:\n  C:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies: [1, {PolicyDocument: 2}, !Ref X]\n      ManagedPolicyArns: x\n',
    );
    expect(role.roles[0]!.policies.map((p) => p.document)).toEqual([2]);
  });
});
