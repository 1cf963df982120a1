/**
 * Global keys whose values are identifiers AWS generates (accounts, organizations, VPCs, endpoints):
 * endpoint policies take neither wildcards nor numeric operators with them (AWS PrivateLink Guide,
 * "Control access to VPC endpoints using endpoint policies", considerations; docs/aws-facts.md §4).
 */
const SYSTEM_ID_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:Ec2InstanceSourceVpc',
  ].map((k) => k.toLowerCase()),
);

export const isSystemIdKey = (key: string): boolean => SYSTEM_ID_KEYS.has(key.toLowerCase());
