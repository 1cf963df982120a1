import { readFileSync } from 'node:fs';
import { readCloudFormation, type CloudFormationOptions } from '../../../../src/template/cloudformation';
import { viewPolicy } from '../../../../src/template/policy-view';
import { ECR_RULES } from '../../../../src/lint/rules/ecr';
import { parseYamlSource } from '../../../../src/template/source/yaml-source';
import type {
  EndpointModel,
  IamCatalog,
  JsonPath,
  PolicyRule,
  PolicyType,
  PolicyUnit,
  Resolved,
  RuleHit,
  StackModel,
  StackRule,
} from '../../../../src/lint/types';

/** The ECR rules never consult the IAM catalog: one that throws proves it. */
const NO_CATALOG = new Proxy({} as IamCatalog, {
  get: () => {
    throw new Error('the ECR rules must not need the IAM catalog');
  },
});

/** A policy unit as a reader builds it, for a document given inline. */
export function unitOf(document: unknown, policyType: PolicyType = 'identity', path: JsonPath = []): PolicyUnit {
  const source = { file: 'policy.json', text: JSON.stringify(document), data: document, locate: () => ({ line: 1, column: 1 }) };
  return { source, document, view: viewPolicy(document), path, policyType };
}

/** Runs a policy rule the way the engine does: only on the policy types it applies to. */
export function runPolicyRule(rule: PolicyRule, unit: PolicyUnit): readonly RuleHit[] {
  if (rule.appliesTo !== undefined && !rule.appliesTo.includes(unit.policyType)) return [];
  return rule.check(unit, { iam: NO_CATALOG });
}

export const policy = (...statements: readonly Record<string, unknown>[]): unknown => ({ Version: '2012-10-17', Statement: statements });

/** A CloudFormation template (YAML with short-form intrinsics) read into a stack model. */
export function stackFromYaml(text: string, options: CloudFormationOptions = {}, file = 'stack.yaml'): StackModel {
  return readCloudFormation(parseYamlSource(file, text), options);
}

export const stackFromFile = (file: string, options: CloudFormationOptions = {}): StackModel => stackFromYaml(readFileSync(file, 'utf8'), options, file);

/** Every ECR rule on a stack (policy rules on each of its policies), as code -> hits. */
export function ecrFindings(stack: StackModel): ReadonlyMap<string, readonly RuleHit[]> {
  const found = new Map<string, RuleHit[]>();
  for (const rule of ECR_RULES) {
    const hits: readonly RuleHit[] = rule.kind === 'stack' ? rule.check(stack) : stack.policies.flatMap((unit) => runPolicyRule(rule as PolicyRule, unit));
    if (hits.length > 0) found.set(rule.meta.code, [...hits]);
  }
  return found;
}

/** The codes of the stack rules that fire. */
export const firingStackRules = (stack: StackModel, rules: readonly StackRule[]): readonly string[] =>
  rules.filter((r) => r.check(stack).length > 0).map((r) => r.meta.code);

// Hand-built models, for what a template cannot express (a value unknown to the reader).
export const known = <T>(value: T): Resolved<T> => ({ known: true, value });
export const unknown: Resolved<never> = { known: false, expression: { Ref: 'SomeParameter' } };

const SOURCE = { file: 'model.json', text: '{}', data: {}, locate: () => ({ line: 1, column: 1 }) };

export function endpointModel(resource: string, service: string, fields: Partial<EndpointModel> = {}): EndpointModel {
  return {
    resource,
    path: ['Resources', resource],
    serviceName: known(`com.amazonaws.eu-west-1.${service}`),
    service,
    type: known(service === 's3' ? 'Gateway' : 'Interface'),
    privateDnsEnabled: known(service !== 's3'),
    routeTableIds: service === 's3' ? [{ resource: 'RouteTable' }] : [],
    securityGroups: [],
    ...fields,
  };
}

export function stackModel(fields: Partial<StackModel> = {}): StackModel {
  return {
    source: SOURCE,
    format: 'cloudformation',
    region: unknown,
    endpoints: [],
    securityGroups: [],
    taskDefinitions: [],
    roles: [],
    policies: [],
    hasInternetRoute: false,
    ...fields,
  };
}

/** Template fragments (resources, indented under Resources:) of the views of the walk's tests. */
// A task that pulls an ECR image of its own account and Region.
export const ECR_TASK =
  '  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n' +
  '      ContainerDefinitions: [{Name: app, Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/my-app:1.0.0"}]\n';
// A task whose image is on Docker Hub: its pull crosses no ECR endpoint.
export const DOCKER_HUB_TASK =
  '  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      ContainerDefinitions: [{Name: app, Image: nginx}]\n';
// A NAT gateway: an internet path for the private subnets.
export const NAT = '  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties: {SubnetId: subnet-0123456789abcdef0}\n';
