import type { PolicyBundle } from '../generate/bundle';
import { ingressCidrs, type PlannedEndpoint } from '../generate/plan';
import type { CanonicalStatement, OneOrMany, PolicyDocument } from '../model/policy';

/** A service behind the endpoints: its node in the diagram. */
interface ServiceNode {
  readonly id: string;
  readonly label: string;
}

const ECS: ServiceNode = { id: 'svc_ecs', label: 'Amazon ECS' };
const KMS: ServiceNode = { id: 'svc_kms', label: 'AWS KMS' };

/**
 * What each planned endpoint leads to, and what the execution role grants on that hop: the role's
 * actions by service prefix (`roleActions`), or why it grants nothing there (`noRoleGrant`).
 */
const HOPS: Readonly<Record<string, { readonly service: ServiceNode; readonly roleActions?: (action: string) => boolean; readonly noRoleGrant?: string }>> = {
  'ecr.api': { service: { id: 'svc_ecr_api', label: 'Amazon ECR API' }, roleActions: (a) => a.toLowerCase() === 'ecr:getauthorizationtoken' },
  'ecr.dkr': {
    service: { id: 'svc_ecr_dkr', label: 'Amazon ECR registry' },
    roleActions: (a) => a.toLowerCase().startsWith('ecr:') && a.toLowerCase() !== 'ecr:getauthorizationtoken',
  },
  s3: { service: { id: 'svc_s3', label: 'Amazon S3' }, noRoleGrant: 'layer download: URL presigned by ECR, no role permission' },
  logs: { service: { id: 'svc_logs', label: 'Amazon CloudWatch Logs' }, roleActions: (a) => a.toLowerCase().startsWith('logs:') },
  secretsmanager: { service: { id: 'svc_secretsmanager', label: 'AWS Secrets Manager' }, roleActions: (a) => a.toLowerCase().startsWith('secretsmanager:') },
  ssm: { service: { id: 'svc_ssm', label: 'AWS Systems Manager Parameter Store' }, roleActions: (a) => a.toLowerCase().startsWith('ssm:') },
  ssmmessages: { service: { id: 'svc_ssmmessages', label: 'AWS Systems Manager Session Manager' }, noRoleGrant: 'ECS Exec: task role, not generated' },
  ecs: { service: ECS, noRoleGrant: 'container agent: instance role, not generated' },
  'ecs-agent': { service: ECS, noRoleGrant: 'container agent: instance role, not generated' },
  'ecs-telemetry': { service: ECS, noRoleGrant: 'container agent: instance role, not generated' },
};

const nodeId = (prefix: string, service: string) => `${prefix}_${service.replace(/[^A-Za-z0-9]+/g, '_')}`;

function hopOf(endpoint: PlannedEndpoint) {
  return HOPS[endpoint.service] ?? { service: { id: nodeId('svc', endpoint.service), label: endpoint.service }, noRoleGrant: 'no execution role permission' };
}

/**
 * A label as Mermaid reads it inside `"…"`: every character but letters, digits, space and
 * `.,:/*@+=_-` becomes an entity code (`#34;` for `"`, `#91;` for `[`), so no quote, bracket, pipe
 * or `#` of a policy can end the label or start a shape (Mermaid flowchart syntax, entity codes).
 * Lines are joined with `<br/>` after escaping.
 */
