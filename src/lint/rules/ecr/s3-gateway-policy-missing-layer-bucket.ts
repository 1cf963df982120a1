import { isRecord } from '../../../model/json';
import { ACCOUNT_CONDITION_KEYS } from '../../../normalize/condition-keys';
import type { EndpointModel, PolicyUnit, RuleHit, StackModel, StackRule, StatementView } from '../../types';
import {
  conditionsOn,
  coversAction,
  coversResource,
  ecrPullEvidence,
  endpointRegion,
  endpointService,
  hasUnknownCondition,
  hasUnknownEntry,
  layerBucketName,
  layerObjectArns,
  statementNamesLayerBucket,
} from './pull-path';
import { pullReportOf } from './pull-view';
import type { CheckReport } from '../../../pull';
import { cite } from '../../../model/aws-sources';

/** Gateway endpoint policies must use Principal "*" (PL); any narrower principal excludes ECR's signer. */
function admitsAnyPrincipal(statement: StatementView): boolean {
  const principal = statement.principal;
  if (principal === undefined || principal === '*') return true;
  if (!isRecord(principal) || Object.values(principal).some(hasUnknownEntry)) return true;
  return statement.principalValues.some((p) => p.type === 'AWS' && p.value === '*');
}

function allowsLayerDownload(unit: PolicyUnit, arns: readonly string[]): boolean {
  const statements = unit.view.statements;
  const allowed = statements.some(
    (s) =>
      s.effect === 'Allow' &&
      coversAction(s, 's3:GetObject') !== 'no' &&
      coversResource(s, arns) !== 'no' &&
      admitsAnyPrincipal(s) &&
      (hasUnknownCondition(s) || conditionsOn(s, ACCOUNT_CONDITION_KEYS).length === 0),
  );
  const denied = statements.some(
    (s) => s.effect === 'Deny' && s.raw['Condition'] === undefined && coversAction(s, 's3:GetObject') === 'yes' && coversResource(s, arns) === 'yes',
  );
  // A Statement or an Effect the reader could not resolve (an intrinsic), or a statement behind an
  // undecided Fn::If, leaves the verdict open.
  const raw = isRecord(unit.document) ? unit.document['Statement'] : undefined;
  const written = Array.isArray(raw) ? raw : [raw];
  const undecidable = written.some((s) => !isRecord(s)) || statements.some((s) => s.effect === undefined || s.conditional);
  return undecidable || (allowed && !denied);
}

/**
 * The layer statement exists but carries an account condition: S3_LAYER_BUCKET_ACCOUNT_CONDITION
 * reports that one (a negated condition, which AWS's accounts satisfy, is not a problem at all).
 */
const layerStatementHasAccountCondition = (unit: PolicyUnit): boolean =>
  unit.view.statements.some((s) => s.effect === 'Allow' && statementNamesLayerBucket(s) && conditionsOn(s, ACCOUNT_CONDITION_KEYS).length > 0);

/**
 * ECR-VPCE "Minimum Amazon S3 bucket permissions": with a policy on the S3 gateway endpoint, image
 * layers download only if it allows s3:GetObject on the Region's layer bucket (docs/aws-facts.md §1 hop 3, §3, §7).
 */
export const s3GatewayPolicyMissingLayerBucket: StackRule<'S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET'> = {
  kind: 'stack',
  meta: {
    code: 'S3_GATEWAY_POLICY_MISSING_LAYER_BUCKET',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'S3 gateway endpoint policy does not allow the ECR layer bucket',
    description:
      'ECR serves image layers from Amazon S3 (prod-REGION-starport-layer-bucket) through the S3 gateway endpoint. When the stack ' +
      'pulls from ECR (an ECR image URI, an execution role granting ecr:BatchGetImage, or an ecr.dkr endpoint) and the S3 gateway ' +
      'endpoint has a policy, that policy must allow s3:GetObject on arn:aws:s3:::prod-REGION-starport-layer-bucket/* for ' +
      'Principal "*" without account or organization conditions; otherwise every pull fails with CannotPullContainerError (403). ' +
      'An endpoint without a policy allows everything (Amazon ECR User Guide, "Minimum Amazon S3 bucket permissions for Amazon ECR"). ' +
      `${cite('ECR-VPCE')}.`,
    fix:
      'Add the statement {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"} ' +
      '(with your Region, e.g. !Sub "arn:aws:s3:::prod-${AWS::Region}-starport-layer-bucket/*"); `policygen s3-gateway-policy` writes it.',
  },
  check(stack) {
    const evidence = ecrPullEvidence(stack);
    if (evidence.length === 0) return [];
    const report = pullReportOf(stack);
    if (report !== undefined) return walkHits(stack, report);
    return stack.endpoints.flatMap((endpoint) => endpointHits(stack, endpoint, evidence[0] ?? ''));
  },
};

/**
 * The view of check's walk: each S3 gateway endpoint whose policy blocks a layer download there
 * (network path through the endpoint, verdict blocked: ECR's signer is always allowed by identity,
 * so the endpoint policy is what refused). Unknown steps are no finding. A refusal by an account
 * condition on the layer statement is S3_LAYER_BUCKET_ACCOUNT_CONDITION's.
 */
function walkHits(stack: StackModel, report: CheckReport): RuleHit[] {
  const blocked = report.steps.filter((s) => s.step === 'layer-download' && s.verdict === 'blocked' && s.network === 'endpoint');
  return stack.endpoints.flatMap((endpoint): RuleHit[] => {
    const step = blocked.find((s) => s.endpointResource === endpoint.resource);
    const policy = endpoint.policy;
    if (step === undefined || policy === undefined || layerStatementHasAccountCondition(policy)) return [];
    return [
      {
        message: `the policy of the S3 gateway endpoint ${endpoint.resource} does not allow s3:GetObject on ${step.resource.replace(/\/[^/]*$/, '/*')} for Principal "*", but ${step.task} pulls from ECR (${step.container}): layer downloads will fail with 403 CannotPullContainerError (${step.reason})`,
        path: policy.path,
        resource: endpoint.resource,
      },
    ];
  });
}

function endpointHits(stack: StackModel, endpoint: EndpointModel, evidence: string): RuleHit[] {
  const policy = endpoint.policy;
  if (endpointService(endpoint) !== 's3' || !endpoint.type.known || endpoint.type.value !== 'Gateway' || policy === undefined) return [];
  const region = stack.region.known ? stack.region.value : endpointRegion(endpoint);
  const resources = policy.view.statements.flatMap((s) => [...(s.resources ?? []), ...(s.notResources ?? [])].map((r) => r.value));
  if (allowsLayerDownload(policy, layerObjectArns(region, resources)) || layerStatementHasAccountCondition(policy)) return [];
  const bucket = region === undefined ? 'prod-REGION-starport-layer-bucket' : layerBucketName(region);
  return [
    {
      message: `the policy of the S3 gateway endpoint ${endpoint.resource} does not allow s3:GetObject on arn:aws:s3:::${bucket}/* for Principal "*", but the stack pulls from ECR (${evidence}): layer downloads will fail with 403 CannotPullContainerError`,
      path: policy.path,
      resource: endpoint.resource,
    },
  ];
}
