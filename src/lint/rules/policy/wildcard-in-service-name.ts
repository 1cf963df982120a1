import type { PolicyRule, RuleHit } from '../../types';
import { arnFields, resourceValues } from './lib/arn-fields';
import { hit, NO_HITS, showValue } from './lib/support';

export const wildcardInServiceName: PolicyRule<'WILDCARD_IN_SERVICE_NAME'> = {
  kind: 'policy',
  meta: {
    code: 'WILDCARD_IN_SERVICE_NAME',
    severity: 'suggestion',
    title: 'The service of a resource ARN holds a wildcard',
    description:
      'A wildcard inside the service of an ARN (arn:aws:*code*::111122223333:*) matches every service with a similar name, today and in the future (Access Analyzer check WILDCARD_IN_SERVICE_NAME, a suggestion). A service of "*" alone is not reported: it says plainly that it means every service.',
    fix: 'Name each service, e.g. "arn:aws:*code*::111122223333:*" -> "arn:aws:codecommit:us-east-1:111122223333:*" and "arn:aws:codebuild:us-east-1:111122223333:*".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.resources === undefined && s.notResources === undefined) continue;
      for (const r of resourceValues(s)) {
        const arn = arnFields(r.value);
        if (arn !== undefined && arn.service !== '*' && (arn.service.includes('*') || arn.service.includes('?')))
          (hits ??= []).push(
            hit(
              `the service ${showValue(arn?.service)} of the resource ARN ${showValue(r.value)} should be named without wildcards`,
              r.path,
              `Resource::${r.value}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
