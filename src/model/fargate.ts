import { fail, ok, showValue, type Result } from './errors';

/**
 * Fargate platform versions, per operating system family. Sources:
 * - Amazon ECS Developer Guide, "Fargate platform versions for Amazon ECS"
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html): the LATEST
 *   Linux platform version is 1.4.0, the LATEST Windows platform version is 1.0.0, and the Linux and
 *   Windows version numbers are independent of each other.
 * - "AWS Fargate Linux platform version deprecation"
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-versions-retired.html):
 *   1.0.0, 1.1.0 and 1.2.0 are deprecated; 1.3.0 is retired since 16 March 2026 (15 June 2026 in the
 *   China Regions): no new task or service can be launched on it.
 */
export type OsFamily = 'linux' | 'windows';
const OS_FAMILIES: readonly OsFamily[] = ['linux', 'windows'];

/** The versions a new task or service can be launched on, `LATEST` included. */
const FARGATE_PLATFORM_VERSIONS: Readonly<Record<OsFamily, readonly string[]>> = {
  linux: ['1.4.0', 'LATEST'],
  windows: ['1.0.0', 'LATEST'],
};

/** Linux platform versions that Fargate no longer launches, with why (the deprecation page above). */
const RETIRED_LINUX_PLATFORM_VERSIONS: ReadonlyMap<string, string> = new Map([
  ['1.0.0', 'deprecated by AWS Fargate'],
  ['1.1.0', 'deprecated by AWS Fargate'],
  ['1.2.0', 'deprecated by AWS Fargate'],
  ['1.3.0', 'retired by AWS Fargate on 16 March 2026'],
]);

export function parseOsFamily(value: unknown, field = 'osFamily'): Result<OsFamily> {
  return OS_FAMILIES.includes(value as OsFamily) ? ok(value as OsFamily) : fail({ field, received: showValue(value), expected: 'be "linux" or "windows"' });
}

/**
 * A platform version that Fargate launches tasks on for `osFamily`. A retired Linux version and a
 * version that never existed are refused with the list of valid ones.
 */
export function parseFargatePlatformVersion(value: unknown, osFamily: OsFamily, field = 'platformVersion'): Result<string> {
  const valid = FARGATE_PLATFORM_VERSIONS[osFamily];
  if (typeof value === 'string' && valid.includes(value)) return ok(value);
  const retired = osFamily === 'linux' && typeof value === 'string' ? RETIRED_LINUX_PLATFORM_VERSIONS.get(value) : undefined;
  const why = retired === undefined ? '' : ` (${String(value)} was ${retired})`;
  return fail({
    field,
    received: showValue(value),
    expected: `be a ${osFamily === 'linux' ? 'Linux' : 'Windows'} Fargate platform version: ${valid.join(' or ')}${why}`,
  });
}
