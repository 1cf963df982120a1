import type { PolicyRule, RuleHit } from '../../types';
import { hasWildcard, hit, NO_HITS, showValue } from './lib/support';

export const unsupportedWildcardInPrincipal: PolicyRule<'UNSUPPORTED_WILDCARD_IN_PRINCIPAL'> = {
  kind: 'policy',
  meta: {
    code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    severity: 'error',
    title: 'A principal value has a wildcard',
    description:
      'Principal values name principals exactly: "*" alone (or {"AWS": "*"}) means everyone, but a wildcard inside a value ' +
      '(arn:aws:iam::111122223333:role/app-*, arn:aws:sts::111122223333:assumed-role/app/*) is not supported (Access Analyzer ' +
      'check UNSUPPORTED_WILDCARD_IN_PRINCIPAL, an error; IAM User Guide, "AWS JSON policy elements: Principal").',
    fix: 'Name the principals, or use "Principal": {"AWS": "*"} with a condition, e.g. "StringLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app-*"}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      for (const p of s.principalValues) {
        if (p.type === '*' || (p.type === 'AWS' && p.value === '*') || !hasWildcard(p.value)) continue;
        (hits ??= []).push(
          hit(
            `the ${p.type} principal ${showValue(p.value)} must not hold a wildcard: name the principal, or use "*" with an aws:PrincipalArn condition`,
            p.path,
            `Principal::${p.value}`,
          ),
        );
      }
    }
    return hits ?? NO_HITS;
  },
};
