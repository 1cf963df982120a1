import type { CheckReport } from '../../src/check';
import { renderCheckJson } from '../../src/render/check-json';
import { renderCheckText } from '../../src/render/check-text';

const REPORT: CheckReport = {
  file: 'stack.yaml',
  region: 'eu-west-1',
  account: '111122223333',
  containers: [{ task: 'Task', container: 'app\u001b[2J', image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1' }],
  steps: [
    {
      task: 'Task',
      container: 'app\u001b[2J',
      step: 'auth-token',
      action: 'ecr:GetAuthorizationToken',
      resource: '*',
      endpoint: 'ecr.api',
      endpointResource: 'EcrApi',
      network: 'endpoint',
      verdict: 'allowed',
      allowed: true,
      decidedBy: ['Role/pull: Sid Token', 'EcrApi policy: Statement[0]'],
      reason: 'allowed',
    },
    {
      task: 'Task',
      container: 'app\u001b[2J',
      step: 'layer-download',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/layer',
      endpoint: 's3',
      network: 'none',
      verdict: 'blocked',
      allowed: false,
      decidedBy: [],
      reason: 'no s3 endpoint',
      hint: 'add it',
    },
  ],
  warnings: [{ code: 'BROADER_OTHER_BUCKET', message: 'reads other buckets', resource: 'S3', decidedBy: ['S3 policy: Sid All'] }],
  summary: { tasks: 1, containers: 1, steps: 2, allowed: 1, blocked: 1, unknown: 0, warnings: 1 },
};

describe('check renderers', () => {
  it('should print the JSON shape of the issue, nulls for absent optional fields', () => {
    const json = JSON.parse(renderCheckJson(REPORT)) as Record<string, unknown> & { steps: Record<string, unknown>[]; warnings: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['file', 'region', 'account', 'steps', 'warnings', 'summary']);
    expect(Object.keys(json.steps[0]!)).toEqual([
      'task',
      'container',
      'step',
      'action',
      'resource',
      'endpoint',
      'endpointResource',
      'network',
      'verdict',
      'allowed',
      'decidedBy',
      'reason',
      'hint',
    ]);
    expect(json.steps[1]).toMatchObject({ endpointResource: null, hint: 'add it', allowed: false });
    expect(json.warnings[0]).toEqual({ code: 'BROADER_OTHER_BUCKET', message: 'reads other buckets', resource: 'S3', decidedBy: ['S3 policy: Sid All'] });
    expect(renderCheckJson(REPORT).endsWith('}\n')).toBe(true);
  });

  it('should print a table per task with why and fix under blocked steps, and escape control characters', () => {
    const text = renderCheckText(REPORT, { color: false });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('container app\\u001b[2J: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1');
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l.trim().startsWith('STEP'));
    expect(lines[header]).toMatch(/^  STEP\s+ACTION\s+ENDPOINT\s+DECISION\s+DECIDED BY$/);
    expect(lines[header + 1]).toMatch(
      /^  auth-token\s+ecr:GetAuthorizationToken\s+ecr\.api EcrApi\s+allowed\s+Role\/pull: Sid Token, EcrApi policy: Statement\[0\]$/,
    );
    expect(lines[header + 2]).toMatch(/^  layer-download\s+s3:GetObject\s+s3 \(no path\)\s+BLOCKED\s+-$/);
    // why and fix start under the ACTION column.
    const actionColumn = lines[header]!.indexOf('ACTION');
    expect(lines[header + 3]!.indexOf('why: no s3 endpoint')).toBe(actionColumn);
    expect(lines[header + 4]!.indexOf('fix: add it')).toBe(actionColumn);
    expect(text).toContain('BROADER_OTHER_BUCKET reads other buckets (S3 policy: Sid All)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('1 step blocked: 2 steps for 1 container in 1 task definition, 1 allowed, 1 blocked; 1 warning');
  });

  it('should colour the decisions only when asked', () => {
    expect(renderCheckText(REPORT, { color: true })).toContain('\u001b[31mBLOCKED');
  });
});
