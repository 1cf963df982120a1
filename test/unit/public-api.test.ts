import * as api from '../../src';
import type { IamPolicyDocument } from '../../src/model/iam-policy.generated';

describe('public API', () => {
  it('should return documents typed as the JSON Schema’s IamPolicyDocument', () => {
    // A compile-time check as much as a runtime one: canonical output must fit the schema's type.
    const doc: IamPolicyDocument = api.generateS3GatewayPolicy({ region: 'us-east-1' }).document;
    expect(doc.Version).toBe('2012-10-17');
  });

  it('should export the generators, the canonical form and the data tables from one entry', () => {
    for (const name of [
      'generateS3GatewayPolicy',
      'generateExecutionRolePolicy',
      'generateEcrEndpointPolicy',
      'planEndpoints',
      'generateBundle',
      'canonicalizePolicy',
      'parseRegion',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    }
    expect(api.PARTITIONS.map((p) => p.id).sort()).toEqual(['aws', 'aws-cn', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-us-gov']);
  });

  it('should throw PolicygenInputError with every issue for bad input', () => {
    expect(() => api.generateExecutionRolePolicy({ region: 'mars-1', account: 'x' })).toThrow(api.PolicygenInputError);
  });
});
