import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../cli/helpers';

/** The README's `## Check` section shows a real run on a broken stack: it must stay what the CLI prints. */
describe('README: the check run', () => {
  it('should show the output policygen check prints today', async () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Check\n'), readme.indexOf('\n## Lint\n'));
    const block = /```text\n\$ policygen (check [^\n]+)\n([\s\S]*?)```/.exec(section);
    expect(block).not.toBeNull();
    const run = await runInProcess(block![1]!.split(' '));
    expect(run.status).toBe(1);
    expect(block![2]).toBe(run.stdout);
  });
});
