/**
 * policygen/cdk: the AWS CDK construct. A separate entry, so that `policygen` itself never loads
 * aws-cdk-lib (an optional peer dependency, needed only here).
 */
export {
  PrivateEcrPull,
  PrivateEcrPullError,
  type PrivateEcrPullProps,
  type PrivateEcrPullContainerInstance,
  type PrivateEcrPullExistingEndpoints,
} from './private-ecr-pull';
export { PolicygenValidator, type PolicygenValidatorProps } from './validation-plugin';
