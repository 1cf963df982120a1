import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate, type CheckOptions, type CheckReport, type CheckStep } from '../../src/check';
import { parseJsonSource } from '../../src/template/source/json-source';
import { parseYamlSource } from '../../src/template/source/yaml-source';

export const FIXTURES = join(__dirname, '../fixtures');
/** Where the fixtures deploy in the tests (their README's choice). */
export const DEPLOYED: CheckOptions = { region: 'eu-west-1', accountId: '111122223333' };

/** A fixture under test/fixtures, parsed by its extension. */
export function fixtureSource(path: string) {
  const text = readFileSync(join(FIXTURES, path), 'utf8');
  return path.endsWith('.json') ? parseJsonSource(path, text) : parseYamlSource(path, text);
}

export const checkFixture = (path: string, options: CheckOptions = DEPLOYED): CheckReport => checkTemplate(fixtureSource(path), options);

/** A template given as YAML text. */
export const checkYaml = (text: string, options: CheckOptions = DEPLOYED): CheckReport => checkTemplate(parseYamlSource('inline.yaml', text), options);

/** `step action endpoint`, the identity of a step in expectations. */
export const stepKey = (s: CheckStep): string => `${s.step} ${s.action} ${s.endpoint}`;
export const blockedKeys = (report: CheckReport): string[] => report.steps.filter((s) => s.verdict === 'blocked').map(stepKey);
export const unknownKeys = (report: CheckReport): string[] => report.steps.filter((s) => s.verdict === 'unknown').map(stepKey);
export const stepOf = (report: CheckReport, step: CheckStep['step']): CheckStep => {
  const found = report.steps.find((s) => s.step === step);
  if (found === undefined) throw new Error(`no ${step} step in ${report.steps.map(stepKey).join(', ')}`);
  return found;
};
export const warningCodes = (report: CheckReport): string[] => report.warnings.map((w) => w.code);

/** The good Fargate stack's text with one replacement, which must apply. */
export function goodFargateWith(from: string | RegExp, to: string): string {
  const text = readFileSync(join(FIXTURES, 'cloudformation/good-fargate.yaml'), 'utf8');
  if (typeof from === 'string' ? !text.includes(from) : !from.test(text)) throw new Error(`good-fargate.yaml has no ${String(from)}`);
  return text.replace(from, to);
}

/** good-fargate.yaml's task run by an EventBridge rule target instead of its service. */
export const EVENTS_RULE_RUNNER = `  Schedule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets:
        - Id: run
          Arn: !GetAtt Cluster.Arn
          RoleArn: arn:aws:iam::111122223333:role/events-run-task
          EcsParameters:
            TaskDefinitionArn: !Ref TaskDefinition
            LaunchType: FARGATE
            PlatformVersion: 1.4.0
            NetworkConfiguration:
              AwsVpcConfiguration:
                AssignPublicIp: DISABLED
                Subnets: [!Ref PrivateSubnetA]
`;

/** good-fargate.yaml's task run by an EventBridge Scheduler schedule instead of its service. */
export const SCHEDULER_RUNNER = `  Schedule:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 hour)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target:
        Arn: !GetAtt Cluster.Arn
        RoleArn: arn:aws:iam::111122223333:role/scheduler-run-task
        EcsParameters:
          TaskDefinitionArn: !Ref TaskDefinition
          LaunchType: FARGATE
          NetworkConfiguration:
            AwsvpcConfiguration:
              AssignPublicIp: DISABLED
              Subnets: [!Ref PrivateSubnetA]
`;

/** A good-fargate.yaml-based template with its service replaced by another runner of the task. */
export const runByInstead = (text: string, runner: string): string => {
  const serviceBlock = /  Service:\n    Type: AWS::ECS::Service\n[\s\S]*?\n\n/;
  if (!serviceBlock.test(text)) throw new Error('the template has no AWS::ECS::Service block');
  return text.replace(serviceBlock, `${runner}\n`);
};
