import type { PolicyRule, RuleHit } from '../../types';
import { isSystemIdKey } from './lib/system-id-keys';
import { ENDPOINT_POLICY_TYPES, hit, operatorFamily, showValue } from './lib/support';
import { AWS_SOURCES } from '../../../model/aws-sources';

const MIN_LITERALS = 6;

const isWildcard = (c: number): boolean => c === 42 /* * */ || c === 63; /* ? */

/** The first wildcard of `value` with fewer than six literal characters both right before and right after it. */
export function looseWildcard(value: string): number | undefined {
  for (let i = 0; i < value.length; i++) {
    if (!isWildcard(value.charCodeAt(i))) continue;
    let before = 0;
    for (let j = i - 1; j >= 0 && !isWildcard(value.charCodeAt(j)); j--) before++;
    let after = 0;
    for (let j = i + 1; j < value.length && !isWildcard(value.charCodeAt(j)); j++) after++;
    if (before < MIN_LITERALS && after < MIN_LITERALS) return i;
  }
  return undefined;
}

export const vpceWildcardNeedsSixLiterals: PolicyRule<'VPCE_WILDCARD_NEEDS_SIX_LITERALS'> = {
  kind: 'policy',
  meta: {
    code: 'VPCE_WILDCARD_NEEDS_SIX_LITERALS',
    severity: 'error',
    source: 'policygen',
    offline: true,
    title: 'A wildcard in an endpoint policy condition has fewer than six literal characters around it',
    description:
      'In endpoint policies, string condition operators need at least six consecutive literal characters before or after ' +
      `each wildcard (AWS PrivateLink Guide, endpoint policy considerations, ${AWS_SOURCES.PL.url}): "arn:aws:iam::*:role/app-*" ` +
      'passes, "o-a*" does not. Keys holding system-generated IDs take no wildcard at all (VPCE_WILDCARD_ON_SYSTEM_ID_KEY).',
    fix: 'Lengthen the literal part, e.g. "team-*" -> "team-payments-*", or list the values in full.',
  },
  appliesTo: ENDPOINT_POLICY_TYPES,
  check(unit) {
    const hits: RuleHit[] = [];
    for (const s of unit.view.statements) {
      for (const c of s.conditions) {
        // Only the Like operators read * and ? as wildcards; system-ID keys have their own rule.
        if (operatorFamily(c.baseOperator) !== 'String' || !c.baseOperator.endsWith('Like') || isSystemIdKey(c.key)) continue;
        for (const v of c.values) {
          const at = looseWildcard(v.value);
          if (at === undefined) continue;
          hits.push(
            hit(
              `the wildcard at character ${at + 1} of ${showValue(v.value)} (condition key ${c.key}) must have at least ${MIN_LITERALS} literal characters right before or after it`,
              v.path,
              `Condition::${c.key}::${v.value}`,
            ),
          );
        }
      }
    }
    return hits;
  },
};
