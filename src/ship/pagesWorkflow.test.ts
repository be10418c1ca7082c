/**
 * The GitHub Pages workflow (.github/workflows/pages.yml) parses as YAML and has what a Pages deployment
 * needs: the trigger, the permissions, one deployment at a time, Node 20 with the npm cache, `npm ci`, a
 * build under the repository's sub-path, the artifact upload and the deployment (docs/deploy.md).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import source from '../../.github/workflows/pages.yml?raw';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  environment?: { name: string; url?: string };
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const workflow = parse(source, { strict: true, uniqueKeys: true }) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const action = (name: string): Step | undefined => steps.find((s) => s.uses?.split('@')[0] === name);

describe('the GitHub Pages workflow', () => {
  it('runs on pushes to main and by hand', () => {
    expect(workflow.on).toHaveProperty('push');
    expect((workflow.on.push as { branches: string[] }).branches).toContain('main');
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('may deploy to Pages and nothing more, one deployment at a time', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(workflow.concurrency.group).toBeTruthy();
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
  });

  it('builds with Node 20, the npm cache and npm ci', () => {
    expect(action('actions/checkout')).toBeDefined();
    const node = action('actions/setup-node');
    expect(node?.with).toMatchObject({ 'node-version': 20, cache: 'npm' });
    expect(steps.some((s) => s.run?.trim() === 'npm ci')).toBe(true);
  });

  it('builds under /REPOSITORY/ and checks the first-load budget', () => {
    const build = steps.find((s) => /\bnpm run build\b|\bvite build\b/.test(s.run ?? ''));
    expect(build?.env?.BASE_PATH).toBe('/${{ github.event.repository.name }}/');
    expect(steps.some((s) => /\bnpm run size\b/.test(s.run ?? ''))).toBe(true);
  });

  it('uploads dist/ and deploys it from a job that needs the build', () => {
    expect(action('actions/upload-pages-artifact')?.with).toMatchObject({ path: 'dist' });
    const [deployName, deploy] = Object.entries(workflow.jobs).find(([, job]) =>
      job.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')),
    )!;
    const buildName = Object.entries(workflow.jobs).find(([, job]) =>
      job.steps.some((s) => s.uses?.startsWith('actions/upload-pages-artifact@')),
    )![0];
    expect(deployName).not.toBe(buildName);
    expect([deploy.needs].flat()).toContain(buildName);
    expect(deploy.environment?.name).toBe('github-pages');
    const step = deploy.steps.find((s) => s.uses?.startsWith('actions/deploy-pages@'))!;
    expect(deploy.environment?.url).toBe(`\${{ steps.${step.id}.outputs.page_url }}`);
  });

  it('pins every action to a major version', () => {
    for (const s of steps.filter((s) => s.uses)) expect(s.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
  });
});
