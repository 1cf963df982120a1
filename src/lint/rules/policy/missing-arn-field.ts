import type { PolicyRule, RuleHit } from '../../types';
import { arnFields, isOpenField, resourceValues } from './lib/arn-fields';
import { hit, NO_HITS, showValue } from './lib/support';

export const missingArnField: PolicyRule<'MISSING_ARN_FIELD'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_ARN_FIELD',
    severity: 'error',
    title: 'A resource ARN has fewer than six fields',
    description:
      'An ARN has six colon-separated fields, arn:partition:service:region:account-id:resource, some of which may be empty (arn:aws:s3:::bucket) (Access Analyzer check MISSING_ARN_FIELD, an error). ARNs with wildcards are not checked: a * may stand for several fields.',
    fix: 'Write every field, keeping empty ones, e.g. "arn:aws:s3:bucket" -> "arn:aws:s3:::bucket".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.resources === undefined && s.notResources === undefined) continue;
      for (const r of resourceValues(s)) {
        const arn = arnFields(r.value);
        if (arn !== undefined && arn.resource === undefined && !isOpenField(r.value))
          (hits ??= []).push(
            hit(
              `the resource ARN ${showValue(r.value)} must have the six fields arn:partition:service:region:account-id:resource`,
              r.path,
              `Resource::${r.value}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
