import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS } from './lib/support';

export const allowWithNotPrincipal: PolicyRule<'ALLOW_WITH_NOT_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'ALLOW_WITH_NOT_PRINCIPAL',
    severity: 'security_warning',
    title: 'An Allow statement uses NotPrincipal',
    description:
      'Allow with NotPrincipal grants access to every principal not listed, anonymous ones included (Access Analyzer check ' +
      'ALLOW_WITH_NOT_PRINCIPAL, a security warning; IAM User Guide, "AWS JSON policy elements: NotPrincipal").',
    fix: 'Name who may have access with Principal, e.g. "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/x"} -> "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}; keep NotPrincipal for Deny statements.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.effect === 'Allow' && s.notPrincipal !== undefined)
        (hits ??= []).push(
          hit('an Allow statement must name its principals with Principal, received NotPrincipal: it allows everyone else, anonymous users included', [
            ...s.path,
            'NotPrincipal',
          ]),
        );
    }
    return hits ?? NO_HITS;
  },
};
