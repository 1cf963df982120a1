import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBundle } from '../../src/generate/bundle';
import { EXAMPLE_SPEC } from '../../src/generate/example-spec';
import { mermaidLabel, renderMermaid } from '../../src/render/mermaid';
import { expectGolden, renderCases } from './fixtures';

const cases = renderCases();

/** Node declarations `id["…"]`, `id{{"…"}}`, `id("…")` and edges `a -->|"…"| b` of a rendered diagram. */
function parse(diagram: string) {
  const nodes = new Map<string, string>();
  const edges: { from: string; label: string; to: string }[] = [];
  for (const line of diagram.split('\n')) {
    const edge = /^\s+(\w+) (?:-->|-\.->)\|"([^"]*)"\| (\w+)$/.exec(line);
    if (edge) edges.push({ from: edge[1]!, label: edge[2]!, to: edge[3]! });
    const node = /^\s+(\w+)(?:\[|\{\{|\()"([^"]*)"(?:\]|\}\}|\))$/.exec(line);
    if (node) nodes.set(node[1]!, node[2]!);
  }
  return { nodes, edges };
}

/** Every quoted label of the diagram: nodes, edges and subgraph titles. */
const labelsOf = (diagram: string): string[] => [...diagram.matchAll(/"([^"\n]*)"/g)].map((m) => m[1]!);

describe('renderMermaid', () => {
  it.each(cases)('should match the golden diagram for the %s spec', (name, _spec, bundle) => {
    expectGolden(`${name}.mmd`, renderMermaid(bundle));
  });

  it.each(cases)('should draw the task, each endpoint and the service behind it, with an edge for each hop (%s)', (_name, _spec, bundle) => {
    const diagram = renderMermaid(bundle);
    expect(diagram.startsWith('flowchart LR\n')).toBe(true);
    const { nodes, edges } = parse(diagram);
    expect(nodes.has('task')).toBe(true);
    for (const endpoint of bundle.plan.endpoints) {
      const id = `ep_${endpoint.service.replace(/[^A-Za-z0-9]+/g, '_')}`;
      expect(nodes.get(id)).toContain(`${endpoint.service} ${endpoint.type.toLowerCase()} endpoint`);
      expect(edges.filter((e) => e.from === 'task' && e.to === id)).toHaveLength(1);
      expect(edges.filter((e) => e.from === id && e.to.startsWith('svc_'))).toHaveLength(1);
    }
    for (const edge of edges) expect([edge.from, edge.to].filter((id) => !nodes.has(id))).toEqual([]);
  });

  it('should label each edge with the policy on that hop', () => {
    const bundle = generateBundle(EXAMPLE_SPEC);
    const { edges } = parse(renderMermaid(bundle));
    const label = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)?.label;
    expect(label('ep_s3', 'svc_s3')).toBe('endpoint policy: s3:GetObject on prod-us-east-1-starport-layer-bucket/*');
    expect(label('task', 'ep_ecr_api')).toBe('role: ecr:GetAuthorizationToken on *');
    expect(label('task', 'ep_ecr_dkr')).toContain('ecr:BatchGetImage');
    expect(label('task', 'ep_ecr_dkr')).toContain('aws:SourceVpce=vpce-0123456789abcdef0');
    expect(label('ep_logs', 'svc_logs')).toBe('no endpoint policy: full access');
  });

  it('should draw kms:Decrypt from the secrets services to KMS, not through an endpoint', () => {
    const spec = {
      ...EXAMPLE_SPEC,
      secrets: ['arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf'],
      kmsKeys: ['arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    };
    const { edges } = parse(renderMermaid(generateBundle(spec)));
    expect(edges.filter((e) => e.to === 'svc_kms').map((e) => e.from)).toEqual(['svc_secretsmanager']);
  });

  it.each(cases)('should leave no raw quote, bracket, brace, parenthesis, pipe, angle bracket or # in a label (%s)', (_name, _spec, bundle) => {
    for (const label of labelsOf(renderMermaid(bundle))) {
      const text = label.replace(/<br\/>/g, '').replace(/#\d+;/g, '');
      expect({ label, raw: text.match(/["[\](){}|<>#;`]/g) }).toEqual({ label, raw: null });
    }
  });

  it('should escape every special character as an entity code and keep the rest', () => {
    const raw = 'a "quoted" [list] (x) {y} |pipe| #1 <b> ; ’';
    const escaped = mermaidLabel([raw, 'second line']);
    expect(escaped).toBe('a #34;quoted#34; #91;list#93; #40;x#41; #123;y#125; #124;pipe#124; #35;1 #60;b#62; #59; #8217;<br/>second line');
    const decoded = escaped.split('<br/>').map((line) => line.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))));
    expect(decoded).toEqual([raw, 'second line']);
  });

  it('should be the diagram docs/iac.md shows for the built-in example', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'iac.md'), 'utf8');
    const block = /```mermaid\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBe(renderMermaid(generateBundle(EXAMPLE_SPEC)));
  });
});
