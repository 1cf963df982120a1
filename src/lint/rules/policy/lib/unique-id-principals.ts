import type { PolicyUnit, RuleHit } from '../../../types';
import { hit, NO_HITS, showValue } from './support';

/**
 * IAM unique IDs start with a prefix per kind: AROA for roles, AIDA for users (IAM User Guide,
 * "IAM identifiers", unique ID prefixes: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 */
const UNIQUE_ID = { role: /^AROA[A-Z0-9]{12,}$/, user: /^AIDA[A-Z0-9]{12,}$/ } as const;

/** The AWS principals written as the unique ID of a role or a user instead of its ARN. */
export function uniqueIdPrincipalHits(unit: PolicyUnit, kind: keyof typeof UNIQUE_ID): readonly RuleHit[] {
  let hits: RuleHit[] | undefined;
  for (const s of unit.view.statements) {
    for (const p of s.principalValues) {
      if (p.type === 'AWS' && UNIQUE_ID[kind].test(p.value))
        (hits ??= []).push(hit(`the principal ${showValue(p.value)} should be the ${kind}'s ARN rather than its unique ID`, p.path, `Principal::${p.value}`));
    }
  }
  return hits ?? NO_HITS;
}
