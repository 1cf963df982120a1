import { viewPolicy } from '../../src/template/policy-view';

// The view is the contract between the lint engineers (src/lint/types.ts): expected values are
// written by hand from that contract, including which keys are present and in what order.

describe('viewPolicy', () => {
  it('turns string-or-list fields into values with their paths, numbers and booleans as text', () => {
    const view = viewPolicy({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: ['ecr:BatchGetImage', 7, true, null, {}, 'ecr:GetDownloadUrlForLayer'], Resource: '*' },
        { Effect: 'Deny', NotAction: 's3:*', NotResource: ['arn:aws:s3:::b'] },
      ],
    });
    expect(view.version).toBe('2012-10-17');
    const [first, second] = view.statements;
    expect(first).toEqual({
      index: 0,
      path: ['Statement', 0],
      raw: expect.anything(),
      sid: 'A',
      effect: 'Allow',
      actions: [
        { value: 'ecr:BatchGetImage', path: ['Statement', 0, 'Action', 0] },
        { value: '7', path: ['Statement', 0, 'Action', 1] },
        { value: 'true', path: ['Statement', 0, 'Action', 2] },
        { value: 'ecr:GetDownloadUrlForLayer', path: ['Statement', 0, 'Action', 5] },
      ],
      resources: [{ value: '*', path: ['Statement', 0, 'Resource'] }],
      principalValues: [],
      conditions: [],
      conditional: false,
    });
    // One shape for every view: each property is there, undefined when the statement lacks it.
    const keys = [
      'index',
      'path',
      'raw',
      'sid',
      'effect',
      'actions',
      'notActions',
      'resources',
      'notResources',
      'principal',
      'notPrincipal',
      'principalValues',
      'conditions',
      'conditional',
    ];
    expect(Object.keys(first ?? {})).toEqual(keys);
    expect(Object.keys(second ?? {})).toEqual(keys);
    expect([first?.notActions, first?.notResources, first?.principal, first?.notPrincipal]).toEqual([undefined, undefined, undefined, undefined]);
    expect([second?.sid, second?.actions, second?.resources]).toEqual([undefined, undefined, undefined]);
    expect(second?.notActions).toEqual([{ value: 's3:*', path: ['Statement', 1, 'NotAction'] }]);
    expect(second?.notResources).toEqual([{ value: 'arn:aws:s3:::b', path: ['Statement', 1, 'NotResource', 0] }]);
  });

  it('reads a lone statement object at ["Statement"] and skips what is not a statement', () => {
    expect(viewPolicy({ Statement: { Effect: 'Allow', Action: 'sts:AssumeRole' } }).statements[0]?.actions).toEqual([
      { value: 'sts:AssumeRole', path: ['Statement', 'Action'] },
    ]);
    const view = viewPolicy({ Statement: [null, 'x', { Effect: 'Maybe', Action: { a: 1 } }, []] });
    expect(view.statements).toHaveLength(1);
    expect(view.statements[0]).toMatchObject({ index: 2, path: ['Statement', 2], actions: [] });
    expect(view.statements[0]?.effect).toBeUndefined();
    for (const document of [null, 7, [], {}, { Statement: 'x' }]) expect(viewPolicy(document).statements).toEqual([]);
  });

  it('lists principals with their type, and keeps Principal as written', () => {
    const statement = viewPolicy({
      Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 42], Service: 'ecs-tasks.amazonaws.com' }, NotPrincipal: '*' }],
    }).statements[0];
    expect(statement?.principal).toEqual({ AWS: ['arn:aws:iam::111122223333:root', 42], Service: 'ecs-tasks.amazonaws.com' });
    expect(statement?.notPrincipal).toBe('*');
    expect(statement?.principalValues).toEqual([
      { value: 'arn:aws:iam::111122223333:root', path: ['Statement', 0, 'Principal', 'AWS', 0], type: 'AWS' },
      { value: '42', path: ['Statement', 0, 'Principal', 'AWS', 1], type: 'AWS' },
      { value: 'ecs-tasks.amazonaws.com', path: ['Statement', 0, 'Principal', 'Service'], type: 'Service' },
      { value: '*', path: ['Statement', 0, 'NotPrincipal'], type: '*' },
    ]);
  });

  it('splits condition operators into set operator, base operator and IfExists', () => {
    const conditions = viewPolicy({
      Statement: [
        {
          Effect: 'Allow',
          Condition: {
            'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['team', 'env'] },
            StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:PrincipalAccount': 111122223333 },
            Bool: 'not a block',
          },
        },
      ],
    }).statements[0]?.conditions;
    expect(conditions).toEqual([
      {
        operator: 'ForAnyValue:StringLikeIfExists',
        baseOperator: 'StringLike',
        setOperator: 'ForAnyValue',
        ifExists: true,
        key: 'aws:TagKeys',
        values: [
          { value: 'team', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringLikeIfExists', 'aws:TagKeys', 0] },
          { value: 'env', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringLikeIfExists', 'aws:TagKeys', 1] },
        ],
        path: ['Statement', 0, 'Condition', 'ForAnyValue:StringLikeIfExists', 'aws:TagKeys'],
      },
      {
        operator: 'StringEquals',
        baseOperator: 'StringEquals',
        ifExists: false,
        key: 'aws:SourceVpce',
        values: [{ value: 'vpce-1a2b3c4d', path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce'] }],
        path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpce'],
      },
      {
        operator: 'StringEquals',
        baseOperator: 'StringEquals',
        ifExists: false,
        key: 'aws:PrincipalAccount',
        values: [{ value: '111122223333', path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:PrincipalAccount'] }],
        path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:PrincipalAccount'],
      },
    ]);
    expect(conditions?.[1]?.setOperator).toBeUndefined();
    // One shape for every condition view.
    expect(new Set(conditions?.map((c) => Object.keys(c).join()))).toEqual(new Set(['operator,baseOperator,setOperator,ifExists,key,values,path']));
  });

  it('gives equal paths to equal places of different policies, and never lets one view change another', () => {
    const a = viewPolicy({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }] });
    const b = viewPolicy({ Statement: [{ Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetAuthorizationToken'], Resource: '*' }] });
    expect(b.statements[0]?.actions?.[1]?.path).toEqual(['Statement', 0, 'Action', 1]);
    // Paths are read-only data: a consumer that tries to change one is stopped, not allowed to corrupt the other view.
    expect(() => (a.statements[0]?.actions?.[1]?.path as (string | number)[]).push('x')).toThrow(TypeError);
    expect(b.statements[0]?.actions?.[1]?.path).toEqual(['Statement', 0, 'Action', 1]);
  });

  it('builds paths for statements and values past the shared ones', () => {
    const statements: unknown[] = Array.from({ length: 300 }, () => ({ Effect: 'Allow', Action: 'ecr:BatchGetImage' }));
    statements[3] = { Effect: 'Allow', Action: Array.from({ length: 600 }, (_, i) => `ecr:Action${i}`) };
    statements[299] = { Effect: 'Allow', Action: ['ecr:A', 'ecr:B'] };
    const view = viewPolicy({ Statement: statements });
    expect(view.statements[299]?.path).toEqual(['Statement', 299]);
    expect(view.statements[299]?.actions?.[1]).toEqual({ value: 'ecr:B', path: ['Statement', 299, 'Action', 1] });
    expect(view.statements[3]?.actions?.[599]).toEqual({ value: 'ecr:Action599', path: ['Statement', 3, 'Action', 599] });
    expect(view.statements[4]?.actions).toEqual([{ value: 'ecr:BatchGetImage', path: ['Statement', 4, 'Action'] }]);
  });
});
