/**
 * The GitHub Actions workflows n8n's verification relies on: CI on every push and pull request, and
 * publishing from a version tag with an npm provenance statement (id-token: write).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { E2E_N8N_VERSIONS, QUEUE_N8N_VERSIONS } from '../../scripts/lib/n8n-versions';

const VERSIONS_SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'lib', 'n8n-versions.js');

interface Step {
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	steps: Step[];
	permissions?: Record<string, string>;
	needs?: string | string[];
	outputs?: Record<string, string>;
	strategy?: { matrix?: Record<string, unknown> };
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const read = (name: string) =>
	parse(
		fs.readFileSync(path.join(__dirname, '..', '..', '.github', 'workflows', name), 'utf8'),
	) as Workflow;
const runs = (workflow: Workflow) =>
	Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
const indexOfRun = (steps: string[], pattern: RegExp) =>
	steps.findIndex((run) => pattern.test(run));

describe('.github/workflows', () => {
	it('ci.yml installs, builds, lints and tests on every push and pull request', () => {
		const ci = read('ci.yml');
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
		const steps = runs(ci);
		for (const command of [
			/^npm ci\b/,
			/^npm run build$/,
			/^npm run lint$/,
			/^npm test$/,
			/^npm run test:e2e$/,
			/^npm run test:e2e:queue$/,
		]) {
			expect(indexOfRun(steps, command)).toBeGreaterThanOrEqual(0);
		}
		// The queue-mode suite's job installs what it starts.
		const queue = ci.jobs.queue.steps.map((step) => step.run ?? '');
		expect(indexOfRun(queue, /apt-get install -y postgresql redis-server nginx/)).toBeLessThan(
			indexOfRun(queue, /^npm run test:e2e:queue$/),
		);
		expect(indexOfRun(queue, /apt-get install/)).toBeGreaterThanOrEqual(0);
	});

	it('ci.yml runs the end-to-end suites on every n8n version scripts/lib/n8n-versions.js names, and only those', () => {
		const ci = read('ci.yml');
		// The versions job prints the lists; the suites' matrices are made from its output.
		const list = ci.jobs.versions.steps.map((step) => step.run ?? '').join('\n');
		expect(list).toContain('node scripts/lib/n8n-versions.js e2e --json');
		expect(list).toContain('node scripts/lib/n8n-versions.js queue --json');
		for (const [job, suite, which] of [
			['e2e', /^npm run test:e2e$/, 'e2e'],
			['queue', /^npm run test:e2e:queue$/, 'queue'],
		] as const) {
			expect(ci.jobs[job].needs).toContain('versions');
			expect(ci.jobs[job].strategy?.matrix?.n8n).toBe(
				`\${{ fromJSON(needs.versions.outputs.${which}) }}`,
			);
			const step = ci.jobs[job].steps.find((s) => suite.test(s.run ?? ''));
			expect(step?.env?.LINQAPP_N8N_VERSION).toBe('${{ matrix.n8n }}');
		}
		expect(ci.jobs.versions.outputs).toEqual({
			e2e: '${{ steps.list.outputs.e2e }}',
			queue: '${{ steps.list.outputs.queue }}',
		});
		// What the versions job prints is the module's lists.
		const printed = (which: string) =>
			JSON.parse(
				execFileSync(process.execPath, [VERSIONS_SCRIPT, which, '--json'], { encoding: 'utf8' }),
			);
		expect(printed('e2e')).toEqual(E2E_N8N_VERSIONS);
		expect(printed('queue')).toEqual(QUEUE_N8N_VERSIONS);
	});

	it('publish.yml publishes from a version tag with provenance, after building and testing', () => {
		const publish = read('publish.yml');
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
		const permissions = { ...publish.permissions, ...Object.values(publish.jobs)[0].permissions };
		expect(permissions['id-token']).toBe('write');

		const steps = runs(publish);
		const publishAt = indexOfRun(steps, /^npm publish\b/);
		expect(steps[publishAt]).toMatch(/--provenance/);
		expect(steps[publishAt]).toMatch(/--access public/);
		for (const before of [/^npm ci\b/, /^npm run build$/, /^npm test$/]) {
			const at = indexOfRun(steps, before);
			expect(at).toBeGreaterThanOrEqual(0);
			expect(at).toBeLessThan(publishAt);
		}

		const all = Object.values(publish.jobs).flatMap((job) => job.steps);
		const setupNode = all.find((step) => step.uses?.startsWith('actions/setup-node'));
		expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
		// Trusted publishing needs no secret; the token is the documented fallback.
		expect(all.find((step) => /^npm publish/.test(step.run ?? ''))?.env?.NODE_AUTH_TOKEN).toBe(
			'${{ secrets.NPM_TOKEN }}',
		);
	});
});
