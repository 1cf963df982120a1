import type { PolicyRule, RuleHit, StatementView } from '../../types';
import { starGrant } from './lib/star-grants';
import { hit, showValue } from './lib/support';

export const CREATE_SLR_PROBE = 'role/aws-service-role/zq-policygen-probe.amazonaws.com/AWSServiceRoleForZqProbe';

export const createSlrWithStarInResource: PolicyRule<'CREATE_SLR_WITH_STAR_IN_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    severity: 'warning',
    title: 'iam:CreateServiceLinkedRole is allowed for any service',
    description:
      'An Allow statement with the action iam:CreateServiceLinkedRole on "*" (or on any role under aws-service-role/) can ' +
      'create unintended service-linked roles (Access Analyzer check CREATE_SLR_WITH_STAR_IN_RESOURCE, a general warning). ' +
      'Not reported when an iam:AWSServiceName condition names the services.',
    fix: 'Scope it to the service, e.g. "Resource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS*", or add "Condition": {"StringEquals": {"iam:AWSServiceName": "ecs.amazonaws.com"}}.',
  },
  check(unit) {
    const hits: RuleHit[] = [];
    const statements = unit.view.statements;
    for (let si = 0; si < statements.length; si++) {
      const s = statements[si] as StatementView;
      const grant = starGrant(s, 'iam:createservicelinkedrole', CREATE_SLR_PROBE, 'iam:AWSServiceName');
      if (grant === undefined || grant.literalActions.length === 0) continue;
      for (const r of grant.openResources) {
        hits.push(
          hit(
            `iam:CreateServiceLinkedRole must name the service-linked roles it may create, received the resource ${showValue(r.value)}`,
            r.path,
            `Resource::${r.value}`,
          ),
        );
      }
    }
    return hits;
  },
};
