import { readCloudFormation } from '../../src/template/cloudformation';
import { parseJsonSource } from '../../src/template/source/json-source';
import { SourceParseError } from '../../src/template/source/source-error';
import { readTerraformPlan } from '../../src/template/terraform-plan';

/** Malformed inputs that the readers used to read as empty stacks (issue 12, item 1). */
function thrown(fn: () => unknown): SourceParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SourceParseError) return error;
    throw error;
  }
  throw new Error('expected a SourceParseError');
}

const PLAN_HEAD = '{\n  "format_version": "1.2",\n  "terraform_version": "1.5.0",\n';

describe('readCloudFormation on malformed templates', () => {
  it('should refuse Resources that is not a map, at its line', () => {
    const error = thrown(() => readCloudFormation(parseJsonSource('t.json', '{\n  "Resources": "x"\n}\n')));
    expect(error.message).toBe('Resources must be a map of logical IDs (CloudFormation template anatomy), received a string');
    expect(error.position.line).toBe(2);
  });

  it('should refuse a resource without a Type', () => {
    const error = thrown(() => readCloudFormation(parseJsonSource('t.json', '{\n  "Resources": {\n    "Role": { "Properties": {} }\n  }\n}\n')));
    expect(error.message).toMatch(/^Resources\.Role\.Type must be a resource type name such as AWS::IAM::Role, received nothing$/);
    expect(error.position.line).toBe(3);
  });

  it('should still read a well-formed template, and a Fn::ForEach entry', () => {
    const text = JSON.stringify({ Resources: { 'Fn::ForEach::Topics': ['T', ['a'], {}], Bucket: { Type: 'AWS::S3::Bucket' } } });
    expect(readCloudFormation(parseJsonSource('t.json', text)).policies).toEqual([]);
  });
});

describe('readTerraformPlan on malformed plans', () => {
  it('should refuse planned_values that is not a map, at its line', () => {
    const error = thrown(() => readTerraformPlan(parseJsonSource('plan.json', `${PLAN_HEAD}  "planned_values": "x"\n}\n`)));
    expect(error.message).toBe('planned_values must be a map with root_module, received a string');
    expect(error.position.line).toBe(4);
  });

  it('should refuse resource_changes that is not a list', () => {
    const error = thrown(() => readTerraformPlan(parseJsonSource('plan.json', `${PLAN_HEAD}  "resource_changes": {}\n}\n`)));
    expect(error.message).toBe('resource_changes must be a list of changes, received a map');
  });

  it('should refuse a policy attribute that is not a JSON string', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { policy: 5 } }] },
      },
    };
    const error = thrown(() => readTerraformPlan(parseJsonSource('plan.json', JSON.stringify(plan, null, 2))));
    expect(error.message).toMatch(/^planned_values\.root_module\.resources\[0\]\.values\.policy must be a policy as a JSON string, received a number$/);
  });

  it('should accept a policy known only after apply (null)', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { policy: null } }] },
      },
    };
    expect(readTerraformPlan(parseJsonSource('plan.json', JSON.stringify(plan))).policies).toEqual([]);
  });
});
