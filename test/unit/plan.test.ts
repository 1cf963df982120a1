import { planEndpoints, type EndpointPlanOptions } from '../../src/generate/plan';
import { PolicygenInputError } from '../../src/model/errors';

const services = (o: EndpointPlanOptions) => planEndpoints(o).endpoints.map((e) => e.service);

describe('planEndpoints (DOMAIN.md §2)', () => {
  it.each<[string, EndpointPlanOptions, string[]]>([
    ['Fargate 1.4.0, nothing else', { region: 'us-east-1', launchType: 'fargate', platformVersion: '1.4.0' }, ['ecr.api', 'ecr.dkr', 's3']],
    ['Fargate LATEST by default', { region: 'us-east-1', launchType: 'fargate' }, ['ecr.api', 'ecr.dkr', 's3']],
    [
      'Windows on Fargate 1.0.0 needs ecr.api too',
      { region: 'us-east-1', launchType: 'fargate', osFamily: 'windows', platformVersion: '1.0.0' },
      ['ecr.api', 'ecr.dkr', 's3'],
    ],
    ['Windows on Fargate LATEST', { region: 'us-east-1', launchType: 'fargate', osFamily: 'windows' }, ['ecr.api', 'ecr.dkr', 's3']],
    [
      'Service Connect in ca-west-1 (introduced after 23 December 2023) needs all three ECS endpoints',
      { region: 'ca-west-1', launchType: 'fargate', serviceConnect: true },
      ['ecr.api', 'ecr.dkr', 's3', 'ecs', 'ecs-agent', 'ecs-telemetry'],
    ],
    ['EC2 launch type in ca-west-1', { region: 'ca-west-1', launchType: 'ec2' }, ['ecr.api', 'ecr.dkr', 's3', 'ecs', 'ecs-agent', 'ecs-telemetry']],
    ['ECS Exec alone adds ssmmessages only', { region: 'us-east-1', launchType: 'fargate', ecsExec: true }, ['ecr.api', 'ecr.dkr', 's3', 'ssmmessages']],
    ['Fargate with awslogs', { region: 'us-east-1', launchType: 'fargate', awslogs: true }, ['ecr.api', 'ecr.dkr', 's3', 'logs']],
    [
      'Fargate with secrets, parameters, ECS Exec, Service Connect',
      { region: 'us-east-1', launchType: 'fargate', secretsManager: true, ssmParameters: true, ecsExec: true, serviceConnect: true },
      ['ecr.api', 'ecr.dkr', 's3', 'secretsmanager', 'ssm', 'ssmmessages', 'ecs-agent'],
    ],
    ['EC2 launch type', { region: 'us-east-1', launchType: 'ec2' }, ['ecr.api', 'ecr.dkr', 's3', 'ecs', 'ecs-agent', 'ecs-telemetry']],
  ])('%s', (_name, options, expected) => {
    expect(services(options)).toEqual(expected);
  });

  it('should use the China prefix for ECR only', () => {
    const names = Object.fromEntries(
      planEndpoints({ region: 'cn-north-1', launchType: 'fargate', awslogs: true }).endpoints.map((e) => [e.service, e.serviceName]),
    );
    expect(names).toEqual({
      'ecr.api': 'cn.com.amazonaws.cn-north-1.ecr.api',
      'ecr.dkr': 'cn.com.amazonaws.cn-north-1.ecr.dkr',
      s3: 'com.amazonaws.cn-north-1.s3',
      logs: 'com.amazonaws.cn-north-1.logs',
    });
  });

  it('should make S3 a Gateway endpoint and keep private DNS on ecr.dkr', () => {
    const plan = planEndpoints({ region: 'eu-west-1', launchType: 'fargate', ecrApiPrivateDns: false });
    const byService = Object.fromEntries(plan.endpoints.map((e) => [e.service, e]));
    expect(byService['s3']).toMatchObject({ type: 'Gateway', serviceName: 'com.amazonaws.eu-west-1.s3' });
    expect(byService['ecr.dkr']).toMatchObject({ type: 'Interface', privateDnsEnabled: true });
    expect(byService['ecr.api']).toMatchObject({ type: 'Interface', privateDnsEnabled: false });
    // ECR-VPCE: only CLI/SDK callers can pass an endpoint URL; the ECS agent and Fargate cannot.
    expect(plan.advisories.find((a) => a.id === 'ecr-api-private-dns-required')?.level).toBe('error');
  });

  it.each([
    ['a retired Linux version', 'linux', '1.3.0', /be a Linux Fargate platform version: 1\.4\.0 or LATEST \(1\.3\.0 was retired/],
    ['a deprecated Linux version', 'linux', '1.2.0', /1\.4\.0 or LATEST \(1\.2\.0 was deprecated/],
    ['a version that never existed', 'linux', '1.5.0', /be a Linux Fargate platform version: 1\.4\.0 or LATEST, received "1\.5\.0"$/],
    ['a Linux version for Windows', 'windows', '1.4.0', /be a Windows Fargate platform version: 1\.0\.0 or LATEST, received "1\.4\.0"$/],
  ] as const)('should refuse %s, listing the valid ones', (_name, osFamily, platformVersion, message) => {
    expect(() => planEndpoints({ region: 'us-east-1', launchType: 'fargate', osFamily, platformVersion })).toThrow(message);
  });

  it('should refuse an unknown OS family', () => {
    expect(() => planEndpoints({ region: 'us-east-1', launchType: 'fargate', osFamily: 'macos' as never })).toThrow(
      /osFamily must be "linux" or "windows", received "macos"/,
    );
  });

  it('should warn about foreign layers for Windows tasks only', () => {
    const ids = (osFamily: 'linux' | 'windows') => planEndpoints({ region: 'us-east-1', launchType: 'fargate', osFamily }).advisories.map((a) => a.id);
    expect(ids('windows')).toContain('windows-foreign-layers');
    expect(ids('linux')).not.toContain('windows-foreign-layers');
  });

  it('should say why all three ECS endpoints are planned in a new Region, and not in an old one', () => {
    const ids = (region: string) => planEndpoints({ region, launchType: 'fargate', serviceConnect: true }).advisories.map((a) => a.id);
    expect(ids('ca-west-1')).toContain('ecs-endpoints-new-region');
    expect(ids('us-east-1')).not.toContain('ecs-endpoints-new-region');
    expect(services({ region: 'us-east-1', launchType: 'fargate', serviceConnect: true })).toEqual(['ecr.api', 'ecr.dkr', 's3', 'ecs-agent']);
  });

  it('should emit every DOMAIN.md §2 consideration as an advisory with a stable id', () => {
    const ids = planEndpoints({ region: 'us-east-1', launchType: 'fargate' }).advisories.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'endpoints-region-only',
        'private-dns-route53-resolver',
        's3-gateway-interrupts-connections',
        'pull-through-cache-needs-internet',
      ]),
    );
    expect(ids).not.toContain('ecr-api-private-dns-required');
  });

  it('should flag the unverified ECR prefix of ISO partitions', () => {
    const plan = planEndpoints({ region: 'us-iso-east-1', launchType: 'ec2' });
    expect(plan.endpoints.find((e) => e.service === 'ecr.dkr')?.serviceName).toBe('gov.ic.c2s.us-iso-east-1.ecr.dkr');
    expect(plan.advisories.map((a) => a.id)).toContain('endpoint-prefix-unverified');
  });

  it('should admit TCP 443 from each subnet CIDR, once', () => {
    const plan = planEndpoints({ region: 'us-east-1', launchType: 'fargate', subnetCidrs: ['10.0.2.0/24', '10.0.1.0/24', '10.0.2.0/24'] });
    expect(plan.securityGroupIngress.map((r) => [r.ipProtocol, r.fromPort, r.toPort, 'cidrIp' in r ? r.cidrIp : undefined])).toEqual([
      ['tcp', 443, 443, '10.0.1.0/24'],
      ['tcp', 443, 443, '10.0.2.0/24'],
    ]);
    expect(plan.advisories.map((a) => a.id)).not.toContain('endpoint-security-group-cidrs-missing');
  });

  it.each<[string, EndpointPlanOptions, string]>([
    ['launch type', { region: 'us-east-1', launchType: 'lambda' as never }, 'launchType'],
    ['platform version', { region: 'us-east-1', launchType: 'fargate', platformVersion: '1.4' }, 'platformVersion'],
    ['platform version on EC2', { region: 'us-east-1', launchType: 'ec2', platformVersion: '1.4.0' }, 'platformVersion'],
    ['CIDR', { region: 'us-east-1', launchType: 'fargate', subnetCidrs: ['10.0.0.0/33'] }, 'subnetCidrs[0]'],
  ])('should reject a bad %s', (_name, options, field) => {
    expect(() => planEndpoints(options)).toThrow(PolicygenInputError);
    try {
      planEndpoints(options);
    } catch (error) {
      expect((error as PolicygenInputError).issues.map((i) => i.field)).toContain(field);
    }
  });
});
