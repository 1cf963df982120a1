import type { SourceFile } from '../template/types';
import { isTerraformPlanData, terraformPlanAsTemplate, type PlanTemplate } from '../template/terraform-as-template';
import { PolicygenInputError } from '../model/errors';
import { booleanArg, checkArgs, describeValue, fieldsArg, isPlainRecord, listArg, objectArg, stringArg } from '../model/validate-args';
import { repositoryArn } from './ecr-image';
import { runHop } from './hop-runner';
import { hopsOf, ownHops } from './hops';
import { publicRegistrySteps } from './public-registry';
import { leastPrivilegeWarnings, type ProbeSubject } from './probes';
import { namedGrantWarnings } from './named-grants';
import { combineTemplates } from './stack-set';
import { readStackFacts, type RoleFacts, type StackFacts, type TaskFacts } from './stack-facts';
import { hasSymbol } from './symbols';
import { terraformWarning, terraformWording } from './terraform-wording';
import type { CheckedContainer, CheckOptions, CheckReport, CheckStep, CheckWarning } from './types';

/** The endpoints the ECS container agent on EC2 instances needs (policygen docs/aws-facts.md §2); not hops of the pull. */
const EC2_AGENT_SERVICES = ['ecs', 'ecs-agent', 'ecs-telemetry'];

/**
 * Walks every hop of every ECR image pull of a CloudFormation template (policygen docs/aws-facts.md §1) and evaluates
 * each request against the policies on its path, offline. Pure: the caller parses the file.
 * Throws PolicygenInputError when there is nothing to check (no task definition pulls from ECR),
 * when --region or --account is malformed, or when a policy cannot be evaluated.
 *
 * @example
 * const report = checkTemplate(parseYamlSource('stack.yaml', text), { region: 'eu-west-1', accountId: '111122223333' });
 * report.steps.filter((s) => s.verdict === 'blocked') // what would fail at deploy, with reason and hint
 */
