import type { PolicyRule } from '../../types';
import { arnFormatHits } from './lib/arn-formats';
import { showValue } from './lib/support';

export const invalidArnResource: PolicyRule<'INVALID_ARN_RESOURCE'> = {
  kind: 'policy',
  meta: {
    code: 'INVALID_ARN_RESOURCE',
    severity: 'error',
    title: "The resource part of an ARN matches none of its service's ARN formats",
    description:
      "The part after the account field must have the shape of one of the service's resource types in the Service Authorization Reference, e.g. " +
      'repository/${RepositoryName} for ecr (Access Analyzer check INVALID_ARN_RESOURCE, an error). A *, ? or ${…} in the value (a policy variable, or a ' +
      'template value known only at deploy) may stand for any text: the value is reported only when nothing it can stand for fits. Services of which ' +
      'the catalog lists no ARN format are not checked.',
    fix: 'Write the resource as its format has it, e.g. "arn:aws:ecr:us-east-1:111122223333:repositories/app" -> "arn:aws:ecr:us-east-1:111122223333:repository/app".',
    source: 'access-analyzer',
    offline: true,
  },
  check(unit, { iam }) {
    return arnFormatHits(unit.view.statements, iam, (match, value) =>
      match.matching.length > 0
        ? undefined
        : `the resource ARN ${showValue(value)} must match an ARN format of its service, such as ${showValue(match.formats[0]?.arn)}`,
    );
  },
};
