import type { Command } from 'commander';
import { sortAdvisories } from '../../generate/advisories';
import { generateEcrEndpointPolicy } from '../../generate/ecr-endpoint-policy';
import { planEndpoints, type EndpointIpAddressType, type LaunchType } from '../../generate/plan';
import { generateS3GatewayPolicy } from '../../generate/s3-gateway-policy';
import { PolicygenInputError } from '../../model/errors';
import type { OsFamily } from '../../model/fargate';
import { collect, emit, type CliContext } from '../context';
import { addCommonOptions, type CommonFlags } from './common';

interface Flags extends CommonFlags {
  launchType: string;
  osFamily?: string;
  platformVersion?: string;
  awslogs?: boolean;
  secrets?: boolean;
  parameters?: boolean;
  ecsExec?: boolean;
  serviceConnect?: boolean;
  ecrApiPrivateDns: boolean;
  subnetCidr?: string[];
  subnetIpv6Cidr?: string[];
  endpointIngress?: string[];
  taskSecurityGroupId?: string;
  s3PrefixListId?: string;
  endpointIpAddressType?: string;
  account?: string;
  principal?: string[];
  orgId?: string;
}

export function registerPlan(program: Command, ctx: CliContext): void {
  const command = program
    .command('plan')
    .description('print the VPC endpoints, their policies and security group rule that the tasks need')
    .requiredOption('--region <region>', 'AWS Region, e.g. us-east-1')
    .requiredOption('--launch-type <type>', 'ECS launch type: fargate or ec2')
    .option('--os-family <family>', 'operating system family of the tasks: linux (default) or windows')
    .option('--platform-version <version>', 'Fargate platform version: Linux 1.4.0, Windows 1.0.0, or LATEST (the default)')
    .option('--awslogs', 'containers use the awslogs log driver')
    .option('--secrets', 'the task definition references Secrets Manager secrets')
    .option('--parameters', 'the task definition references SSM parameters')
    .option('--ecs-exec', 'ECS Exec is enabled')
    .option('--service-connect', 'Service Connect is enabled')
    .option('--no-ecr-api-private-dns', 'turn private DNS off on ecr.api (not recommended)')
    .option('--subnet-cidr <cidr>', 'CIDR of a private subnet of the tasks, admitted on 443 (repeatable)', collect)
    .option('--subnet-ipv6-cidr <cidr>', 'IPv6 CIDR of a dual-stack or IPv6-only subnet of the tasks, admitted on 443 (repeatable)', collect)
    .option('--endpoint-ingress <sg-id>', 'security group admitted on 443 by the endpoints’ security group, by reference (repeatable)', collect)
    .option('--task-security-group-id <sg-id>', 'the tasks’ existing security group: admitted by the endpoints, and given the egress rules')
    .option('--s3-prefix-list-id <pl-id>', 'ID of the Region’s S3 managed prefix list com.amazonaws.REGION.s3, the tasks’ egress to S3')
    .option('--endpoint-ip-address-type <type>', 'IP address type of the endpoints: ipv4 (default), dualstack or ipv6')
    .option('--account <id>', 'account that owns the repositories: attaches the ECR endpoint policy')
    .option('--principal <arn|account>', 'with --account: principal allowed to use the ECR endpoints (repeatable)', collect)
    .option('--org-id <id>', 'with --account: organization allowed to use the ECR endpoints');
  addCommonOptions(command, 'policygen plan --region us-east-1 --launch-type fargate --awslogs --subnet-cidr 10.0.1.0/24', {
    advisoriesOnStderr: false,
  }).action((flags: Flags) => {
    const base = { region: flags.region, allowUnlistedRegion: flags.allowUnlistedRegion };
    if (flags.account === undefined && (flags.principal !== undefined || flags.orgId !== undefined)) {
      throw new PolicygenInputError([
        { field: '--principal/--org-id', received: 'no --account', expected: 'come with --account, which names the repositories’ account' },
      ]);
    }
    const s3 = generateS3GatewayPolicy(base);
    const ecr =
      flags.account === undefined ? undefined : generateEcrEndpointPolicy({ ...base, account: flags.account, principals: flags.principal, orgId: flags.orgId });
    const plan = planEndpoints({
      ...base,
      launchType: flags.launchType as LaunchType,
      osFamily: flags.osFamily as OsFamily | undefined,
      platformVersion: flags.platformVersion,
      awslogs: flags.awslogs,
      secretsManager: flags.secrets,
      ssmParameters: flags.parameters,
      ecsExec: flags.ecsExec,
      serviceConnect: flags.serviceConnect,
      ecrApiPrivateDns: flags.ecrApiPrivateDns,
      subnetCidrs: flags.subnetCidr,
      subnetIpv6Cidrs: flags.subnetIpv6Cidr,
      endpointIngress: flags.endpointIngress,
      taskSecurityGroupId: flags.taskSecurityGroupId,
      s3PrefixListId: flags.s3PrefixListId,
      endpointIpAddressType: flags.endpointIpAddressType as EndpointIpAddressType | undefined,
      policies: { s3: s3.document, ecr: ecr?.document },
    });
    // Advisories are part of the plan's JSON, so they are not repeated on stderr.
    const advisories = sortAdvisories([...plan.advisories, ...s3.advisories, ...(ecr?.advisories ?? [])]);
    emit(
      ctx,
      { endpoints: plan.endpoints, securityGroupIngress: plan.securityGroupIngress, taskSecurityGroupEgress: plan.taskSecurityGroupEgress, advisories },
      [],
      flags,
    );
  });
}