export function checkTemplate(input: SourceFile | readonly SourceFile[], options: CheckOptions = {}): CheckReport {
  const sources = Array.isArray(input) ? (input as readonly SourceFile[]) : [input as SourceFile];
  checkArgs(
    Array.from(sources).every(isSourceFile)
      ? undefined
      : { field: 'source', expected: 'be a SourceFile, or a list of them, as parseTemplate(text, file) returns it', received: describeValue(input) },
    objectArg(options, 'options'),
    fieldsArg(options, {
      region: (v, f) => stringArg(v, f, true),
      accountId: (v, f) => stringArg(v, f, true),
      allowUnlistedRegion: booleanArg,
      internet: booleanArg,
      parameters: (v, f) => objectArg(v, f, true),
      instanceRolePolicy: (v, f) => objectArg(v, f, true),
      repositoryPolicies: (v, f) =>
        listArg(
          v,
          f,
          (e, ef) =>
            objectArg(e, ef) ??
            (isPlainRecord(e) ? (stringArg(e['repositoryArn'], `${ef}.repositoryArn`, true) ?? stringArg(e['file'], `${ef}.file`, true)) : undefined),
          true,
        ),
    }),
  );
  if (sources.length === 0) throw new PolicygenInputError([{ field: 'template', received: 'no template', expected: 'be given at least once' }]);
  // Terraform plans are lowered to the template shape the walk reads; their provider's Region is the stack's unless --region says otherwise.
  const inputs = sources.map((s) => (isTerraformPlanData(s.data) ? terraformPlanAsTemplate(s) : s));
  const plans = inputs.filter((s): s is PlanTemplate => 'terraformPlan' in s);
  const planRegions = [...new Set(plans.flatMap((p) => (p.region !== undefined ? [p.region] : [])))];
  if (options.region === undefined && planRegions.length === 1) options = { ...options, region: planRegions[0]! };
  const source = inputs.length === 1 && options.parameters === undefined ? inputs[0]! : combineTemplates(inputs, options.parameters);
  const stack = readStackFacts(source, options);
  const warnings = new Warnings(stack.warnings);
  const warn = (w: CheckWarning) => warnings.add(w);

  const steps: CheckStep[] = [];
  const subjects: ProbeSubject[] = [];
  const tasks = new Set<string>();
  const containers: CheckedContainer[] = [];
  const roleSteps = new Map<RoleFacts, CheckStep[]>();
  const fromParameters: ImageFromParameter[] = [];
  for (const task of stack.tasks) {
    const env: Env = { stack, internet: internetFor(task, stack, options), warn };
    const open = openInternet(task, stack, options);
    for (const container of task.containers) {
      if (container.ecr === undefined) {
        const parameters = imageParameters(container.image, stack);
        if (parameters.length > 0) {
          fromParameters.push({ task: task.resource, container: container.name, parameters });
          warnings.add({
            code: 'IMAGE_FROM_PARAMETER',
            resource: task.resource,
            message: `the image of container ${container.name} of ${task.resource} comes from the parameter ${parameters.join(', ')}, which has no value: pass ${parameters.map((p) => `--parameter ${p}=ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME:TAG`).join(' ')} (or give it a Default) to check its pull`,
          });
          continue;
        }
        const deployTime = [...stack.symbols.foreign].find(([text]) => container.image.includes(text));
        if (deployTime !== undefined) {
          // An image the input does not hold (a plan's container_definitions known only after apply): not checked, not called foreign.
          warnings.add({
            code: 'IMAGE_NOT_FROM_ECR',
            resource: task.resource,
            message: `the image of container ${container.name} of ${task.resource} depends on ${deployTime[1].description}: its pull is not checked`,
          });
          continue;
        }
        if (hasSymbol(container.image)) {
          warnings.add({
            code: 'IMAGE_NOT_FROM_ECR',
            resource: task.resource,
            message: `container ${container.name} of ${task.resource} runs ${container.image}, whose registry is known only at deploy time: its pull is not checked`,
          });
          continue;
        }
        // Docker Hub, ECR Public, ghcr.io, …: over the internet only (src/model/image-registry.ts).
        warnings.add({
          code: 'IMAGE_NOT_FROM_ECR',
          resource: task.resource,
          message: `container ${container.name} of ${task.resource} runs ${container.image}, not an Amazon ECR private image: its pull needs an internet path from the task (no VPC endpoint serves a public registry, ECR Public included)`,
        });
        containers.push({ task: task.resource, container: container.name, image: container.image });
        tasks.add(task.resource);
        const own = bothWays((e) => ownHops(container, stack).map((hop) => runHop(hop, task, container, e)), env, open);
        steps.push(...bothWays((e) => publicRegistrySteps(task, container, e), env, open), ...own);
        if (task.role.kind === 'template') roleSteps.set(task.role.role, [...(roleSteps.get(task.role.role) ?? []), ...own]);
        continue;
      }
      containers.push({ task: task.resource, container: container.name, image: container.image });
      tasks.add(task.resource);
      const walked = bothWays((e) => hopsOf(container, stack).map((hop) => runHop(hop, task, container, e)), env, open);
      steps.push(...walked);
      if (task.role.kind === 'template') {
        subjects.push({ role: task.role.role, repository: repositoryArn(stack.partition, container.ecr) });
        roleSteps.set(task.role.role, [...(roleSteps.get(task.role.role) ?? []), ...walked]);
      }
    }
  }
  const onlyPlans = plans.length === inputs.length;
  if (steps.length === 0) throw nothingToCheck(source, stack.tasks.length, warnings.list(), fromParameters, onlyPlans);

  if (stack.partition !== 'aws' && !hasSymbol(stack.partition)) {
    warnings.add({
      code: 'LAYER_BUCKET_PARTITION_UNVERIFIED',
      message: `[unverified] the ARN partition of the ECR layer bucket outside aws: the layer download was checked as arn:${stack.partition}:s3:::… and as arn:aws:s3:::…, and passes if either is allowed (policygen docs/aws-facts.md §3)`,
    });
  }
  if (stack.tasks.some((t) => t.launch === 'ec2' && tasks.has(t.resource) && !internetFor(t, stack, options))) {
    const missing = EC2_AGENT_SERVICES.filter((s) => !stack.endpoints.some((e) => e.service === s));
    if (missing.length > 0) {
      warnings.add({
        code: 'EC2_AGENT_ENDPOINTS_MISSING',
        message: `EC2 launch type without the ${missing.join(', ')} interface endpoints and without an internet route: the ECS container agent cannot register or receive tasks (policygen docs/aws-facts.md §2; not a hop of the image pull)`,
      });
    }
  }
  // Without an ECR image, endpoint policies are probed on a repository of the stack that no task pulls.
  const firstRepository =
    subjects[0]?.repository ??
    steps.find((s) => s.step === 'manifest' && s.endpoint === 'ecr.dkr')?.resource ??
    repositoryArn(stack.partition, { account: stack.account, region: stack.region, repository: 'policygen-no-ecr-image' });
  for (const w of leastPrivilegeWarnings(stack, subjects, firstRepository)) warnings.add(w);
  for (const w of namedGrantWarnings(stack, roleSteps)) warnings.add(w);

  const count = (verdict: CheckStep['verdict']) => steps.filter((s) => s.verdict === verdict).length;
  const list = onlyPlans ? warnings.list().map(terraformWarning) : warnings.list();
  return {
    file: source.file,
    region: stack.region,
    account: stack.account,
    containers,
    steps: onlyPlans ? steps.map(terraformWording) : steps,
    warnings: list,
    summary: {
      tasks: tasks.size,
      containers: containers.length,
      steps: steps.length,
      allowed: count('allowed'),
      blocked: count('blocked'),
      unknown: count('unknown'),
      warnings: list.length,
    },
  };
}

