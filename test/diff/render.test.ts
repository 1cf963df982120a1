import { renderDiffJson } from '../../src/render/diff-json';
import { renderDiffText, TEXT_MAX_ACTIONS, TEXT_MAX_PER_ACTION } from '../../src/render/diff-text';
import { ACCOUNT, diff, OTHER_ACCOUNT, policy } from './helpers';

describe('diff output', () => {
  it('should list a few actions and a few resources per action, and say how many more there are', async () => {
    const before = policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app` });
    const after = policy({
      Effect: 'Allow',
      Action: 'ecr:*',
      Resource: ['*', ...['a', 'b', 'c', 'd'].map((r) => `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${r}`)],
    });
    const result = await diff(before, after);
    const text = renderDiffText(result, { oldFile: 'old.json', newFile: 'new.json' });
    const actions = new Set(result.added.map((e) => e.request.action));
    expect(actions.size).toBeGreaterThan(TEXT_MAX_ACTIONS);
    expect(text).toContain(`… and ${actions.size - TEXT_MAX_ACTIONS} more actions (--format json lists them)`);
    // A repository action has more new resources than are shown: repositories a to d, and one no document names.
    expect(text).toMatch(new RegExp(`\\n  ecr:BatchDeleteImage\\n(    .*\\n      .*\\n      .*\\n){${TEXT_MAX_PER_ACTION}}    … and \\d+ more resources?\\n`));
    expect(text.split('\n')[0]).toBe(
      `NEW (new.json) is broader than OLD (old.json): it allows ${result.counts.added.toLocaleString('en-US')} requests that OLD denies.`,
    );
  });

  it('should say when the universe was capped', async () => {
    const result = await diff(
      policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' }),
      policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      { maxRequests: 30 },
    );
    expect(renderDiffText(result, {})).toContain('The universe was capped at 30 evaluations');
    expect(JSON.parse(renderDiffJson(result)).universe).toMatchObject({ capped: true, limit: 30 });
  });

  it('should name callers of resource policies and the Deny that denies', async () => {
    const grant = { Effect: 'Allow', Principal: { AWS: [ACCOUNT, OTHER_ACCOUNT] }, Action: 'ecr:BatchGetImage', Resource: '*' };
    const deny = { Effect: 'Deny', Principal: { AWS: OTHER_ACCOUNT }, Action: 'ecr:BatchGetImage', Resource: '*' };
    const result = await diff(policy(grant, deny), policy(grant));
    const text = renderDiffText(result, {});
    expect(text).toContain(`      principal: arn:aws:iam::${OTHER_ACCOUNT}:role/`);
    expect(text).toContain('allowed by NEW Statement[0]; denied by OLD Statement[1]');
    const json = JSON.parse(renderDiffJson(result));
    expect(json.added[0]).toMatchObject({
      principal: expect.stringContaining(OTHER_ACCOUNT),
      deniedBy: { decision: 'ExplicitDeny', statements: [{ statementIndex: 1, effect: 'Deny' }] },
    });
  });

  it('should escape control characters that come from the documents', async () => {
    const repo = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/a\u001b[31mred`;
    const result = await diff(
      policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/b` }),
      policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: repo }),
    );
    const text = renderDiffText(result, { newFile: 'new\u001b.json' });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('a\\u001b[31mred');
  });
});
