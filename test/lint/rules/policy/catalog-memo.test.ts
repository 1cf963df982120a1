import { memoizePerCatalog } from '../../../../src/lint/rules/policy/lib/catalog-memo';
import type { IamCatalog } from '../../../../src/lint/types';

describe('memoizePerCatalog', () => {
  // Only the identity of a catalog matters to the memo: stand-ins tell the answers apart.
  const first = { name: 'first' } as unknown as IamCatalog;
  const second = { name: 'second' } as unknown as IamCatalog;
  const nameOf = (iam: IamCatalog) => (iam as unknown as { name: string }).name;

  it('answers once per catalog and key, whatever catalog was asked before', () => {
    const asked: string[] = [];
    const memo = memoizePerCatalog((iam, key) => {
      asked.push(`${nameOf(iam)} ${key}`);
      return `${nameOf(iam)}:${key}`;
    });
    const answers = [memo(first, 'a'), memo(first, 'a'), memo(second, 'a'), memo(first, 'a'), memo(first, 'b'), memo(second, 'a'), memo(second, 'b')];
    expect(answers).toEqual(['first:a', 'first:a', 'second:a', 'first:a', 'first:b', 'second:a', 'second:b']);
    expect(asked).toEqual(['first a', 'second a', 'first b', 'second b']);
  });

  it('tells keys apart by their exact text', () => {
    let calls = 0;
    const memo = memoizePerCatalog(() => ++calls);
    expect([memo(first, 'S3:GetObject'), memo(first, 's3:getobject'), memo(first, 'S3:GetObject')]).toEqual([1, 2, 1]);
  });
});
