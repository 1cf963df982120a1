import type { PolicyRule, RuleHit } from '../../types';
import { arnFields, resourceValues } from './lib/arn-fields';
import { hit, NO_HITS, showValue } from './lib/support';

export const invalidArnServiceCase: PolicyRule<'INVALID_ARN_SERVICE_CASE'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_ARN_SERVICE_CASE',
    severity: 'error',
    title: 'The service in a resource ARN is not lower case',
    description:
      'Service prefixes in ARNs are lower case: arn:aws:s3:::bucket, not arn:aws:S3:::bucket (Access Analyzer check INVALID_ARN_SERVICE_CASE, an error).',
    fix: 'Lower-case the service, e.g. "arn:aws:ECR:…" -> "arn:aws:ecr:…".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.resources === undefined && s.notResources === undefined) continue;
      for (const r of resourceValues(s)) {
        const arn = arnFields(r.value);
        if (arn !== undefined && arn.service !== arn.service.toLowerCase())
          (hits ??= []).push(
            hit(`the service ${showValue(arn?.service)} in the resource ARN ${showValue(r.value)} must be lower case`, r.path, `Resource::${r.value}`),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