/** True when a step is blocked: `policygen check` exits 1. */
export function checkFails(report: CheckReport): boolean {
  const summary = isPlainRecord(report) ? report['summary'] : undefined;
  const blocked = isPlainRecord(summary) ? summary['blocked'] : undefined;
  if (typeof blocked !== 'number')
    throw new PolicygenInputError([{ field: 'report', expected: 'be a CheckReport (with summary.blocked)', received: describeValue(report) }]);
  return blocked > 0;
}

const isSourceFile = (value: unknown): value is SourceFile =>
  isPlainRecord(value) && typeof value['file'] === 'string' && typeof value['text'] === 'string' && typeof value['locate'] === 'function';

/** True when no step is blocked but some are unknown: `policygen check` exits 4, so CI can choose. */
export const checkUndecided = (report: CheckReport): boolean => report.summary.blocked === 0 && report.summary.unknown > 0;

/**
 * Whether the task's requests can leave over the internet: `--internet`, a NAT route, or an internet
 * gateway route with a public IP. A task in awsvpc mode reaches an internet gateway only with
 * `AssignPublicIp: ENABLED` (ECS Developer Guide, Fargate task networking); bridge and host tasks use
 * the instance's address, which the template does not tell: assumed public when the VPC routes to an
 * internet gateway.
 */
function internetFor(task: TaskFacts, stack: StackFacts, options: CheckOptions): boolean {
  if (options.internet === true || stack.natRoute) return true;
  if (!stack.internetGatewayRoute) return false;
  return task.publicIp || (task.launch === 'ec2' && task.networkMode !== 'awsvpc');
}

type Env = Parameters<typeof runHop>[3];

/**
 * Why the task's way to the internet is not in the input, or undefined when it is: an awsvpc task that
 * nothing in the input runs (started by RunTask from code or another stack), in a VPC that routes to an
 * internet gateway but has no NAT route. It reaches the internet only with a public IP
 * (AssignPublicIp ENABLED: ECS Developer Guide, Fargate task networking), which whoever runs it decides.
 */
