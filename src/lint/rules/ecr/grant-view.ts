import type { CheckWarning, CheckWarningCode } from '../../../pull';
import { lazyModule } from '../../../model/lazy-module';
import type { RuleHit, StackModel } from '../../types';
import { pullReportOf } from './pull-view';

/** The grantors of check's warnings: loaded with the walk (pull-view.ts), never by a lint of policy files alone. */
const pull = lazyModule<typeof import('../../../pull')>(() => require('../../../pull'));

/**
 * The least-privilege warnings of `policygen check` (src/pull/probes.ts, named-grants.ts), each a
 * lint rule that is a view of the same walk (issue 10 §1): a check warning of the rule's kind is a
 * security warning at the resource whose statement grants it (grantors.ts): the role's inline
 * policy, the AWS::IAM::Policy or customer managed policy attached to the role, the role's
 * ManagedPolicyArns entry of an AWS managed policy, or the endpoint. A warning whose grant the walk
 * cannot place (an instance role policy given on the command line) is reported at the resource it
 * is about. One walk per parsed file, shared with the other views (pull-view.ts).
 */
export function grantHits(stack: StackModel, code: CheckWarningCode): readonly RuleHit[] {
  const report = pullReportOf(stack);
  if (report === undefined) return [];
  const seen = new Set<string>();
  return report.warnings
    .filter((w) => w.code === code)
    .flatMap((warning) => placesOf(stack, warning).map((place) => ({ ...place, message: warning.message, detail: detailOf(warning) })))
    .filter((hit) => {
      const key = `${hit.resource}\u0000${JSON.stringify(hit.path)}\u0000${hit.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Where a warning's grant is written, or the resource it is about. */
function placesOf(stack: StackModel, warning: CheckWarning): readonly { readonly resource?: string; readonly path: readonly (string | number)[] }[] {
  const grantors = pull().grantorsOf(warning);
  if (grantors.length > 0) return grantors.map((g) => ({ resource: g.resource, path: g.path }));
  if (warning.resource === undefined) return [];
  return [{ resource: warning.resource, path: resourcePath(stack, warning.resource) }];
}

/** A CloudFormation resource's path: every resource of a template stands at Resources.ID. */
const resourcePath = (stack: StackModel, id: string): readonly string[] => (stack.format === 'cloudformation' ? ['Resources', id] : []);

/** For inline suppressions, cdk-nag style: the resource the warning is about (`Role::TaskExecutionRole`). */
const detailOf = (warning: CheckWarning): string | undefined => (warning.resource === undefined ? undefined : `Resource::${warning.resource}`);

/** What every BROADER_* rule's description ends with: how it relates to check, and the sources. */
export const GRANT_VIEW_NOTE =
  'A view of the walk of `policygen check` over the same template (its least-privilege warning of the same kind): reported at the ' +
  'resource whose statement grants it, the role, the AWS::IAM::Policy or managed policy attached to it, the role’s ManagedPolicyArns ' +
  'entry of an AWS managed policy, or the endpoint. CloudFormation templates only; nothing where check has nothing to walk. ' +
  'No cfn-guard twin: deciding what a statement allows needs the IAM evaluator. ';
