import { ADVISORIES } from '../generate/advisories';
import { cite } from '../model/aws-sources';
import { PULL_THROUGH_CACHE_ACTIONS } from '../model/pull-through-cache';
import type { EvaluationResult } from '../simulate';
import { formatDeciders } from './explain';
import type { Hop } from './hops';
import type { ContainerFacts, PullThroughCacheRuleFacts, StackFacts, TaskFacts } from './stack-facts';
import { hasSymbol } from './symbols';
import type { CheckStep } from './types';

/**
 * Steps whose requests the policies allow but whose answer still depends on a fetch from outside
 * AWS, which the input cannot tell will happen: the first pull through an ECR pull through cache rule
 * (ECR fetches the image from the upstream registry) and the foreign base layers of a Windows image
 * (fetched from Microsoft). Both need an internet path from the VPC; without one the step is
 * unknown, never blocked, since the image may already be cached, or pushed with its foreign layers.
 */

/** Evaluates another action of the same hop, with the same caller, context and policies. */
export type EvaluateAction = (action: string) => EvaluationResult;

/**
 * The pull through cache rule of the stack whose repository prefix the image's repository is under
 * (`PREFIX/…`), when the image is in the stack's own registry (a rule fills its own account's
 * registry, in its Region). A prefix known only at deploy time may be any: such a rule matches too.
 */
function pullThroughCacheRuleOf(container: ContainerFacts, stack: StackFacts): PullThroughCacheRuleFacts | undefined {
  const image = container.ecr;
  if (image === undefined) return undefined;
  const other = (a: string, b: string) => !hasSymbol(a) && !hasSymbol(b) && a !== b;
  if (other(image.account, stack.account) || other(image.region, stack.region)) return undefined;
  return (
    stack.pullThroughCacheRules.find((r) => !hasSymbol(r.prefix) && image.repository.startsWith(`${r.prefix}/`)) ??
    stack.pullThroughCacheRules.find((r) => hasSymbol(r.prefix))
  );
}

// ECR-VPCE, "Considerations": over PrivateLink, the first pull through a cache rule needs a NAT
// gateway in the VPC; later pulls do not. The advisory states it once for generated plans.
const FIRST_PULL_NEEDS_INTERNET = ADVISORIES['pull-through-cache-needs-internet'].text.split(',')[0]!;
// ECR-PTC: besides the pull, the import action, and CreateRepository while the cached repository does not exist.
const [IMPORT_ACTION, CREATE_ACTION] = PULL_THROUGH_CACHE_ACTIONS;

/**
 * The manifest step of an image under a pull through cache rule, once its pull actions are allowed:
 * - no internet path from the task: unknown (a cached image needs only the endpoints; a first pull
 *   needs the internet path);
 * - an internet path and the policies on the hop allow ecr:BatchImportUpstreamImage and
 *   ecr:CreateRepository on the repository: allowed;
 * - an internet path without that grant: unknown, for the private registry permissions policy, which
 *   the input does not hold, may grant them (ECR-PTC).
 */
function firstPullThroughCache(
  allowed: CheckStep,
  rule: PullThroughCacheRuleFacts,
  image: string,
  internet: boolean,
  evaluateAction: EvaluateAction,
): CheckStep {
  const under = `${image} is under the pull through cache rule ${rule.resource} (prefix ${hasSymbol(rule.prefix) ? 'known only at deploy time' : rule.prefix})`;
  const grant = `${IMPORT_ACTION} (and ${CREATE_ACTION} while the cached repository does not exist), from the execution role or the private registry permissions policy (${cite('ECR-PTC')})`;
  if (!internet) {
    return {
      ...allowed,
      verdict: 'unknown',
      allowed: null,
      reason: `${allowed.reason}; but ${under}: once the image is cached the endpoints suffice, while its first pull makes ECR fetch it from the upstream registry. ${FIRST_PULL_NEEDS_INTERNET}, and the task has no internet path (${cite('ECR-VPCE')}); it also needs ${grant}. Whether the image is already cached is not in the input`,
      hint: 'route the task subnets to a NAT gateway (pass --internet when they have one in a stack not given), or pull the image once from a network that has one; grant ecr:BatchImportUpstreamImage and ecr:CreateRepository (policygen registry-policy writes the registry permissions policy)',
    };
  }
  const results = PULL_THROUGH_CACHE_ACTIONS.map((action) => ({ action, result: evaluateAction(action) }));
  const refused = results.filter((r) => r.result.decision !== 'Allow').map((r) => r.action);
  if (refused.length === 0) {
    return {
      ...allowed,
      decidedBy: [...new Set([...allowed.decidedBy, ...results.flatMap((r) => formatDeciders(r.result))])],
      reason: `${allowed.reason}; ${under}, and a first pull can reach the upstream registry over the internet path, with ${PULL_THROUGH_CACHE_ACTIONS.join(' and ')} allowed on the repository`,
    };
  }
  return {
    ...allowed,
    verdict: 'unknown',
    allowed: null,
    reason: `${allowed.reason}; but ${under}, and a first pull needs ${grant}: the policies in the input do not allow ${refused.join(' or ')}, and the private registry permissions policy, not in the input, may. Whether the image is already cached is not in the input either`,
    hint: `grant ${refused.join(' and ')} on the repository to the execution role, or through the registry permissions policy (policygen registry-policy writes it)`,
  };
}

/**
 * The layer download of a Windows task without an internet path, once the layers ECR holds are
 * allowed: unknown, for the image's foreign base layers come from Microsoft unless the image was
 * pushed with non-distributable artifacts allowed, which the input does not tell (ECR-VPCE,
 * "Considerations for Windows images"; the advisory states the fact once).
 */
function windowsForeignLayers(allowed: CheckStep, task: TaskFacts, internet: boolean): CheckStep {
  if (!task.windows || internet) return allowed;
  return {
    ...allowed,
    verdict: 'unknown',
    allowed: null,
    reason: `${allowed.reason} for the layers Amazon ECR holds; but ${task.resource} runs Windows and has no internet path: ${ADVISORIES['windows-foreign-layers'].text.split(': ')[0]}. How the image was pushed is not in the input (${cite('ECR-VPCE')})`,
    hint: 'push the image with non-distributable artifacts allowed (its foreign layers then live in Amazon ECR), or route the task subnets to a NAT gateway (pass --internet when they have one in a stack not given)',
  };
}

/** Applies the caveats above to a step the policies allow. */
export function upstreamCaveats(
  allowed: CheckStep,
  hop: Hop,
  task: TaskFacts,
  container: ContainerFacts,
  stack: StackFacts,
  internet: boolean,
  evaluateAction: EvaluateAction,
): CheckStep {
  if (hop.step === 'layer-download') return windowsForeignLayers(allowed, task, internet);
  if (hop.step !== 'manifest') return allowed;
  const rule = pullThroughCacheRuleOf(container, stack);
  return rule === undefined ? allowed : firstPullThroughCache(allowed, rule, container.image, internet, evaluateAction);
}
