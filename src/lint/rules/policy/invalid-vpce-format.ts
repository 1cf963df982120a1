import { idFormatRule } from './lib/vpc-id-format';

export const invalidVpceFormat = idFormatRule('INVALID_VPCE_FORMAT', 'aws:SourceVpce', 'vpce-', 'vpce-1a2b3c4d');
