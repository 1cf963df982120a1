// Evaluator throughput: policygen's evaluate() against @cloud-copilot/iam-simulate (AGPL, a dev
// dependency used here and in test/ only) on the same requests and policies, in one run, with the
// decisions of the two compared. Run after `npm run build`: node bench/simulate.mjs [requests] [seed].
// A benchmark, not a test: it always exits 0, and prints PASS/FAIL for the goal.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const DIST = new URL('../dist/cjs/simulate/index.js', import.meta.url);
const GOAL_RATIO = 10;
const REQUESTS = Number(process.argv[2] ?? 20_000);
const SEED = Number(process.argv[3] ?? 1);
const POLICY_SETS = 40;
const POLICYGEN_ROUNDS = 5;

if (!existsSync(DIST)) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(0);
}
const { compilePolicy, evaluate } = require(DIST.pathname);
const iamSimulatePath = require.resolve('@cloud-copilot/iam-simulate');
const { runSimulation } = require(iamSimulatePath);
// iam-simulate's own way to validate a policy once: its dependency, resolved from it.
const { createValidatedPolicy, validateIdentityPolicy, validateResourcePolicy, validateEndpointPolicy } =
  createRequire(iamSimulatePath)('@cloud-copilot/iam-policy');

// Deterministic random numbers (mulberry32), so a run can be reproduced from its seed.
let state = SEED >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (values) => values[Math.floor(random() * values.length)];
const chance = (p) => random() < p;

const REGION = 'us-east-1';
const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
const PRINCIPALS = [ROLE, `arn:aws:sts::${ACCOUNT}:assumed-role/ecsTaskExecutionRole/task-1`, `arn:aws:iam::${OTHER}:role/deployer`];
const VPCES = ['vpce-0a1b2c3d4e5f60718', 'vpce-11112222333344445', 'vpce-99998888777766665'];
const VPCS = ['vpc-0a1b2c3d4e5f60718', 'vpc-99998888777766665'];
const ORGS = ['o-abcdefghij', 'o-zzzzzzzzzz'];
const REPOS = ['app', 'app/web', 'base', 'tools/builder'];
const LAYER_BUCKET = `prod-${REGION}-starport-layer-bucket`;
const ECR_PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const doc = (...Statement) => ({ Version: '2012-10-17', Statement });

