import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../cli/helpers';

/**
 * docs/check.md shows a real run on a broken stack: it must stay what the CLI prints. (The docs
 * examples test runs it too, through the built bin; this one runs the sources, without a build.)
 */
describe('docs/check.md: the run on a broken stack', () => {
  it('should show the output policygen check prints today', async () => {
    const doc = readFileSync(join(__dirname, '../../docs/check.md'), 'utf8');
    const section = doc.slice(doc.indexOf('\n## A broken stack\n'));
    const block = /```sh\npolicygen (check [^\n]+)\n```\n```text\n([\s\S]*?)```/.exec(section);
    expect(block).not.toBeNull();
    const run = await runInProcess(block![1]!.split(' '));
    expect(run.status).toBe(1);
    expect(block![2]).toBe(run.stdout);
  });
});
