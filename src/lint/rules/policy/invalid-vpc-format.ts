import { idFormatRule } from './lib/vpc-id-format';

export const invalidVpcFormat = idFormatRule('INVALID_VPC_FORMAT', 'aws:SourceVpc', 'vpc-', 'vpc-1a2b3c4d');
