import { readFileSync } from 'node:fs';
import type { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1 } from 'aws-cdk-lib';
import { checkTemplate, type CheckOptions, type CheckStep } from '../check';
import { ECR_RULES } from '../lint/rules/ecr';
import { PolicygenInputError } from '../model/errors';
import { readCloudFormation } from '../template/cloudformation';
import { parseJsonSource } from '../template/source/json-source';
import type { SourceFile } from '../template/types';

export interface PolicygenValidatorProps extends Pick<CheckOptions, 'region' | 'accountId' | 'internet'> {
  /** Report steps check cannot decide (exit 4 of `policygen check`) as violations too. Default false. */
  readonly failOnUnknown?: boolean;
}

/**
 * The CDK policy-validation plugin (issue 10 §4): at `cdk synth`, `policygen check` walks the image
 * pulls of every synthesized stack (read together, so cross-stack references resolve) and lint's
 * ECR-over-PrivateLink stack rules run on each template. A blocked step is a violation at the
 * resource that blocks it (the endpoint, else the task definition); a lint ECR finding one at its
 * resource. Templates with no task pulling from ECR have nothing to walk.
 *
 * @example
 * Validations.of(app).addPlugins(new PolicygenValidator({ region: 'eu-west-1' }));
 */
export class PolicygenValidator implements IPolicyValidationPluginBeta1 {
  readonly name = 'policygen';

  constructor(private readonly props: PolicygenValidatorProps = {}) {}

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const sources = context.templatePaths.map((path) => parseJsonSource(path, readFileSync(path, 'utf8')));
    const violations = [...this.lintViolations(sources), ...this.checkViolations(sources)];
    return { success: violations.length === 0, violations };
  }

  private checkViolations(sources: readonly SourceFile[]): PolicyViolationBeta1[] {
    if (sources.length === 0) return [];
    let steps: readonly CheckStep[];
    try {
      const { failOnUnknown: _unused, ...options } = this.props;
      steps = checkTemplate(sources, options).steps;
    } catch (error) {
      // Nothing to check (no image from ECR) is not a violation; a policy the evaluator refuses is lint's.
      if (error instanceof PolicygenInputError) return [];
      throw error;
    }
    const reported = steps.filter((s) => s.verdict === 'blocked' || (this.props.failOnUnknown === true && s.verdict === 'unknown'));
    return reported.map((step) => {
      const resource = step.endpointResource ?? step.task;
      return {
        ruleName: `policygen-check-${step.verdict}`,
        description: `${step.action} (${step.step} of container ${step.container} of ${step.task}) is ${step.verdict}: ${step.reason}`,
        ...(step.hint !== undefined ? { fix: step.hint } : {}),
        severity: step.verdict === 'blocked' ? 'error' : 'warning',
        violatingResources: [{ resourceLogicalId: resource, templatePath: templateOf(sources, resource), locations: [] }],
      };
    });
  }

  private lintViolations(sources: readonly SourceFile[]): PolicyViolationBeta1[] {
    const options = {
      ...(this.props.region !== undefined ? { region: this.props.region } : {}),
      ...(this.props.accountId !== undefined ? { accountId: this.props.accountId } : {}),
    };
    return sources.flatMap((source) => {
      const stack = readCloudFormation(source, options);
      return ECR_RULES.flatMap((rule) =>
        rule.kind !== 'stack'
          ? []
          : rule.check(stack).map((hit) => ({
              ruleName: rule.meta.code,
              description: hit.message,
              fix: rule.meta.fix,
              severity: rule.meta.severity,
              violatingResources: [{ resourceLogicalId: hit.resource ?? '', templatePath: source.file, locations: [hit.path.join('/')] }],
            })),
      );
    });
  }
}

/** The template that declares a logical ID (the first one given when none does). */
function templateOf(sources: readonly SourceFile[], id: string): string {
  const declaring = sources.find((s) => {
    const resources = (s.data as { Resources?: Record<string, unknown> } | null)?.Resources;
    return resources !== undefined && Object.prototype.hasOwnProperty.call(resources, id);
  });
  return (declaring ?? sources[0]!).file;
}
