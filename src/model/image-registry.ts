/**
 * Where a container image that is not in an Amazon ECR private registry comes from, and how a task
 * reaches it. Nothing here reads a file or the environment.
 */

/**
 * The registry an image reference names, by the Docker reference grammar: the first `/`-separated
 * component when it holds a `.` or a `:` or is `localhost`, else Docker Hub (`nginx`,
 * `library/nginx`). Docker Hub's registry is `docker.io` (served from registry-1.docker.io).
 * Source: distribution/reference, "reference.go" grammar (https://github.com/distribution/reference).
 */
export function imageRegistry(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return DOCKER_HUB;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : DOCKER_HUB;
}

export const DOCKER_HUB = 'docker.io';

/**
 * Amazon ECR Public's registry. Its images are pulled over the internet: the ECR interface VPC
 * endpoints (ecr.api, ecr.dkr) serve private registries only, "VPC endpoints don't currently support
 * Amazon ECR Public repositories" (Amazon ECR User Guide, "Amazon ECR interface VPC endpoints (AWS
 * PrivateLink)", https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html; later
 * revisions add only the ECR Public *API* endpoint in us-east-1, which does not serve image pulls).
 * So is every registry outside AWS (Docker Hub, ghcr.io, quay.io): no VPC endpoint reaches them, a
 * task needs a NAT route, or an internet gateway route with a public IP (ECS Developer Guide,
 * "Fargate task networking", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html).
 */
export const ECR_PUBLIC_REGISTRY = 'public.ecr.aws';
