import { endpointServiceName, listRegions, parseRegion, partitionOf, type RegionInfo } from '../../src/model/region';
import { PARTITIONS } from '../../src/model/regions.generated';

function resolved(value: unknown, options?: Parameters<typeof parseRegion>[1]): RegionInfo {
  const result = parseRegion(value, options);
  if (!result.ok) throw new Error(`expected ${String(value)} to resolve: ${JSON.stringify(result.issue)}`);
  return result.value;
}

describe('the partition table', () => {
  it('should hold exactly the 8 partitions, sorted by id', () => {
    expect(PARTITIONS.map((p) => p.id)).toEqual(['aws', 'aws-cn', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-us-gov']);
  });

  it('should list sorted Regions without the -global pseudo Regions', () => {
    const regions = listRegions();
    expect(regions).toEqual([...regions].sort());
    expect(regions.length).toBe(new Set(regions).size);
    expect(regions.filter((r) => r.endsWith('-global'))).toEqual([]);
    for (const p of PARTITIONS) expect(p.regions.length).toBeGreaterThan(0);
  });

  it.each(PARTITIONS.flatMap((p) => p.regions.map((region) => [region, p.id] as const)))(
    'should match %s to the pattern of %s and of no other partition',
    (region, id) => {
      const matching = PARTITIONS.filter((p) => new RegExp(p.regionPattern).test(region)).map((p) => p.id);
      expect(matching).toEqual([id]);
      expect(partitionOf(region)).toBe(id);
      expect(resolved(region)).toMatchObject({ name: region, partition: id, listed: true });
    },
  );

  it('should mark the ECR prefix verified only where AWS documents it', () => {
    expect(PARTITIONS.filter((p) => p.prefixVerified).map((p) => p.id)).toEqual(['aws', 'aws-cn', 'aws-us-gov']);
  });
});

describe('parseRegion', () => {
  it('should resolve us-east-1 to the aws partition', () => {
    expect(resolved('us-east-1')).toEqual({
      name: 'us-east-1',
      partition: 'aws',
      listed: true,
      dnsSuffix: 'amazonaws.com',
      ecrEndpointPrefix: 'com.amazonaws',
      defaultEndpointPrefix: 'com.amazonaws',
      prefixVerified: true,
    });
  });

  it('should resolve cn-north-1 to aws-cn with the cn.com.amazonaws ECR prefix', () => {
    const region = resolved('cn-north-1');
    expect(region).toMatchObject({ partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', prefixVerified: true });
    expect(endpointServiceName(region, 'ecr.dkr')).toBe('cn.com.amazonaws.cn-north-1.ecr.dkr');
    expect(endpointServiceName(region, 'ecr.api')).toBe('cn.com.amazonaws.cn-north-1.ecr.api');
    expect(endpointServiceName(region, 's3')).toBe('com.amazonaws.cn-north-1.s3');
    expect(endpointServiceName(region, 'logs')).toBe('com.amazonaws.cn-north-1.logs');
  });

  it('should resolve us-gov-west-1 to aws-us-gov', () => {
    const region = resolved('us-gov-west-1');
    expect(region.partition).toBe('aws-us-gov');
    expect(endpointServiceName(region, 'ecr.dkr')).toBe('com.amazonaws.us-gov-west-1.ecr.dkr');
  });

  it('should use the partition ECR prefix from the CDK table in the ISO partitions, unverified', () => {
    const region = resolved('us-iso-east-1');
    expect(region).toMatchObject({ partition: 'aws-iso', prefixVerified: false });
    expect(endpointServiceName(region, 'ecr.api')).toBe('gov.ic.c2s.us-iso-east-1.ecr.api');
    expect(endpointServiceName(region, 's3')).toBe('com.amazonaws.us-iso-east-1.s3');
  });

  it('should fail on a typo and name the closest Region', () => {
    const result = parseRegion('us-esat-1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issue).toMatchObject({ field: 'region', received: '"us-esat-1"' });
    expect(result.issue.expected).toMatch(/^be an AWS Region such as us-east-1 \(one of \d+ Regions in 8 partitions\)$/);
    expect(result.issue.hint).toContain('did you mean "us-east-1"?');
  });

  it('should refuse an unlisted Region by default and point to --allow-unlisted-region', () => {
    const result = parseRegion('us-east-9', { field: '--region' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issue.field).toBe('--region');
    expect(result.issue.hint).toContain('--allow-unlisted-region');
  });

  it('should accept an unlisted Region matching its partition pattern with allowUnlisted', () => {
    expect(resolved('us-east-9', { allowUnlisted: true })).toMatchObject({ name: 'us-east-9', partition: 'aws', listed: false });
    expect(resolved('cn-south-1', { allowUnlisted: true }).partition).toBe('aws-cn');
    expect(resolved('us-gov-central-1', { allowUnlisted: true }).partition).toBe('aws-us-gov');
    expect(resolved('us-isob-south-1', { allowUnlisted: true }).partition).toBe('aws-iso-b');
  });

  it.each(['us-gov-9', 'us-iso-1', 'us-isob-2', 'us-isof-3', 'eu-isoe-4', 'US-east-1', 'us-EAST-9', 'us_x-east-1', 'xx-east-1', 'aws-global'])(
    'should not let any partition claim %s, even with allowUnlisted',
    (name) => {
      expect(parseRegion(name, { allowUnlisted: true }).ok).toBe(false);
      expect(partitionOf(name)).toBeUndefined();
    },
  );

  it.each([
    [42, '42'],
    [undefined, 'nothing'],
    [null, 'null'],
    ['', '""'],
    ['US-EAST-1', '"US-EAST-1"'],
    [' us-east-1', '" us-east-1"'],
    ['us-east-1\n', '"us-east-1\\n"'],
    ['*', '"*"'],
    [['us-east-1'], '["us-east-1"]'],
  ])('should fail cleanly on %j, naming the field', (value, received) => {
    const result = parseRegion(value, { field: 'spec.region', allowUnlisted: true });
    expect(result).toEqual({ ok: false, issue: expect.objectContaining({ field: 'spec.region', received }) });
  });

  it('should suggest the Region a miscased or padded value stands for', () => {
    for (const value of ['US-EAST-1', ' us-east-1', 'us-east-1\n']) {
      const result = parseRegion(value);
      expect(!result.ok && result.issue.hint).toBe('did you mean "us-east-1"?');
    }
  });

  it('should not suggest a Region for values far from any', () => {
    const result = parseRegion('mars-north-1');
    expect(!result.ok && result.issue.hint).toBeUndefined();
  });
});