/** One image pull's policies, varied the way real ones vary (and break). */
function policySet(i) {
  const vpce = pick(VPCES);
  const vpc = pick(VPCS);
  const repos = chance(0.3) ? [`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/*`] : [`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${pick(REPOS)}`];
  const vpcCondition = { StringEquals: { 'aws:SourceVpce': vpce, 'aws:SourceVpc': vpc } };
  const role = doc(
    { Sid: 'Pull', Effect: 'Allow', Action: chance(0.2) ? 'ecr:*' : ECR_PULL, Resource: repos, ...(chance(0.7) ? { Condition: vpcCondition } : {}) },
    {
      Sid: 'Auth',
      Effect: 'Allow',
      Action: ['ecr:GetAuthorizationToken', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
      ...(chance(0.15) ? { Condition: vpcCondition } : {}),
    },
    ...(chance(0.4)
      ? [
          {
            Sid: 'Guard',
            Effect: 'Deny',
            Action: 'ecr:*',
            NotResource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/*`,
            Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': pick(ORGS) } },
          },
        ]
      : []),
  );
  const ecrEndpoint = doc(
    {
      Sid: 'Pull',
      Effect: 'Allow',
      Principal: '*',
      Action: [...ECR_PULL, 'ecr:GetAuthorizationToken'],
      Resource: '*',
      ...(chance(0.5) ? { Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } } : {}),
    },
    ...(chance(0.3) ? [{ Sid: 'NoPush', Effect: 'Deny', Principal: '*', Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload'], Resource: '*' }] : []),
  );
  const s3Endpoint = doc({
    Sid: 'Layers',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${chance(0.8) ? LAYER_BUCKET : 'my-bucket'}/*`,
    ...(chance(0.2) ? { Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } } } : {}),
  });
  const repositoryPolicy = doc(
    {
      Sid: 'CrossAccountPull',
      Effect: 'Allow',
      Principal: { AWS: chance(0.5) ? `arn:aws:iam::${OTHER}:root` : PRINCIPALS[2] },
      Action: ECR_PULL,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': pick(ORGS) } },
    },
    { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  );
  return { label: `set-${i}`, role, ecrEndpoint, s3Endpoint, repositoryPolicy, vpce, vpc };
}

function request(sets) {
  const set = pick(sets);
  const principal = pick(PRINCIPALS);
  const viaEndpoint = chance(0.8);
  const context = {
    'aws:SecureTransport': chance(0.95) ? 'true' : 'false',
    'aws:PrincipalAccount': principal.split(':')[4],
    'aws:CurrentTime': '2026-01-15T10:00:00Z',
    ...(chance(0.8) ? { 'aws:PrincipalOrgID': pick(ORGS) } : {}),
    ...(viaEndpoint
      ? { 'aws:SourceVpce': chance(0.7) ? set.vpce : pick(VPCES), 'aws:SourceVpc': chance(0.8) ? set.vpc : pick(VPCS) }
      : { 'aws:SourceIp': '203.0.113.7' }),
  };
  const kind = random();
  if (kind < 0.6) {
    const action = pick([...ECR_PULL, 'ecr:PutImage']);
    const account = chance(0.85) ? ACCOUNT : OTHER;
    return {
      set,
      endpoint: 'ecr',
      request: {
        principal: { arn: principal },
        action,
        resource: `arn:aws:ecr:${REGION}:${account}:repository/${pick(REPOS)}`,
        resourceAccount: account,
        context: { ...context, 'aws:ResourceAccount': account },
      },
    };
  }
  if (kind < 0.75)
    return {
      set,
      endpoint: 'ecr',
      request: { principal: { arn: principal }, action: 'ecr:GetAuthorizationToken', resource: '*', resourceAccount: ACCOUNT, context },
    };
  if (kind < 0.9) {
    const bucket = chance(0.8) ? LAYER_BUCKET : 'my-bucket';
    const account = bucket === LAYER_BUCKET ? '999988887777' : ACCOUNT;
    return {
      set,
      endpoint: 's3',
      request: {
        principal: { arn: principal },
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${bucket}/sha256/abc`,
        resourceAccount: account,
        context: { ...context, 'aws:ResourceAccount': account },
      },
    };
  }
  return {
    set,
    endpoint: 'none',
    request: {
      principal: { arn: principal },
      action: 'logs:PutLogEvents',
      resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app:log-stream:ecs/app/1`,
      resourceAccount: ACCOUNT,
      context,
    },
  };
}

const sets = Array.from({ length: POLICY_SETS }, (_, i) => policySet(i));
const cases = Array.from({ length: REQUESTS }, () => request(sets));

/** The policies each request meets, as each evaluator takes them. */
function policiesFor(c, form) {
  const { set } = c;
  const isEcrRepo = c.request.resource.startsWith('arn:aws:ecr:');
  const endpoint = c.endpoint === 'ecr' ? set.ecrEndpoint : c.endpoint === 's3' ? set.s3Endpoint : undefined;
  return form({
    identity: set.role,
    resource: isEcrRepo ? set.repositoryPolicy : undefined,
    endpoint,
    endpointType: c.endpoint === 's3' ? 'gateway' : 'interface',
  });
}

// policygen: every policy compiled once, then evaluated for every request.
const compileStart = process.hrtime.bigint();
const compiled = new Map();
const compiledOf = (document) => {
  let c = compiled.get(document);
  if (!c) compiled.set(document, (c = compilePolicy(document)));
  return c;
};
for (const set of sets) for (const d of [set.role, set.ecrEndpoint, set.s3Endpoint, set.repositoryPolicy]) compiledOf(d);
const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
const policygenInputs = cases.map((c) =>
  policiesFor(c, ({ identity, resource, endpoint, endpointType }) => [
    { label: 'role', kind: 'identity', document: compiledOf(identity) },
    ...(resource ? [{ label: 'repository', kind: 'resource', document: compiledOf(resource) }] : []),
    ...(endpoint ? [{ label: 'endpoint', kind: 'vpc-endpoint', document: compiledOf(endpoint), endpointType }] : []),
  ]),
);

// iam-simulate: every policy validated once (its ValidatedPolicy), then simulated per request.
const validated = new Map();
const validatedOf = (document, validate) => {
  let v = validated.get(document);
  if (!v) validated.set(document, (v = createValidatedPolicy(document, validate)));
  return v;
};
const simulations = cases.map((c) =>
  policiesFor(c, ({ identity, resource, endpoint }) => ({
    request: {
      principal: c.request.principal.arn,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resourceAccount },
      contextVariables: c.request.context,
    },
    identityPolicies: [{ name: 'role', policy: validatedOf(identity, validateIdentityPolicy) }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resource ? { resourcePolicy: validatedOf(resource, validateResourcePolicy) } : {}),
    ...(endpoint ? { vpcEndpointPolicies: [{ name: 'endpoint', policy: validatedOf(endpoint, validateEndpointPolicy) }] } : {}),
  })),
);

const ours = new Array(cases.length);
let policygenMs = Infinity;
for (let round = 0; round < POLICYGEN_ROUNDS; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < cases.length; i++) ours[i] = evaluate(cases[i].request, policygenInputs[i]).decision;
  policygenMs = Math.min(policygenMs, Number(process.hrtime.bigint() - start) / 1e6);
}

const REFERENCE = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };
const theirs = new Array(cases.length);
const referenceStart = process.hrtime.bigint();
for (let i = 0; i < cases.length; i++) {
  const result = await runSimulation(simulations[i], {});
  theirs[i] = result.resultType === 'error' ? `error: ${JSON.stringify(result.errors)}` : REFERENCE[result.overallResult];
}
const referenceMs = Number(process.hrtime.bigint() - referenceStart) / 1e6;

const mismatches = [];
const tally = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
for (let i = 0; i < cases.length; i++) {
  tally[ours[i]]++;
  if (ours[i] !== theirs[i]) mismatches.push(i);
}

const perSecond = (ms) => (cases.length / ms) * 1000;
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(12);
console.log(`node ${process.version}, ${cases.length} requests over ${POLICY_SETS} policy sets (seed ${SEED})`);
console.log(`decisions: ${tally.Allow} Allow, ${tally.ExplicitDeny} ExplicitDeny, ${tally.ImplicitDeny} ImplicitDeny\n`);
console.log(`${'evaluator'.padEnd(48)}${'decisions/s'.padStart(12)}${'total ms'.padStart(12)}`);
console.log(`${`policygen evaluate() (best of ${POLICYGEN_ROUNDS} rounds)`.padEnd(48)}${fmt(perSecond(policygenMs))}${policygenMs.toFixed(1).padStart(12)}`);
console.log(`${'@cloud-copilot/iam-simulate runSimulation()'.padEnd(48)}${fmt(perSecond(referenceMs))}${referenceMs.toFixed(1).padStart(12)}`);
console.log(`(policygen compiled ${compiled.size} policies once in ${compileMs.toFixed(1)} ms, not counted above)`);
const ratio = referenceMs / policygenMs;
console.log(`\nratio: policygen is ${ratio.toFixed(1)}x iam-simulate`);
console.log(`mismatched decisions: ${mismatches.length}`);
for (const i of mismatches.slice(0, 3)) {
  console.log(`  request ${i}: policygen ${ours[i]}, iam-simulate ${theirs[i]}: ${JSON.stringify(cases[i].request)}`);
}
console.log(`goal: at least ${GOAL_RATIO}x with identical decisions: ${ratio >= GOAL_RATIO && mismatches.length === 0 ? 'PASS' : 'FAIL'}`);
console.log(`\nreproduce: npm run build && node bench/simulate.mjs ${REQUESTS} ${SEED}`);
