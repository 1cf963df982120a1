import fc from 'fast-check';
import { listRegions, parseRegion, type RegionInfo } from '../../../src/model/region';

/** Shared arbitraries: valid inputs of every kind the generators take. */

export const region = fc.constantFrom(...listRegions());
export const regionInfo = (name: string): RegionInfo => {
  const parsed = parseRegion(name);
  if (!parsed.ok) throw new Error(`table region ${name} does not parse`);
  return parsed.value;
};

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const hexId = fc.oneof(hex(8), hex(17));

export const account = fc.stringMatching(/^\d{12}$/);
export const vpceId = hexId.map((h) => `vpce-${h}`);
export const vpcId = hexId.map((h) => `vpc-${h}`);
export const orgId = fc.stringMatching(/^o-[a-z0-9]{10,32}$/);

const segment = fc.stringMatching(/^[a-z0-9]{1,8}(?:[._-][a-z0-9]{1,6}){0,2}$/);
export const repositoryName = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'))
  .filter((n) => n.length >= 2 && n.length <= 256);
export const logGroupName = fc.stringMatching(/^\/?[A-Za-z0-9._#-]{1,20}(?:\/[A-Za-z0-9._#-]{1,20}){0,2}$/);
// Without the prefixes and suffixes S3 reserves (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
export const bucketName = fc
  .stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/)
  .filter((name) => !/^(?:xn--|sthree-|amzn-s3-demo-)|(?:-s3alias|--ol-s3|--x-s3|--table-s3)$/.test(name));
export const cidr = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 28 }))
  .map(([a, b, bits]) => `10.${a}.${b}.0/${bits}`);

export const uniqueList = <T>(arb: fc.Arbitrary<T>, maxLength = 4) => fc.uniqueArray(arb, { maxLength });