export function mermaidLabel(lines: readonly string[]): string {
  return lines.map((line) => line.replace(/[^A-Za-z0-9 .,:/*@+=_-]/gu, (c) => `#${c.codePointAt(0)};`)).join('<br/>');
}

const asList = (value: OneOrMany | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/**
 * `arn:aws:ecr:us-east-1:111122223333:repository/my-app` -> `repository/my-app`; S3 keeps the
 * bucket path; an account principal (`arn:aws:iam::111122223333:root`) -> `account 111122223333`.
 */
function shortArn(value: string): string {
  const parts = value.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return value;
  const resource = parts.slice(5).join(':');
  return parts[2] === 'iam' && resource === 'root' ? `account ${parts[4]}` : resource;
}

/** One line per statement: `actions on resources`, then who may call (endpoint policies) and the conditions. */
function statementSummary(statement: CanonicalStatement, actions: readonly string[]): string {
  const notAction = statement.NotAction !== undefined ? 'all but ' : '';
  const resources = asList(statement.Resource ?? statement.NotResource).map(shortArn);
  const notResource = statement.NotResource !== undefined ? 'all but ' : '';
  const effect = statement.Effect === 'Deny' ? 'deny ' : '';
  const principal = statement.Principal;
  const callers = principal === undefined || principal === '*' ? [] : Object.values(principal).flatMap((values) => asList(values).map(shortArn));
  const conditions = Object.values(statement.Condition ?? {}).flatMap((block) =>
    Object.entries(block).map(([key, values]) => `${key}=${asList(values).join(' or ')}`),
  );
  return (
    `${effect}${notAction}${actions.join(', ')} on ${notResource}${resources.join(', ') || '*'}` +
    (callers.length > 0 ? ` by ${callers.join(', ')}` : '') +
    (conditions.length > 0 ? ` if ${conditions.join(', ')}` : '')
  );
}

/** The statements of a policy that grant actions matching `select`, one summary line each. */
function summarize(document: PolicyDocument, select: (action: string) => boolean = () => true): string[] {
  return document.Statement.flatMap((s) => {
    const actions = asList(s.Action ?? s.NotAction).filter(select);
    return actions.length === 0 ? [] : [statementSummary(s, actions)];
  });
}

/**
 * The endpoint plan as a Mermaid flowchart: the task (with its execution role) in the VPC, each
 * planned endpoint, the AWS services behind them, each edge labelled with what the policy on that
 * hop allows: the execution role's statements from the task to an endpoint, the endpoint policy
 * (or its absence: full access) from an endpoint to its service. kms:Decrypt is drawn from the
 * secrets services to KMS, since they call it on the role's behalf. Deterministic: the plan's
 * order and the canonical statements.
 *
 * @example renderMermaid(generateBundle(EXAMPLE_SPEC)) // "flowchart LR\n…"
 */
export function renderMermaid(bundle: PolicyBundle): string {
  const role = bundle.executionRolePolicy.document;
  const { ipv4, ipv6 } = ingressCidrs(bundle.plan.securityGroupIngress);
  const cidrs = [...ipv4, ...ipv6];
  const node = (id: string, open: string, lines: readonly string[], close: string) => `    ${id}${open}"${mermaidLabel(lines)}"${close}`;
  const edge = (from: string, lines: readonly string[], to: string, arrow = '-->') => `  ${from} ${arrow}|"${mermaidLabel(lines)}"| ${to}`;

  const endpointNodes = bundle.plan.endpoints.map((e) =>
    node(
      nodeId('ep', e.service),
      '{{',
      [`${e.service} ${e.type.toLowerCase()} endpoint`, e.type === 'Interface' ? `private DNS ${e.privateDnsEnabled ? 'on' : 'off'}` : 'route tables'],
      '}}',
    ),
  );
  const services = new Map<string, ServiceNode>();
  for (const endpoint of bundle.plan.endpoints) services.set(hopOf(endpoint).service.id, hopOf(endpoint).service);
  const kmsLines = summarize(role, (a) => a.toLowerCase().startsWith('kms:'));
  if (kmsLines.length > 0) services.set(KMS.id, KMS);

  const edges = bundle.plan.endpoints.flatMap((endpoint) => {
    const hop = hopOf(endpoint);
    const granted = hop.roleActions === undefined ? [] : summarize(role, hop.roleActions).map((line) => `role: ${line}`);
    const toEndpoint = granted.length > 0 ? granted : [hop.noRoleGrant ?? 'no execution role permission'];
    const policy = endpoint.policyDocument;
    const toService = policy === undefined ? ['no endpoint policy: full access'] : summarize(policy).map((line) => `endpoint policy: ${line}`);
    return [edge('task', toEndpoint, nodeId('ep', endpoint.service)), edge(nodeId('ep', endpoint.service), toService, hop.service.id)];
  });
  if (kmsLines.length > 0) {
    // KMS is called by Secrets Manager or SSM on the role's behalf, not through an endpoint of the VPC.
    const callers = ['svc_secretsmanager', 'svc_ssm'].filter((id) => services.has(id));
    const lines = [...kmsLines.map((line) => `role: ${line}`), 'called by the service for the role'];
    for (const from of callers.length > 0 ? callers : ['task']) edges.push(edge(from, lines, KMS.id, '-.->'));
  }

  return [
    'flowchart LR',
    `  %% policygen: the endpoint plan for ${bundle.region} (partition ${bundle.partition}) and the policy on each hop`,
    `  subgraph vpc ["${mermaidLabel([cidrs.length > 0 ? `VPC, private subnets ${cidrs.join(', ')}` : 'VPC, private subnets'])}"]`,
    node('task', '[', ['ECS task', 'task execution role'], ']'),
    ...endpointNodes,
    '  end',
    `  subgraph services ["${mermaidLabel([`AWS services in ${bundle.region}`])}"]`,
    ...[...services.values()].map((s) => node(s.id, '(', [s.label], ')')),
    '  end',
    ...edges,
    '',
  ].join('\n');
}
