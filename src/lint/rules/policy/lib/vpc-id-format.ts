/**
 * The VPC and VPC endpoint IDs Access Analyzer accepts in aws:SourceVpc and aws:SourceVpce: "the
 * prefix 'vpc-' [or 'vpce-'] followed by 8 or 17 alphanumeric characters" (IAM User Guide, "IAM policy
 * validation check reference", Error – Invalid vpc format / Invalid vpce format,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). Looser
 * than the lower-case hex IDs EC2 issues (src/model/ids.ts), which policygen's own inputs must be.
 */
import type { PolicyRule, RuleHit } from '../../../types';
import { conditionValueHits, hasWildcard, hit, operatorFamily, showValue } from './support';

/** One rule per key: its code, the key and the ID prefix. */
export function idFormatRule<Code extends string>(
  code: Code,
  key: 'aws:SourceVpc' | 'aws:SourceVpce',
  prefix: 'vpc-' | 'vpce-',
  example: string,
): PolicyRule<Code> {
  const format = new RegExp(`^${prefix}(?:[A-Za-z0-9]{8}|[A-Za-z0-9]{17})$`);
  const lowerKey = key.toLowerCase();
  const what = prefix === 'vpc-' ? 'VPC' : 'VPC endpoint';
  return {
    kind: 'policy',
    meta: {
      code,
      severity: 'error',
      source: 'access-analyzer',
      offline: true,
      title: `An ${key} value is not a ${what} ID`,
      description:
        `A value of ${key} must be "${prefix}" followed by 8 or 17 alphanumeric characters, e.g. ${example}; anything else matches no ` +
        `request (Access Analyzer check ${code}, an error). Values with a wildcard or a policy variable are not judged.`,
      fix: `Use the ID as the console shows it, e.g. "${prefix}ecr" -> "${example}".`,
    },
    check(unit) {
      return conditionValueHits(unit.view.statements, (c, v): RuleHit | undefined =>
        c.key.toLowerCase() === lowerKey &&
        operatorFamily(c.baseOperator) === 'String' &&
        !hasWildcard(v.value) &&
        !v.value.includes('${') &&
        !format.test(v.value)
          ? hit(`the value of ${key} must be "${prefix}" and 8 or 17 alphanumeric characters, received ${showValue(v.value)}`, v.path)
          : undefined,
      );
    },
  };
}
