import { DOCKER_HUB, ECR_PUBLIC_REGISTRY, imageRegistry } from '../model/image-registry';
import type { ContainerFacts, StackFacts, TaskFacts } from './stack-facts';
import type { CheckStep, HopName } from './types';

/**
 * The pull of an image outside Amazon ECR's private registries (Docker Hub, public.ecr.aws, ghcr.io,
 * quay.io, …): the registry token, the manifest and the layers, each an HTTPS request to the
 * registry over the internet. No VPC endpoint carries them (src/model/image-registry.ts) and no IAM
 * policy decides them, so each step is a question of network only: allowed with an internet path
 * from the task, blocked when the template declares the network and it has none, unknown when the
 * network is not in the input. A public registry is pulled anonymously; credentials of a private one
 * (RepositoryCredentials) are not modelled.
 */
const STEPS: readonly (readonly [HopName, string])[] = [
  ['auth-token', 'registry token'],
  ['manifest', 'GET manifest'],
  ['layer-download', 'GET layers'],
];

export interface PublicPullEnvironment {
  readonly stack: StackFacts;
  /** The task reaches the internet: `--internet`, a NAT route, or an internet gateway route with a public IP. */
  readonly internet: boolean;
}

export function publicRegistrySteps(task: TaskFacts, container: ContainerFacts, env: PublicPullEnvironment): CheckStep[] {
  const registry = imageRegistry(container.image);
  const what =
    registry === ECR_PUBLIC_REGISTRY
      ? 'Amazon ECR Public, which no VPC endpoint serves'
      : registry === DOCKER_HUB
        ? 'Docker Hub, outside AWS'
        : `${registry}, outside AWS`;
  const verdict = decide(task, env, registry, what);
  return STEPS.map(([step, action]) => ({
    task: task.resource,
    container: container.name,
    step,
    action,
    resource: container.image,
    endpoint: registry,
    network: verdict.verdict === 'allowed' ? 'internet' : 'none',
    verdict: verdict.verdict,
    allowed: verdict.allowed,
    decidedBy: [],
    reason: verdict.reason,
    ...(verdict.hint !== undefined ? { hint: verdict.hint } : {}),
  }));
}

type Decision = Pick<CheckStep, 'verdict' | 'allowed' | 'reason' | 'hint'>;

function decide(task: TaskFacts, env: PublicPullEnvironment, registry: string, what: string): Decision {
  const { stack } = env;
  if (env.internet) {
    return { verdict: 'allowed', allowed: true, reason: `${registry} is reached over the internet route of the task (${what}); no IAM policy applies` };
  }
  const fix = `give the task subnets a NAT gateway route (or an internet gateway route with AssignPublicIp ENABLED), pass --internet if the route is in another stack, or copy the image into an Amazon ECR private repository of the stack's Region`;
  if (!stack.networkDeclared) {
    return {
      verdict: 'unknown',
      allowed: null,
      reason: `the image comes from ${what}, reached only over the internet, and the input declares no VPC network (no VPC, subnet, route table, endpoint or gateway): whether the task subnets reach the internet is not in the input`,
      hint: 'check with the stack that declares the network, or pass --internet when the task subnets reach the internet',
    };
  }
  const missing =
    stack.internetGatewayRoute && !task.publicIp
      ? `the VPC routes to an internet gateway, but ${task.resource} runs without a public IP (AssignPublicIp is not ENABLED) and no NAT route is declared`
      : 'the template declares no internet route (no NAT gateway, no internet gateway route)';
  return { verdict: 'blocked', allowed: false, reason: `the image comes from ${what}, reached only over the internet, and ${missing}`, hint: fix };
}
