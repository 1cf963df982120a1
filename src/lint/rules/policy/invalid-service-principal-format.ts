import type { ConditionView, PolicyRule, RuleHit, StatementView, ValueAt } from '../../types';
import { hasWildcard, hit, isLikeOperator, operatorFamily, showValue } from './lib/support';

// `service.amazonaws.com` in lower case, with the DNS suffixes service principals use outside the
// aws partition (IAM User Guide, "AWS service principals"); regional forms such as
// `logs.us-east-1.amazonaws.com` and kms:ViaService's `ec2.us-east-1.amazonaws.com` are more labels.
const SERVICE_PRINCIPAL =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:amazonaws\.com(?:\.cn)?|amazon\.com|api\.aws|aws\.internal|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

/** Keys whose values are service principals (IAM User Guide, global condition keys; IAM and KMS condition keys). */
const SERVICE_PRINCIPAL_KEYS = new Set(
  [
    'aws:PrincipalServiceName',
    'aws:PrincipalServiceNamesList',
    'aws:CalledVia',
    'aws:CalledViaFirst',
    'aws:CalledViaLast',
    'iam:PassedToService',
    'iam:AWSServiceName',
    'kms:ViaService',
  ].map((k) => k.toLowerCase()),
);

const problem = (v: ValueAt): string | undefined =>
  v.value.includes('${') || SERVICE_PRINCIPAL.test(v.value)
    ? undefined
    : `the service principal ${showValue(v.value)} does not match the format service-name.amazonaws.com (lower case, e.g. ecs-tasks.amazonaws.com)`;

export const invalidServicePrincipalFormat: PolicyRule<'INVALID_SERVICE_PRINCIPAL_FORMAT'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A service principal is not written as service-name.amazonaws.com',
    description:
      'Service principals, in Principal.Service and as values of keys such as iam:PassedToService, aws:PrincipalServiceName, ' +
      'aws:CalledVia and kms:ViaService, are lower-case DNS names like ecs-tasks.amazonaws.com (kms:ViaService adds the ' +
      'Region: ecr.us-east-1.amazonaws.com). Access Analyzer check INVALID_SERVICE_PRINCIPAL_FORMAT, an error. Values with ' +
      'wildcards under a Like operator and policy variables are not checked.',
    fix: 'Write the principal in lower case with its domain, e.g. "ECS-Tasks" -> "ecs-tasks.amazonaws.com".',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      for (let pi = 0; pi < s.principalValues.length; pi++) {
        const p = s.principalValues[pi] as ValueAt & { readonly type: string };
        if (p.type !== 'Service') continue;
        const message = problem(p);
        if (message !== undefined) hits.push(hit(message, p.path, `Principal::${p.value}`));
      }
      for (let ci = 0; ci < s.conditions.length; ci++) {
        const c = s.conditions[ci] as ConditionView;
        if (operatorFamily(c.baseOperator) !== 'String' || !SERVICE_PRINCIPAL_KEYS.has(c.key.toLowerCase())) continue;
        const like = isLikeOperator(c.baseOperator);
        for (const v of c.values) {
          if (like && hasWildcard(v.value)) continue;
          const message = problem(v);
          if (message !== undefined) hits.push(hit(`${message} for condition key ${c.key}`, v.path, `Condition::${c.key}::${v.value}`));
        }
      }
    }
    return hits;
  },
};
