import { checkYaml, goodFargateWith, stepOf } from './helpers';

/**
 * A VPC endpoint whose ServiceName is a parameter without value may be the endpoint a hop needs:
 * the walk cannot know, so the hop is unknown, never blocked (project standard: a check never says
 * "blocked" when it cannot know).
 */
describe('check: an endpoint whose service is known only at deploy time', () => {
  const text = goodFargateWith('ServiceName: !Sub com.amazonaws.${AWS::Region}.logs', 'ServiceName: !Ref LogsServiceName').replace(
    /\nParameters:\n/,
    '\nParameters:\n  LogsServiceName:\n    Type: String\n',
  );

  it('should leave the awslogs steps unknown, naming the endpoint', () => {
    expect(text).toContain('LogsServiceName:\n    Type: String');
    const report = checkYaml(text);
    const events = stepOf(report, 'log-events');
    expect(events).toMatchObject({ verdict: 'unknown', allowed: null });
    expect(events.reason).toContain('LogsEndpoint');
    expect(report.summary.blocked).toBe(0);
  });

  it('should still block them once the parameter names another service', () => {
    const report = checkYaml(text, { region: 'eu-west-1', accountId: '111122223333', parameters: { LogsServiceName: 'com.amazonaws.eu-west-1.sqs' } });
    expect(stepOf(report, 'log-events').verdict).toBe('blocked');
  });
});
