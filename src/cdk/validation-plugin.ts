import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1 } from 'aws-cdk-lib';
import { checkTemplate, type CheckOptions, type CheckStep } from '../check';
import { ECR_RULES } from '../lint/rules/ecr';
import { formatIssue, PolicygenInputError } from '../model/errors';
import { readCloudFormation } from '../template/cloudformation';
import { cdkAssetFiles, isCdkAssetManifest } from '../template/cdk-out';
import { expandNestedStacks, type ExpandedSource, type NestedTemplateReader } from '../template/nested-stacks';
import { parseTemplate } from '../template/parse-template';
import { parseJsonSource } from '../template/source/json-source';
import type { JsonPath, SourceFile } from '../template/types';

export interface PolicygenValidatorProps extends Pick<CheckOptions, 'region' | 'accountId' | 'internet'> {
  /** Report steps check cannot decide (exit 4 of `policygen check`) as violations too. Default false. */
  readonly failOnUnknown?: boolean;
}

/**
 * The CDK policy-validation plugin (issue 10 §4): at `cdk synth`, `policygen check` walks the image
 * pulls of every synthesized stack (read together, so cross-stack references resolve) and lint's
 * ECR-over-PrivateLink stack rules run on each template. A blocked step is a violation at the
 * resource that blocks it (the endpoint, else the task definition); a lint ECR finding one at its
 * resource. Templates with no task pulling from ECR have nothing to walk. A NestedStack's template
 * (a file asset of its parent) is inlined into the parent (src/template/nested-stacks.ts), and a
 * violation inside it names the nested template.
 *
 * @example
 * Validations.of(app).addPlugins(new PolicygenValidator({ region: 'eu-west-1' }));
 */
export class PolicygenValidator implements IPolicyValidationPluginBeta1 {
  readonly name = 'policygen';

  constructor(private readonly props: PolicygenValidatorProps = {}) {}

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    // The assembly lists its stacks only; a NestedStack's template is a file asset of its parent
    // (`*.nested.template.json`), found through the asset manifests beside it, as check --cdk-out does.
    let sources: SourceFile[];
    try {
      sources = context.templatePaths.map((path) => expandNestedStacks(parseJsonSource(path, readFileSync(path, 'utf8')), readNested, assetsBeside(path)));
    } catch (error) {
      if (!(error instanceof PolicygenInputError)) throw error;
      return { success: false, violations: inputViolations(error) };
    }
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
              violatingResources: [{ resourceLogicalId: hit.resource ?? '', templatePath: fileOf(source, hit.path), locations: [hit.path.join('/')] }],
            })),
      );
    });
  }
}

/** The template that declares a logical ID (the first one given when none does); a nested stack's own template for its resources. */
function templateOf(sources: readonly SourceFile[], id: string): string {
  const declaring = sources.find((s) => {
    const resources = (s.data as { Resources?: Record<string, unknown> } | null)?.Resources;
    return resources !== undefined && Object.prototype.hasOwnProperty.call(resources, id);
  });
  return declaring === undefined ? sources[0]!.file : fileOf(declaring, ['Resources', id]);
}

/** The file a path of a template comes from: a nested stack's template for what was inlined from it. */
const fileOf = (source: SourceFile, path: JsonPath): string => ('origin' in source ? (source as ExpandedSource).origin(path).file : source.file);

/** A nested stack's template, beside its parent; undefined when it is not there. */
const readNested: NestedTemplateReader = (location, from) => {
  const path = join(dirname(from.file), location);
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  return parseTemplate(readFileSync(path, 'utf8'), path);
};

/** The file assets of the asset manifests in a template's folder (the cloud assembly), by S3 object key. */
function assetsBeside(templatePath: string): Map<string, string> {
  const dir = dirname(templatePath);
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).filter(isCdkAssetManifest).sort()) {
    for (const [key, path] of cdkAssetFiles(readFileSync(join(dir, name), 'utf8'))) if (!out.has(key)) out.set(key, path);
  }
  return out;
}

/** A nested stack whose template is missing (or nests itself): one violation per problem, at the parent's nested stack. */
function inputViolations(error: PolicygenInputError): PolicyViolationBeta1[] {
  return error.issues.map((issue) => ({
    ruleName: 'policygen-input-error',
    description: formatIssue(issue),
    severity: 'error',
    violatingResources:
      issue.location !== undefined
        ? [{ resourceLogicalId: '', templatePath: issue.location.file, locations: [`${issue.location.line}:${issue.location.column}`] }]
        : [],
  }));
}
