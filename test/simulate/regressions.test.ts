import { runSimulation } from '@cloud-copilot/iam-simulate';
import { evaluate } from '../../src/simulate';
import type { GeneratedCase, GeneratedPolicy, GeneratedRequest, WireDocument } from '../property/arbitraries/policies';
import { runPolicygen, runReference, toSimulation } from './harness';

/**
 * Every class of disagreement the differential tests found between policygen and
 * @cloud-copilot/iam-simulate 0.1.173, with the documentation that settles it.
 * - "AWS supports policygen": the reference gets an equivalent spelling in the differential test
 *   (harness.ts, KNOWN_DIFFERENCES) and the test here also records iam-simulate's answer, so an
 *   upgrade that changes it fails here and the rewrite can go.
 * - "AWS supports iam-simulate": policygen was fixed; the test pins the fix.
 */

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;

const request = (overrides: Partial<GeneratedRequest> = {}): GeneratedRequest => ({
  principal: ROLE,
  principalIsService: false,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::my-bucket/alice/notes.txt',
  resourceAccount: ACCOUNT,
  context: {},
  ...overrides,
});
const identity = (...Statement: WireDocument['Statement']): GeneratedPolicy => ({
  label: 'identity',
  kind: 'identity',
  document: { Version: '2012-10-17', Statement },
});
const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };

async function bothDecide(c: GeneratedCase): Promise<{ policygen: string; iamSimulate: string }> {
  const reference = await runReference(c, false);
  return { policygen: runPolicygen(c, reference.ignoredContextKeys).decision, iamSimulate: reference.decision };
}

