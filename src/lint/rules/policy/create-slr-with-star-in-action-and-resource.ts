import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { CREATE_SLR_PROBE } from './create-slr-with-star-in-resource';
import { starGrant } from './lib/star-grants';
import { hit, showValue } from './lib/support';

export const createSlrWithStarInActionAndResource: PolicyRule<'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
    severity: 'warning',
    title: 'A wildcard action allows iam:CreateServiceLinkedRole for any service',
    description:
      'An Allow statement whose Action wildcard covers iam:CreateServiceLinkedRole ("*", "iam:*", "iam:Create*") with a ' +
      'Resource of "*" allows creating any service-linked role (Access Analyzer check ' +
      'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE, a general warning). Not reported with an iam:AWSServiceName condition.',
    fix: 'List the actions needed instead of the wildcard; grant iam:CreateServiceLinkedRole separately with an iam:AWSServiceName condition.',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      const grant = starGrant(s, 'iam:createservicelinkedrole', CREATE_SLR_PROBE, 'iam:AWSServiceName');
      if (grant === undefined) continue;
      for (const a of grant.wildcardActions) {
        hits.push(hit(`the action ${showValue(a.value)} allows iam:CreateServiceLinkedRole for any service`, a.path, `Action::${a.value}`));
      }
    }
    return hits;
  },
};
