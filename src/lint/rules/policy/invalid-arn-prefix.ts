import type { PolicyRule, RuleHit } from '../../types';
import { arnFields, resourceValues } from './lib/arn-fields';
import { hit, NO_HITS, showValue } from './lib/support';

export const invalidArnPrefix: PolicyRule<'INVALID_ARN_PREFIX'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_ARN_PREFIX',
    severity: 'error',
    title: 'A resource is neither "*" nor an ARN',
    description:
      'Resource and NotResource hold "*" or ARNs, which start with arn: (Access Analyzer check INVALID_ARN_PREFIX, an error; IAM User Guide, "IAM identifiers"). Values with policy variables at the start are not checked.',
    fix: 'Write the full ARN, e.g. "my-bucket/*" -> "arn:aws:s3:::my-bucket/*".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.resources === undefined && s.notResources === undefined) continue;
      for (const r of resourceValues(s)) {
        const arn = arnFields(r.value);
        if (arn === undefined && r.value !== '*' && !r.value.startsWith('${'))
          (hits ??= []).push(hit(`the resource ${showValue(r.value)} must be "*" or an ARN starting with arn:`, r.path, `Resource::${r.value}`));
      }
    }
    return hits ?? NO_HITS;
  },
};
