/**
 * The docs tell the truth about what the code does: their tables (README.md, docs/, CONTRIBUTING.md)
 * are checked against the code.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
	blockOf,
	endpointsTable,
	operationsSummary,
	operationsTable,
} from '../../scripts/docs/tables';
import { findOperation, OPERATIONS } from '../../nodes/Linq/actions/registry';
import {
	DEPRECATED_ENDPOINTS,
	LINQ_ENDPOINTS,
	type EndpointName,
} from '../../nodes/shared/endpoints';
import { linqErrorHint } from '../../nodes/shared/errors';

const ROOT = path.join(__dirname, '..', '..');
const read = (...file: string[]) => fs.readFileSync(path.join(ROOT, ...file), 'utf8');
const readme = read('README.md');

function filesUnder(dir: string): string[] {
	return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(relative);
		return /\.(ts|js|mjs)$/.test(entry.name) ? [relative] : [];
	});
}

describe('the docs', () => {
	it('the hint table in docs/errors.md shows exactly the hint the node gives for each Linq code', () => {
		const rows = [...read('docs', 'errors.md').matchAll(/^\| (\d{4}) \| (.*) \|$/gm)];
		expect(rows.length).toBeGreaterThanOrEqual(48);
		for (const [, code, hint] of rows)
			expect([code, hint]).toEqual([code, linqErrorHint(Number(code))]);
	});

	it('the nginx setting in docs/queue-mode.md is the one the queue-mode suite runs', () => {
		const doc = read('docs', 'queue-mode.md');
		const conf = fs.readFileSync(
			path.join(ROOT, 'scripts', 'queue', 'nginx-per-trigger.conf'),
			'utf8',
		);
		const strip = (text: string) => text.replace(/^\s+/gm, '');
		const map = /map \$http_webhook_id[^}]*\}/.exec(conf)?.[0];
		expect(map).toBeDefined();
		expect(strip(doc)).toContain(strip(map as string));
		for (const line of [
			'hash $n8n_webhook_key consistent;',
			'proxy_next_upstream error http_404 non_idempotent;',
			'proxy_set_header Host $http_host;',
		]) {
			expect(conf).toContain(line);
			expect(doc).toContain(line);
		}
	});

	it("the operation table in docs/linq-node.md is the node's operations (run `npm run docs` after changing them)", () => {
		expect(blockOf(read('docs', 'linq-node.md'), 'operations')).toBe(operationsTable());
	});

	it("the README's list of operations per resource is the node's operations", () => {
		expect(blockOf(readme, 'operations')).toBe(operationsSummary());
	});

	it('the endpoint table in docs/linq-node.md lists every Linq V3 endpoint with the operations that call it', () => {
		expect(blockOf(read('docs', 'linq-node.md'), 'endpoints')).toBe(endpointsTable());
		expect(Object.keys(LINQ_ENDPOINTS)).toHaveLength(41);
		for (const name of Object.keys(LINQ_ENDPOINTS) as EndpointName[]) {
			const called = OPERATIONS.some((op) => op.endpoints.includes(name));
			expect([name, called || DEPRECATED_ENDPOINTS[name] !== undefined]).toEqual([name, true]);
		}
	});

	it("the AI agent section quotes Send's tool description as the node has it", () => {
		const section = readme.slice(readme.indexOf("## As an AI agent's tool"));
		expect(section).toContain(`> ${findOperation('message', 'send')?.toolDescription}\n`);
	});

	it('CONTRIBUTING.md documents every environment variable the dev loop, the tests, the scripts and the benchmark read', () => {
		const internal = new Set(['PATH', 'NODE_ENV', 'LINQAPP_BENCH']);
		const used = new Set<string>();
		for (const file of ['scripts', 'sandbox', 'test', 'bench'].flatMap(filesUnder)) {
			const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
			for (const [, name] of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) used.add(name);
		}
		for (const [, name] of fs
			.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
			.matchAll(/\$\{?([A-Z][A-Z0-9_]+)/g)) {
			if (name.startsWith('LINQAPP_')) used.add(name);
		}
		const contributing = read('CONTRIBUTING.md');
		const table = contributing.slice(contributing.indexOf('## Environment variables'));
		const missing = [...used].filter(
			(name) => !internal.has(name) && !table.includes(`\`${name}\``),
		);
		expect(missing).toEqual([]);
	});
});
