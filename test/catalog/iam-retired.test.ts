/**
 * Retired names: what earlier releases of the Service Authorization Reference listed and the current
 * one does not is a RETIRED_NAME warning, not an "unknown" error; a name never listed stays an error.
 * Expected dates come from the releases themselves: deeplens is in iam-data 0.9.202502131 (data of
 * 2025-02-13) and gone from 0.15.202511271; cloud9:ValidateEnvironmentName likewise.
 */
import { loadIamCatalog } from '../../src/catalog/iam-catalog';
import { lint } from '../../src/lint/engine';

const policy = (statement: Record<string, unknown>): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*', ...statement }] });
const findings = async (statement: Record<string, unknown>) =>
  (await lint([{ file: 'p.json', text: policy(statement) }], { policyType: 'identity' })).findings.map((f) => [f.code, f.severity]);

describe('the catalog knows retired names', () => {
  const iam = loadIamCatalog();
  it('should date a retired service, action and key, case-insensitively', () => {
    expect(iam.retiredSince?.('deeplens')).toBe('2025-02-13');
    expect(iam.retiredSince?.('DeepLens:ListProjects')).toBe('2025-02-13');
    expect(iam.retiredSince?.('cloud9:validateenvironmentname')).toBe('2025-02-13');
  });
  it('should not date current names or names never listed', () => {
    expect(iam.retiredSince?.('ecr')).toBeUndefined();
    expect(iam.retiredSince?.('ecr:BatchGetImage')).toBeUndefined();
    expect(iam.retiredSince?.('notaservice:DoThing')).toBeUndefined();
  });
  it('should count retired names as existing, as Access Analyzer does', () => {
    expect(iam.serviceExists('deeplens')).toBe(true);
    expect(iam.actionValueStatus('deeplens:*')).toBe('known');
    expect(iam.actionValueStatus('cloud9:ValidateEnvironmentName')).toBe('known');
    expect(iam.actionValueStatus('cloud9:ValidateEnvironmentNam')).toBe('unknown-action');
  });
  it('should know aws:PrincipalOrgMasterAccountId, used by the AWS managed policy AWSSSOServiceRolePolicy', () => {
    expect(iam.conditionKeyExists('aws:PrincipalOrgMasterAccountId')).toBe(true);
  });
});

describe('RETIRED_NAME', () => {
  it('should warn about a retired service, not report it as an error', async () => {
    expect(await findings({ Action: 'deeplens:*' })).toEqual([['RETIRED_NAME', 'warning']]);
  });
  it('should warn about a retired action of a live service', async () => {
    expect(await findings({ Action: 'cloud9:ValidateEnvironmentName' })).toEqual([['RETIRED_NAME', 'warning']]);
  });
  it('should warn about a key of a retired service in a condition', async () => {
    const codes = await findings({ Action: 's3:GetObject', Condition: { StringEquals: { 'deepracer:UserToken': 'x' } } });
    expect(codes).toEqual([['RETIRED_NAME', 'warning']]);
  });
  it('should keep a name that was never listed an error', async () => {
    expect(await findings({ Action: 'notaservice:*' })).toEqual([['INVALID_SERVICE_IN_ACTION', 'error']]);
    expect(await findings({ Action: 'cloud9:NoSuchAction' })).toEqual([['INVALID_ACTION', 'error']]);
  });
  it('should say nothing about current names', async () => {
    expect(await findings({ Action: ['ecr:BatchGetImage', 'cloud9:*'] })).toEqual([]);
  });
});
