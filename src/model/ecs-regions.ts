import type { RegionInfo } from './region';

/**
 * Regions introduced on or after 23 December 2023, where the ECS container agent needs all three
 * of the `ecs`, `ecs-agent` and `ecs-telemetry` interface endpoints ("If you do not configure all
 * of the endpoints, your traffic will go over the public endpoints"). Source: Amazon ECS Developer
 * Guide, "Amazon ECS interface VPC endpoints (AWS PrivateLink)", section "Considerations for
 * endpoints in Regions introduced starting on December 23, 2023", which names ca-west-1 as its
 * example; the other launch dates are those of AWS's Region launch announcements.
 */
const INTRODUCED_SINCE_2023_12_23: ReadonlySet<string> = new Set([
  'ca-west-1',
  'ap-southeast-5',
  'ap-southeast-7',
  'mx-central-1',
  'ap-east-2',
  'ap-southeast-6',
  'eusc-de-east-1',
]);

/** Listed Regions whose launch date policygen has no source for: treated as new, with an advisory. */
const INTRODUCTION_DATE_UNVERIFIED: ReadonlySet<string> = new Set([
  'me-west-1',
  'sa-west-1',
  'us-isob-west-1',
  'us-isof-east-1',
  'us-isof-south-1',
  'eu-isoe-west-1',
]);

/**
 * Whether the ECS agent needs all three ECS endpoints in `region`: `yes` for Regions introduced on
 * or after 23 December 2023 and for Regions newer than the Region table, `unverified` where no
 * source gives the date (all three are planned then too: a missing one breaks the agent, an extra
 * one only costs), `no` otherwise.
 */
export function needsAllEcsEndpoints(region: RegionInfo): 'yes' | 'no' | 'unverified' {
  if (!region.listed || INTRODUCED_SINCE_2023_12_23.has(region.name)) return 'yes';
  return INTRODUCTION_DATE_UNVERIFIED.has(region.name) ? 'unverified' : 'no';
}
