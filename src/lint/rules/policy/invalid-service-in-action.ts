import type { PolicyRule, RuleHit, StatementView, ValueAt } from '../../types';
import { actionStatus } from './lib/action-status';
import { hit, showValue, splitAction } from './lib/support';

export const invalidServiceInAction: PolicyRule<'INVALID_SERVICE_IN_ACTION'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_SERVICE_IN_ACTION',
    severity: 'error',
    title: 'The service prefix of the action does not exist',
    description:
      'The part before the colon of an Action or NotAction value must be a service prefix of the Service Authorization ' +
      'Reference (Access Analyzer check INVALID_SERVICE_IN_ACTION, an error). Common slips: "ecr-api", "cloudwatchlogs" ' +
      '(the prefix is "logs"), "secretmanager"; prefixes of retired services (deepracer, mobilehub, iot1click) are also gone.',
    fix: 'Use the service prefix, e.g. "cloudwatchlogs:PutLogEvents" -> "logs:PutLogEvents".',
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
          if (actionStatus(iam, a.value) !== 'unknown-service') continue;
          const service = splitAction(a.value)?.service ?? a.value;
          hits.push(hit(`the service ${showValue(service)} in action ${showValue(a.value)} does not exist`, a.path, `Action::${a.value}`));
        }
      }
    }
    return hits;
  },
};
