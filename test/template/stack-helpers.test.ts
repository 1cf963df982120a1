import { endpointRegionOf, endpointServiceOf, endpointType, ingressAdmits, normalizeProtocol, UNKNOWN_PART } from '../../src/template/stack-helpers';
import type { IngressRuleModel, Resolved } from '../../src/lint/types';

const known = <T>(value: T): Resolved<T> => ({ known: true, value });
const unknown: Resolved<never> = { known: false, expression: { Ref: 'X' } };

describe('endpointServiceOf', () => {
  // Service names as in DOMAIN.md §2 and the AWS PrivateLink "AWS services that integrate" list.
  const cases: readonly [string, string | undefined][] = [
    ['com.amazonaws.us-east-1.ecr.dkr', 'ecr.dkr'],
    ['com.amazonaws.eu-west-1.ecr.api', 'ecr.api'],
    ['com.amazonaws.eu-west-1.s3', 's3'],
    ['cn.com.amazonaws.cn-north-1.ecr.dkr', 'ecr.dkr'],
    ['com.amazonaws.us-gov-west-1.logs', 'logs'],
    ['com.amazonaws.eusc-de-east-1.ecr.dkr', 'ecr.dkr'],
    ['com.amazonaws.us-isob-east-1.ecr.api', 'ecr.api'],
    ['com.amazonaws.ap-southeast-5.ecs-telemetry', 'ecs-telemetry'],
    ['com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0', 'vpce-svc-0123456789abcdef0'],
    [`com.amazonaws.${UNKNOWN_PART}.ecr.dkr`, 'ecr.dkr'],
    [`com.amazonaws.${UNKNOWN_PART}.${UNKNOWN_PART}`, undefined],
    ['ecr.dkr', undefined],
    ['', undefined],
  ];
  it.each(cases)('%j -> %j', (name, service) => {
    expect(endpointServiceOf(name)).toBe(service);
  });
  it('should give nothing for an unknown name', () => {
    expect(endpointServiceOf(undefined)).toBeUndefined();
  });
});

describe('endpointRegionOf', () => {
  it.each([
    ['com.amazonaws.us-east-1.ecr.dkr', 'us-east-1'],
    ['cn.com.amazonaws.cn-north-1.ecr.api', 'cn-north-1'],
    ['com.amazonaws.eusc-de-east-1.s3', 'eusc-de-east-1'],
    ['com.amazonaws.vpce.us-gov-west-1.vpce-svc-0123456789abcdef0', 'us-gov-west-1'],
    ['com.amazonaws.ecr.dkr', undefined],
  ])('%j -> %j', (name, region) => {
    expect(endpointRegionOf(name)).toBe(region);
  });
});

describe('endpointType', () => {
  it('should spell the three types as AWS does, whatever the case, and make other values unknown', () => {
    expect(endpointType(known('interface'))).toEqual(known('Interface'));
    expect(endpointType(known('Gateway'))).toEqual(known('Gateway'));
    expect(endpointType(known('GATEWAYLOADBALANCER'))).toEqual(known('GatewayLoadBalancer'));
    expect(endpointType(known('Gatway')).known).toBe(false);
    expect(endpointType(unknown).known).toBe(false);
  });
});

describe('normalizeProtocol and ingressAdmits', () => {
  it('should read IANA numbers and "all" as names', () => {
    expect(normalizeProtocol(known('6'))).toEqual(known('tcp'));
    expect(normalizeProtocol(known('TCP'))).toEqual(known('tcp'));
    expect(normalizeProtocol(known('-1'))).toEqual(known('-1'));
    expect(normalizeProtocol(known('all'))).toEqual(known('-1'));
    expect(normalizeProtocol(known('17'))).toEqual(known('udp'));
  });
  const rule = (protocol: Resolved<string>, from: Resolved<number>, to: Resolved<number>): IngressRuleModel => ({
    protocol,
    fromPort: from,
    toPort: to,
    source: { literal: '10.0.0.0/16' },
    path: [],
  });
  it('should admit 443 through a TCP range that holds it, or all traffic', () => {
    expect(ingressAdmits(rule(known('tcp'), known(443), known(443)), 443)).toBe(true);
    expect(ingressAdmits(rule(known('tcp'), known(0), known(65535)), 443)).toBe(true);
    expect(ingressAdmits(rule(known('-1'), known(-1), known(-1)), 443)).toBe(true);
    expect(ingressAdmits(rule(known('tcp'), known(-1), known(-1)), 443)).toBe(true);
  });
  it('should not admit 443 through another port, UDP, or anything unknown', () => {
    expect(ingressAdmits(rule(known('tcp'), known(80), known(80)), 443)).toBe(false);
    expect(ingressAdmits(rule(known('udp'), known(443), known(443)), 443)).toBe(false);
    expect(ingressAdmits(rule(unknown, known(443), known(443)), 443)).toBe(false);
    expect(ingressAdmits(rule(known('tcp'), unknown, known(443)), 443)).toBe(false);
  });
});
