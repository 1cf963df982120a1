import { own } from '../model/json';
import { REGION_SHAPE } from '../model/region';
import { viewPolicy } from './policy-view';
import type { EndpointModel, IngressRuleModel, JsonPath, PolicyType, PolicyUnit, Resolved, ResourceType, SourceFile } from './types';

/** What the CloudFormation and Terraform readers share: endpoint names, protocols, policy units. */

export { isRecord, own } from '../model/json';

/** Stands for an unknown part of a partly resolved string (`resolvePartialString`). */
export const UNKNOWN_PART = '\u0000';

export const known = <T>(value: T): Resolved<T> => ({ known: true, value });
export const unknown = (expression: unknown): Resolved<never> => ({ known: false, expression });

// Prefix words, the Region (or an unknown part), then the service.
const ENDPOINT_SERVICE = new RegExp(`^(?:[a-z0-9-]+\\.)*?(?:${REGION_SHAPE.source.slice(1, -1)}|\u0000)\\.(.+)$`);

/**
 * The service part of a VPC endpoint service name, after the Region: `ecr.dkr` in
 * `com.amazonaws.us-east-1.ecr.dkr` or `cn.com.amazonaws.cn-north-1.ecr.dkr`, `vpce-svc-…` in
 * `com.amazonaws.vpce.us-east-1.vpce-svc-…`. The Region may be `UNKNOWN_PART` (from
 * `resolvePartialString`): the service is known when everything after the Region is.
 */
export function endpointServiceOf(serviceName: string | undefined): string | undefined {
  if (serviceName === undefined) return undefined;
  const service = ENDPOINT_SERVICE.exec(serviceName)?.[1];
  return service === undefined || service.includes(UNKNOWN_PART) ? undefined : service;
}

/** The Region in a VPC endpoint service name (`us-east-1` in `com.amazonaws.us-east-1.ecr.dkr`), when it is written out. */
export function endpointRegionOf(serviceName: string): string | undefined {
  return serviceName.split('.').find((part) => REGION_SHAPE.test(part));
}

/**
 * The policy type of an endpoint's policy. An endpoint whose type is unknown is read as Interface:
 * the gateway-only checks (Principal `"*"`) then stay quiet rather than guess.
 */
export function endpointPolicyType(type: EndpointModel['type']): PolicyType {
  return type.known && type.value === 'Gateway' ? 'vpc-endpoint-gateway' : 'vpc-endpoint-interface';
}

const ENDPOINT_TYPES = ['Interface', 'Gateway', 'GatewayLoadBalancer'] as const;

/** An endpoint type as AWS spells it, whatever the case in the file; another value is unknown. */
export function endpointType(value: Resolved<string>): EndpointModel['type'] {
  if (!value.known) return value;
  const match = ENDPOINT_TYPES.find((t) => t.toLowerCase() === value.value.toLowerCase());
  return match ? known(match) : unknown(value.value);
}

// IANA protocol numbers EC2 accepts in place of the names.
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

/** `tcp`, `udp`, `icmp`, `icmpv6` or `-1` (all traffic), from a name or number in any case. */
export function normalizeProtocol(protocol: Resolved<string>): Resolved<string> {
  if (!protocol.known) return protocol;
  const lower = protocol.value.trim().toLowerCase();
  return known(own(PROTOCOL_NAMES, lower) !== undefined ? (own(PROTOCOL_NAMES, lower) as string) : lower);
}

/**
 * True when the rule is known to admit TCP traffic to `port`. Protocol `-1` admits every port; so do
 * ports given as -1 (AWS's "all", also what the readers put for ports left out). Unknown: false.
 */
export function ingressAdmits(rule: IngressRuleModel, port: number): boolean {
  if (!rule.protocol.known) return false;
  if (rule.protocol.value === '-1') return true;
  if (rule.protocol.value !== 'tcp' || !rule.fromPort.known || !rule.toPort.known) return false;
  if (rule.fromPort.value === -1 && rule.toPort.value === -1) return true;
  return rule.fromPort.value <= port && port <= rule.toPort.value;
}

/**
 * A policy given as JSON text (Terraform `jsonencode`, or a CloudFormation string property): the
 * parsed document, or the text itself when it is not JSON, for the grammar rule to report.
 */
export function parseEmbeddedPolicy(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface PolicyUnitInput {
  readonly source: SourceFile;
  readonly document: unknown;
  readonly path: JsonPath;
  readonly policyType: PolicyType;
  readonly resourceType?: ResourceType;
  readonly resource: string;
  /** The JSON text, when the file holds the policy as a string. */
  readonly text?: string;
  /** Values may be CloudFormation intrinsics. */
  readonly templateValues?: boolean;
}

/** A template's policies: a statement may stand behind an `Fn::If` the reader could not decide. */
const TEMPLATE_VIEW = { branches: true } as const;

export function policyUnit(input: PolicyUnitInput): PolicyUnit {
  return {
    source: input.source,
    document: input.document,
    view: viewPolicy(input.document, input.templateValues === true ? TEMPLATE_VIEW : undefined),
    path: input.path,
    policyType: input.policyType,
    ...(input.resourceType !== undefined ? { resourceType: input.resourceType } : {}),
    resource: input.resource,
    ...(input.text !== undefined ? { embedded: true, text: input.text } : {}),
    ...(input.templateValues === true ? { templateValues: true } : {}),
  };
}