describe('disagreements where the AWS documentation supports policygen', () => {
  // IAM User Guide, "IAM JSON policy elements: Resource": "You can use wildcard characters (* and ?)
  // within the individual segments of an ARN … If the wildcard (*) is the last character of a
  // resource ARN segment, it can expand to match beyond colon boundaries." So arn:aws:ecr:* covers
  // every ECR ARN and nothing else; an S3 object lies outside it, and a NotResource statement
  // naming it applies. iam-simulate never applies NotResource through such a short pattern.
  it('a short ARN pattern ending in * covers the rest of the ARN, in NotResource too', async () => {
    const c: GeneratedCase = {
      request: request(),
      policies: [identity(allowAll, { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:ecr:*' })],
    };
    expect(await bothDecide(c)).toEqual({ policygen: 'ExplicitDeny', iamSimulate: 'Allow' });
    const ecr = { ...c, request: request({ action: 'ecr:BatchGetImage', resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app` }) };
    expect(runPolicygen({ ...ecr, policies: [identity(allowAll, { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:ecr:*' })] }).decision).toBe('Allow');
  });

  // IAM User Guide, "Condition operators", "Date condition operators": "You must specify date/time
  // values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX)
  // time." Epoch time counts seconds: 1735689600 is 2025-01-01T00:00:00Z, after a 2024 request.
  // iam-simulate compares the seconds with the ISO date's milliseconds.
  it('a date in epoch seconds is the same instant as its ISO 8601 form', async () => {
    const c: GeneratedCase = {
      request: request({ context: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } }),
      policies: [identity({ ...allowAll, Condition: { DateGreaterThan: { 'aws:CurrentTime': '1735689600' } } })],
    };
    expect(await bothDecide(c)).toEqual({ policygen: 'ImplicitDeny', iamSimulate: 'Allow' });
    const iso = { ...c, policies: [identity({ ...allowAll, Condition: { DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } } })] };
    expect(await bothDecide(iso)).toEqual({ policygen: 'ImplicitDeny', iamSimulate: 'ImplicitDeny' });
  });

  // IAM User Guide, "Condition operators", "IP address condition operators": "If you specify an IP
  // address without the associated routing prefix, IAM uses the default prefix value of /32." An
  // IPv6 source address is not in 10.0.1.5/32, so NotIpAddress holds and the Deny applies.
  // iam-simulate never matches a bare IPv4 address against an IPv6 request address.
  it('an address without a prefix is a /32 range, and an IPv6 address is outside it', async () => {
    const c: GeneratedCase = {
      request: request({ context: { 'aws:SourceIp': '2001:db8::1' } }),
      policies: [identity(allowAll, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.1.5' } } })],
    };
    expect(await bothDecide(c)).toEqual({ policygen: 'ExplicitDeny', iamSimulate: 'Allow' });
  });

  // IAM User Guide, "IP address condition operators": "The value must be in the standard CIDR format
  // (for example, 203.0.113.0/24 …)". In CIDR notation 0.0.0.0/0 is every IPv4 address.
  // iam-simulate builds the /0 mask with `-1 << 32`, which JavaScript reads as `-1 << 0`.
  it('0.0.0.0/0 contains every IPv4 address', async () => {
    const c: GeneratedCase = {
      request: request({ context: { 'aws:SourceIp': '203.0.113.7' } }),
      policies: [identity({ ...allowAll, Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })],
    };
    expect(await bothDecide(c)).toEqual({ policygen: 'Allow', iamSimulate: 'ImplicitDeny' });
  });

  // IAM User Guide, "IAM policy elements: Variables and tags": "If you don't include the Version
  // element and set it to an appropriate version date, variables like ${aws:username} are treated as
  // literal strings in the policy." iam-simulate substitutes them under any Version.
  // (Found by a targeted probe: the random policies always carry Version 2012-10-17.)
  it('policy variables are literal text without "Version": "2012-10-17"', async () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/${aws:username}/*' };
    const c = (version: string | undefined): GeneratedCase => ({
      request: request({ principal: USER, context: { 'aws:username': 'alice' } }),
      policies: [{ label: 'identity', kind: 'identity', document: { ...(version ? { Version: version } : {}), Statement: [statement] } }],
    });
    expect(await bothDecide(c(undefined))).toEqual({ policygen: 'ImplicitDeny', iamSimulate: 'Allow' });
    expect(await bothDecide(c('2008-10-17'))).toEqual({ policygen: 'ImplicitDeny', iamSimulate: 'Allow' });
    expect(await bothDecide(c('2012-10-17'))).toEqual({ policygen: 'Allow', iamSimulate: 'Allow' });
  });

  // AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint policies": "An endpoint
  // policy is a resource-based policy that you attach to a VPC endpoint to control which AWS
  // principals can use the endpoint", and (Amazon VPC User Guide, same page, earlier edition) "For
  // gateway endpoints, if you specify the principal in the format "AWS":"AWS-account-ID" or
  // "AWS":"arn:aws:iam::AWS-account-ID:root", access is granted to the AWS account root user only,
  // and not all IAM users and roles for the account." iam-simulate rejects any endpoint policy
  // whose Principal is not "*", so the random endpoint policies use "*" and principals are tested here.
  it('an endpoint policy can name principals; a gateway endpoint reads an account as its root user', async () => {
    const endpoint: WireDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: '*', Resource: '*' }] };
    const rejected = await runSimulation(
      toSimulation({ request: request(), policies: [identity(allowAll), { label: 'endpoint', kind: 'vpc-endpoint', document: endpoint }] }, false),
      {},
    );
    expect(rejected.resultType).toBe('error');

    const decide = (principal: string, document: WireDocument, endpointType: 'interface' | 'gateway') =>
      evaluate({ principal: { arn: principal }, action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/x', resourceAccount: ACCOUNT }, [
        { label: 'identity', kind: 'identity', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
        { label: 'endpoint', kind: 'vpc-endpoint', document: document as never, endpointType },
      ]).decision;
    expect(decide(ROLE, endpoint, 'interface')).toBe('Allow');
    expect(decide(USER, endpoint, 'interface')).toBe('ImplicitDeny');

    const account: WireDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: '*', Resource: '*' }],
    };
    expect(decide(ROLE, account, 'interface')).toBe('Allow');
    expect(decide(ROLE, account, 'gateway')).toBe('ImplicitDeny');
    expect(decide(`arn:aws:iam::${ACCOUNT}:root`, account, 'gateway')).toBe('Allow');
  });
});

describe('disagreements where the AWS documentation supports iam-simulate (policygen fixed)', () => {
  // IAM User Guide, "IAM policy elements: Variables and tags": "You can use a policy variable in the
  // Resource element, but only in the resource portion of the ARN. This portion of the ARN appears
  // after the fifth colon (:). You can't use a variable to replace parts of the ARN before the fifth
  // colon, such as the service or account." policygen used to substitute it in the account segment.
  it('a variable in the account segment of a Resource ARN is not substituted', async () => {
    const c: GeneratedCase = {
      request: request({
        action: 'ecr:BatchGetImage',
        resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`,
        context: { 'aws:PrincipalAccount': ACCOUNT },
      }),
      policies: [identity({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: 'arn:aws:ecr:us-east-1:${aws:PrincipalAccount}:repository/*' })],
    };
    expect(await bothDecide(c)).toEqual({ policygen: 'ImplicitDeny', iamSimulate: 'ImplicitDeny' });
  });

  // IAM User Guide, "IAM policy elements: Variables and tags", principal key values: "not present
  // means that the value is not in the current request information, and any attempt to match it
  // fails and causes the statement to be invalid." A NotResource statement whose variable has no
  // value therefore does not apply; policygen used to apply it to every resource.
  it('a NotResource statement whose variable has no value does not apply', async () => {
    const c: GeneratedCase = {
      request: request(),
      policies: [identity({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::my-bucket/${aws:username}/*' })],
    };
    expect(await bothDecide(c)).toEqual({ policygen: 'ImplicitDeny', iamSimulate: 'ImplicitDeny' });
  });

  // IAM User Guide, "Creating a condition with multiple keys or values": "If the key values in the
  // request resolve to an empty data set …, a condition operator modified by ForAllValues returns
  // true, and a condition operator modified by ForAnyValue returns false." IfExists does not change
  // that: AWS denies ListQueues under "ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "team"}
  // (re:Post question QU9HFmDzP0QGuU-fd7rS6B7w, "ForAnyValue:StringEqualsIfExists behaving
  // unexpectedly"). policygen used to read IfExists first and match.
  it('ForAnyValue with IfExists is false on a missing key', async () => {
    const c: GeneratedCase = {
      request: request(),
      policies: [identity({ ...allowAll, Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } } })],
    };
    expect(await bothDecide(c)).toEqual({ policygen: 'ImplicitDeny', iamSimulate: 'ImplicitDeny' });
    const all = { ...c, policies: [identity({ ...allowAll, Condition: { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': 'team' } } })] };
    expect(await bothDecide(all)).toEqual({ policygen: 'Allow', iamSimulate: 'Allow' });
  });
});
