import type { PolicyRule, RuleHit } from '../../types';
import { globMatches, globOf, tokenize } from '../../../simulate/pattern';
import { hit, NO_HITS, showValue } from './lib/support';

/**
 * "The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity,
 * and sts:TagSession permissions to assume a role" (IAM User Guide, "IAM policy validation check
 * reference", https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html;
 * IAM Roles Anywhere User Guide, "Trust model").
 */
const ROLES_ANYWHERE_PRINCIPAL = 'rolesanywhere.amazonaws.com';
const ROLES_ANYWHERE_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] as const;

/** An Action value as the evaluator matches it: `*` and `?` wildcards, case-insensitive. */
const globOfAction = (value: string) => globOf(tokenize(value, { wildcards: true, variables: false }), true);

export const missingActionForRolesAnywhereTrustPolicy: PolicyRule<'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY'> = {
  kind: 'policy',
  meta: {
    code: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    severity: 'error',
    source: 'access-analyzer',
    offline: true,
    title: 'A trust policy of IAM Roles Anywhere lacks an action it needs',
    description:
      'IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession to assume a role; a statement trusting ' +
      'rolesanywhere.amazonaws.com without one of them lets no credentials out (Access Analyzer check ' +
      'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY, an error). Wildcards count (sts:* grants all three). Runs on role trust policies.',
    fix: 'Grant the three actions, e.g. "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"].',
  },
  appliesTo: ['trust'],
  check(unit) {
    let hits: RuleHit[] | undefined;
    for (const s of unit.view.statements) {
      if (s.effect !== 'Allow' || s.actions === undefined) continue;
      if (!s.principalValues.some((p) => p.type === 'Service' && p.value.toLowerCase() === ROLES_ANYWHERE_PRINCIPAL)) continue;
      const globs = s.actions.map((a) => globOfAction(a.value));
      const missing = ROLES_ANYWHERE_ACTIONS.filter((action) => !globs.some((g) => globMatches(g, action.toLowerCase())));
      if (missing.length > 0)
        (hits ??= []).push(
          hit(
            `a statement trusting ${ROLES_ANYWHERE_PRINCIPAL} must grant ${ROLES_ANYWHERE_ACTIONS.join(', ')}, missing ${missing.map((m) => showValue(m)).join(', ')}`,
            [...s.path, 'Action'],
          ),
        );
    }
    return hits ?? NO_HITS;
  },
};