function openInternet(task: TaskFacts, stack: StackFacts, options: CheckOptions): string | undefined {
  if (options.internet === true || stack.natRoute || !stack.internetGatewayRoute || !task.runElsewhere || task.publicIp) return undefined;
  if (task.launch === 'ec2' && task.networkMode !== 'awsvpc') return undefined;
  return (
    `nothing in the input runs ${task.resource} (no ECS service, EventBridge rule or schedule names it), and the VPC reaches the internet ` +
    'only through an internet gateway: whether the task gets a public IP (AssignPublicIp ENABLED in its RunTask call), and so this path, is not in the input'
  );
}

/**
 * The steps `run` gives, and when the task's internet access is open (`openInternet`), the same run
 * with internet: a step whose verdict depends on it is unknown, never blocked.
 */
function bothWays(run: (env: Env) => CheckStep[], env: Env, open: string | undefined): CheckStep[] {
  const steps = run(env);
  if (open === undefined) return steps;
  // The second run's own warnings (an internet route taken) would describe a network the input does not declare.
  const withInternet = run({ ...env, internet: true, warn: () => undefined });
  return steps.map((step, i) => {
    const other = withInternet[i];
    if (other === undefined || other.step !== step.step || other.verdict === step.verdict) return step;
    const { hint: _hint, ...rest } = step;
    return {
      ...rest,
      verdict: 'unknown',
      allowed: null,
      decidedBy: [],
      reason: open,
      hint: 'pass --internet when whatever runs the task gives it a public IP',
    };
  });
}

/** Parameters without value that a container image is made of. */
function imageParameters(image: string, stack: StackFacts): string[] {
  return [...stack.symbols.foreign].flatMap(([text, value]) => (value.parameter !== undefined && image.includes(text) ? [value.parameter] : []));
}

interface ImageFromParameter {
  readonly task: string;
  readonly container: string;
  readonly parameters: readonly string[];
}

function nothingToCheck(
  source: SourceFile,
  taskCount: number,
  warnings: readonly CheckWarning[],
  fromParameters: readonly ImageFromParameter[],
  plan = false,
): PolicygenInputError {
  if (fromParameters.length > 0) {
    return new PolicygenInputError(
      fromParameters.map((f) => ({
        field: `the image of container ${f.container} of ${f.task}`,
        received: `the parameter ${f.parameters.join(', ')}, which has no value`,
        expected: 'be known to check its pull',
        hint: `pass ${f.parameters.map((p) => `--parameter ${p}=ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME:TAG`).join(' ')}, or give the parameter a Default`,
      })),
    );
  }
  const images = warnings.filter((w) => w.code === 'IMAGE_NOT_FROM_ECR').length;
  if (plan) {
    return new PolicygenInputError([
      {
        field: 'plan',
        received:
          taskCount === 0
            ? 'no aws_ecs_task_definition'
            : `${taskCount} aws_ecs_task_definition${taskCount === 1 ? '' : 's'} whose ${images} container image${images === 1 ? ' is' : 's are'} not from an Amazon ECR private registry or known only after apply`,
        expected:
          'plan an aws_ecs_task_definition with a container image from Amazon ECR (ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME), the pull that check walks',
        location: { file: source.file, line: 1, column: 1 },
      },
    ]);
  }
  return new PolicygenInputError([
    {
      field: 'template',
      received:
        taskCount === 0
          ? 'no AWS::ECS::TaskDefinition'
          : `${taskCount} task definition${taskCount === 1 ? '' : 's'} whose ${images} container image${images === 1 ? ' is' : 's are'} not from an Amazon ECR private registry`,
      expected: 'declare a task definition with a container image from Amazon ECR (ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME), the pull that check walks',
      hint: 'check --spec FILE checks what a spec generates',
      location: { file: source.file, line: 1, column: 1 },
    },
  ]);
}

/** Warnings in the order found, each once. */
class Warnings {
  private readonly seen = new Set<string>();
  private readonly items: CheckWarning[] = [];

  constructor(initial: readonly CheckWarning[]) {
    for (const w of initial) this.add(w);
  }

  add(warning: CheckWarning): void {
    const key = `${warning.code}\u0000${warning.resource ?? ''}\u0000${warning.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(warning);
  }

  list(): readonly CheckWarning[] {
    return [...this.items];
  }
}
