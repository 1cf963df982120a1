/** `policygen rules`: the rule list from the rule metadata, as JSON and as a text table. */
import { RULE_METAS } from '../../../src/lint/rules';
import { POLICY_TYPES } from '../../../src/lint/types';
import { runInProcess } from '../../cli/helpers';

interface Entry {
  code: string;
  severity: string;
  title: string;
  policyTypes: string[];
  source: string;
  offline: boolean;
}

const listJson = async (): Promise<Entry[]> => {
  const run = await runInProcess(['rules', '--format', 'json']);
  expect(run.status).toBe(0);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { rules: Entry[] }).rules;
};

describe('policygen rules --format json', () => {
  it('should list every code lint can report, once, with exactly the six fields', async () => {
    const rules = await listJson();
    expect(rules.map((r) => r.code)).toEqual(RULE_METAS.map((m) => m.code));
    for (const r of rules) {
      expect(Object.keys(r)).toEqual(['code', 'severity', 'title', 'policyTypes', 'source', 'offline']);
      expect(['access-analyzer', 'policygen']).toContain(r.source);
      expect(typeof r.offline).toBe('boolean');
      expect(r.title.length).toBeGreaterThan(0);
    }
  });

  it('should give the policy types of appliesTo, and every type when a rule does not restrict them', async () => {
    const byCode = new Map((await listJson()).map((r) => [r.code, r]));
    // PassRole is about passing a role a principal holds: identity policies only (Access Analyzer policy check reference).
    expect(byCode.get('PASS_ROLE_WITH_STAR_IN_RESOURCE')?.policyTypes).toEqual(['identity']);
    // Principal "*" is a rule of gateway endpoints only (AWS PrivateLink Guide, gateway endpoint policies).
    expect(byCode.get('VPCE_GATEWAY_PRINCIPAL_NOT_STAR')?.policyTypes).toEqual(['vpc-endpoint-gateway']);
    expect(byCode.get('INVALID_ACTION')?.policyTypes).toEqual([...POLICY_TYPES]);
    // The SCP and role trust policy checks of the Access Analyzer policy check reference run on their policy type only.
    expect(byCode.get('SCP_SYNTAX_ERROR_PRINCIPAL')?.policyTypes).toEqual(['scp']);
    expect(byCode.get('MISSING_GITHUB_REPO_CONDITION_KEY')?.policyTypes).toEqual(['trust']);
    // Resource ARNs a resource policy may name: resource policies only (role trust policies take no Resource).
    expect(byCode.get('UNSUPPORTED_RESOURCE_ARN_IN_POLICY')?.policyTypes).toEqual(['resource']);
  });

  it("should name Access Analyzer's codes as its and policygen's own as policygen's", async () => {
    const byCode = new Map((await listJson()).map((r) => [r.code, r]));
    // Codes of the IAM User Guide's policy validation check reference (DOMAIN.md §8).
    for (const code of ['INVALID_ACTION', 'MISSING_VERSION', 'REDUNDANT_ACTION', 'TYPE_MISMATCH', 'PASS_ROLE_WITH_STAR_IN_RESOURCE']) {
      expect(byCode.get(code)?.source).toBe('access-analyzer');
    }
    for (const code of ['PARSE_ERROR', 'VPCE_POLICY_DENY_ONLY', 'ECR_ENDPOINT_MISSING']) expect(byCode.get(code)?.source).toBe('policygen');
  });
});

describe('policygen rules (text)', () => {
  it('should print a table with a header and one line per rule', async () => {
    const run = await runInProcess(['rules']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CODE +SEVERITY +SOURCE +OFFLINE +POLICY TYPES +TITLE$/);
    expect(lines).toHaveLength(RULE_METAS.length + 1);
    expect(lines.find((l) => l.startsWith('PASS_ROLE_WITH_STAR_IN_RESOURCE '))).toMatch(/ security_warning +access-analyzer +yes +identity +iam:PassRole/);
  });

  it('should exit 2 on an unknown format, with nothing on stdout', async () => {
    const run = await runInProcess(['rules', '--format', 'xml']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--format <format>' argument 'xml' is invalid/);
  });
});
