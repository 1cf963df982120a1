import { looseWildcard } from '../../../../src/lint/rules/policy/vpce-wildcard-needs-six-literals';
import { isOpenResource } from '../../../../src/lint/rules/policy/lib/star-grants';
import { nearest } from '../../../../src/lint/rules/policy/lib/nearest';

describe('looseWildcard (six literal characters before or after each wildcard, PrivateLink Guide)', () => {
  it.each([
    ['arn:aws:iam::*:role/app', undefined],
    ['payments-*', undefined],
    ['*-payments', undefined],
    ['*', 0],
    ['pay*', 3],
    ['payme*x', 5],
    ['paymen*x', undefined],
    ['abcdef*?', 7],
  ])('%s -> %s', (value, expected) => {
    expect(looseWildcard(value)).toBe(expected);
  });
});

describe('isOpenResource', () => {
  const probe = 'role/zq-policygen-probe-role';
  it.each([
    ['*', true],
    ['arn:aws:iam::111122223333:role/*', true],
    ['arn:aws:iam::*:role/*', true],
    ['arn:aws:iam::*:*', true],
    ['arn:aws-cn:iam::111122223333:role/*', true],
    ['arn:aws:iam::111122223333:role/app', false],
    ['arn:aws:iam::111122223333:role/ecs-*', false],
    ['arn:aws:s3:::bucket/*', false],
  ])('%s -> %s', (resource, expected) => {
    expect(isOpenResource(resource, probe)).toBe(expected);
  });
});

describe('nearest', () => {
  it('suggests the closest name within a few edits', () => {
    expect(nearest('RemoveTagsToResource', ['AddTagsToResource', 'RemoveTagsFromResource', 'ListTagsForResource'])).toBe('RemoveTagsFromResource');
    expect(nearest('ListBuckets', ['ListBucket', 'ListAllMyBuckets'])).toBe('ListBucket');
    expect(nearest('Zzzzzz', ['GetObject'])).toBeUndefined();
  });
});
