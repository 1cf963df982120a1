import type { PolicyRule, RuleHit } from '../../types';
import { hit, NO_HITS, showValue } from './lib/support';

export const duplicateKeysWithDifferentCase: PolicyRule<'DUPLICATE_KEYS_WITH_DIFFERENT_CASE'> = {
  kind: 'policy',
  meta: {
    code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    severity: 'error',
    title: 'A condition operator names one key twice in different case',
    description:
      'Condition key names are case-insensitive, so aws:SourceVpce and aws:sourcevpce under one operator are the same key ' +
      'given twice; which values apply is not what either line says (Access Analyzer check DUPLICATE_KEYS_WITH_DIFFERENT_CASE, an error).',
    fix: 'Keep one spelling and merge the values, e.g. {"aws:SourceVpce": "vpce-1a2b3c4d", "aws:sourcevpce": "vpce-5e6f7a8b"} -> {"aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-5e6f7a8b"]}.',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      const conditions = s.conditions;
      if (conditions.length < 2) continue;
      const seen = new Map<string, string>();
      for (const c of conditions) {
        const id = `${c.operator}\u0000${c.key.toLowerCase()}`;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, c.key);
        else
          (hits ??= []).push(
            hit(
              `the condition key ${showValue(c.key)} must appear once under ${c.operator}, it repeats ${showValue(first)} in another case`,
              c.path,
              `Condition::${c.key}`,
            ),
          );
      }
    }
    return hits ?? NO_HITS;
  },
};
