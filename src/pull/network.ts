import type { EndpointFacts, StackFacts, TaskEgress } from './stack-facts';
import type { CheckWarning } from './types';

/**
 * Which way a hop's request goes (policygen docs/aws-facts.md §2): through the stack's endpoint for the service when
 * one is there and reachable, else over an internet route when there is one, else nowhere.
 *
 * - Interface endpoints: reached by their private DNS names, so private DNS must be on for ecr.dkr
 *   (docker resolves the registry's default host name); for the other services policygen docs/aws-facts.md §2 calls it
 *   optional, so it is a warning. With private DNS on, the default host name resolves to the endpoint
 *   even when the VPC has an internet route, so a security group that refuses TCP 443 blocks the hop.
 * - The S3 gateway endpoint is reached through the route tables it is attached to.
 * - Endpoints serve their own Region only: a request for another Region's registry or log group
 *   needs the internet.
 */
export type Route =
  | { readonly path: 'endpoint'; readonly endpoint: EndpointFacts }
  | { readonly path: 'internet' }
  /** Fargate platform before 1.4.0 fetched the registry token itself, outside the task's VPC. */
  | { readonly path: 'fargate' }
  | { readonly path: 'none'; readonly problem: NetworkProblem; readonly endpoint?: EndpointFacts };

export type NetworkProblem = 'no-endpoint' | 'other-region' | 'wrong-type' | 'private-dns-off' | 'no-https-ingress' | 'no-https-egress' | 'no-route-tables';

export interface RouteRequest {
  readonly service: string;
  readonly gateway: boolean;
  /** The Region of the service called (the image's registry, the log group's); the stack's when the same. */
  readonly region: string;
}

export function routeOf(request: RouteRequest, stack: StackFacts, internet: boolean, warn: (w: CheckWarning) => void, egress?: TaskEgress): Route {
  const route = endpointRoute(request, stack, internet, warn);
  if (route.path !== 'endpoint' || egress === undefined) return route;
  return egressAllows(route.endpoint, egress, warn) ? route : { path: 'none', problem: 'no-https-egress', endpoint: route.endpoint };
}

/**
 * The tasks' security groups must let TCP 443 out to the endpoint: to a security group of an
 * interface endpoint, to the prefix list of a gateway endpoint
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html#gateway-endpoint-security).
 * A rule the template leaves undecided is assumed to allow, with a warning: never blocked unless known.
 */
function egressAllows(endpoint: EndpointFacts, egress: TaskEgress, warn: (w: CheckWarning) => void): boolean {
  if (egress.anywhere) return true;
  const allowed = endpoint.type === 'Gateway' ? egress.toPrefixList : endpoint.securityGroups.some((g) => egress.toGroups.includes(g));
  if (allowed) return true;
  if (egress.undecided || (endpoint.type !== 'Gateway' && endpoint.securityGroups.length === 0)) {
    warn({
      code: 'SECURITY_GROUP_UNKNOWN',
      resource: egress.groups[0]!,
      message: `the egress rules of ${egress.groups.join(', ')} are not all decidable from the template: the check assumes they allow TCP 443 to ${endpoint.resource}`,
    });
    return true;
  }
  return false;
}

function endpointRoute(request: RouteRequest, stack: StackFacts, internet: boolean, warn: (w: CheckWarning) => void): Route {
  const fallback = (problem: NetworkProblem, endpoint?: EndpointFacts): Route =>
    internet ? { path: 'internet' } : { path: 'none', problem, ...(endpoint ? { endpoint } : {}) };
  if (request.region !== stack.region) return fallback('other-region');

  const wanted = request.gateway ? 'Gateway' : 'Interface';
  const candidates = stack.endpoints.filter((e) => e.service === request.service && (e.region === undefined || e.region === stack.region));
  const endpoint = candidates.find((e) => e.type === wanted) ?? candidates[0];
  if (endpoint === undefined) return fallback('no-endpoint');
  if (candidates.filter((e) => e.type === endpoint.type).length > 1) {
    warn({
      code: 'SEVERAL_ENDPOINTS',
      resource: endpoint.resource,
      message: `the template declares several ${request.service} endpoints: the check follows ${endpoint.resource}, the first`,
    });
  }
  if (endpoint.type !== undefined && endpoint.type !== wanted) return fallback('wrong-type', endpoint);

  if (request.gateway) return endpoint.routeTables === 0 ? fallback('no-route-tables', endpoint) : { path: 'endpoint', endpoint };

  if (endpoint.privateDns === false) {
    // ecr.api too: the ECS agent and Fargate call ecr:GetAuthorizationToken at the default host name
    // and cannot be given the endpoint's own DNS name (an endpoint URL is for the CLI and SDKs only:
    // Amazon ECR User Guide, "Amazon ECR interface VPC endpoints (AWS PrivateLink)",
    // https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html; policygen docs/aws-facts.md §2).
    if (request.service === 'ecr.dkr' || request.service === 'ecr.api' || internet) {
      warn({
        code: 'PRIVATE_DNS_OFF',
        resource: endpoint.resource,
        message: internet
          ? `private DNS is off on ${endpoint.resource} (${request.service}): its calls resolve the public host name and leave over the internet route, not through the endpoint`
          : `private DNS is off on ${endpoint.resource} (${request.service}): the default host name does not resolve to the endpoint${request.service === 'ecr.api' ? ', and the ECS agent and Fargate cannot be pointed at its own DNS name' : ''}`,
      });
      return fallback('private-dns-off', endpoint);
    }
    warn({
      code: 'PRIVATE_DNS_OFF',
      resource: endpoint.resource,
      message: `private DNS is off on ${endpoint.resource} (${request.service}): callers must use the endpoint's own DNS name; the check assumes they do (policygen docs/aws-facts.md §2 calls private DNS optional here)`,
    });
  } else if (endpoint.privateDns === undefined) {
    warn({
      code: 'PRIVATE_DNS_UNKNOWN',
      resource: endpoint.resource,
      message: `PrivateDnsEnabled of ${endpoint.resource} is known only at deploy time: the check assumes it is on`,
    });
  }
  if (endpoint.https === 'no') return { path: 'none', problem: 'no-https-ingress', endpoint };
  if (endpoint.https !== 'yes') {
    warn({
      code: 'SECURITY_GROUP_UNKNOWN',
      resource: endpoint.resource,
      message:
        endpoint.https === 'default-group'
          ? `${endpoint.resource} names no security group, so it gets the VPC's default group, which admits only its own members: the check assumes the tasks can reach it on TCP 443`
          : `a security group of ${endpoint.resource} is not declared in the template (or its rules are deploy-time values): the check assumes it admits TCP 443`,
    });
  }
  return { path: 'endpoint', endpoint };
}
