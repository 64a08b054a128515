/**
 * The n8n versions are named once (scripts/lib/n8n-versions.js): the README's Compatibility table,
 * .ci/run and the install defaults follow it.
 */
import fs from 'node:fs';
import path from 'node:path';

import { blockOf } from '../../scripts/docs/tables';
import { nodeMajorFor, DEFAULT_N8N_VERSION } from '../../scripts/lib/n8n-install';
import {
	DEFAULT_N8N_VERSION as NAMED_DEFAULT,
	E2E_N8N_VERSIONS,
	QUEUE_N8N_VERSIONS,
} from '../../scripts/lib/n8n-versions';

const ROOT = path.join(__dirname, '..', '..');
const read = (...file: string[]) => fs.readFileSync(path.join(ROOT, ...file), 'utf8');

/** The Compatibility table's rows, each a list of its cells. */
function compatibilityRows(): string[][] {
	const block = blockOf(read('README.md'), 'compatibility') ?? '';
	return block
		.split('\n')
		.filter((line) => line.startsWith('|') && !/^\|(-|\|)+$/.test(line))
		.map((line) =>
			line
				.slice(1, -1)
				.split(' | ')
				.map((cell) => cell.trim()),
		);
}

describe('the n8n versions', () => {
	const rows = compatibilityRows();
	const [header] = rows;
	const row = (feature: RegExp) => rows.find(([first]) => feature.test(first)) ?? [];

	it("the README's Compatibility table has a column for each version the e2e suites run on, in order", () => {
		expect(header[0]).toBe('Feature');
		expect(header.slice(1, -1)).toEqual(E2E_N8N_VERSIONS.map((v) => `n8n ${v}`));
		expect(header[header.length - 1]).toBe('How it was checked');
		for (const cells of rows) expect([cells[0], cells.length]).toEqual([cells[0], header.length]);
	});

	it('its Node.js row is the Node each version is installed with', () => {
		expect(row(/^Node\.js$/).slice(1, -1)).toEqual(
			E2E_N8N_VERSIONS.map((v) => String(nodeMajorFor(v))),
		);
	});

	it('its queue-mode row marks exactly the versions the queue-mode suite runs on', () => {
		expect(row(/^Queue mode/).slice(1, -1)).toEqual(
			E2E_N8N_VERSIONS.map((v) =>
				QUEUE_N8N_VERSIONS.includes(v)
					? '✓'
					: v.startsWith('1.')
						? 'not tested'
						: 'by hand: passed once',
			),
		);
	});

	it("its words fit each line: 1.x's Active toggle, 2.x's Publish", () => {
		const trigger = row(/^Linq Trigger/).slice(1, -1);
		E2E_N8N_VERSIONS.forEach((version, i) =>
			expect([version, trigger[i]]).toEqual([
				version,
				version.startsWith('1.') ? '✓ (*Active* toggle)' : '✓ (*Publish*)',
			]),
		);
	});

	it('the install default is the named default, and every version in CI has a pinned lockfile', () => {
		expect(DEFAULT_N8N_VERSION).toBe(NAMED_DEFAULT);
		expect(E2E_N8N_VERSIONS).toContain(DEFAULT_N8N_VERSION);
		for (const version of [...E2E_N8N_VERSIONS, ...QUEUE_N8N_VERSIONS]) {
			const manifest = JSON.parse(read('scripts', 'n8n-lock', version, 'package.json'));
			expect([version, manifest.dependencies]).toEqual([version, { n8n: version }]);
			// Every package pinned by content; none fetched from anywhere but the registry npm is set to.
			const { packages } = JSON.parse(read('scripts', 'n8n-lock', version, 'package-lock.json'));
			const loose = Object.entries(
				packages as Record<string, { integrity?: string; resolved?: string; link?: boolean }>,
			).filter(
				([name, entry]) =>
					name !== '' &&
					// A local folder (the 2.4x install's Kafka stub) is an empty entry or a link.
					Object.keys(entry).length > 0 &&
					!entry.link &&
					!entry.resolved?.startsWith('file:') &&
					(!entry.integrity ||
						(entry.resolved !== undefined &&
							!entry.resolved.startsWith('https://registry.npmjs.org/'))),
			);
			expect([version, loose.map(([name]) => name)]).toEqual([version, []]);
		}
	});

	it('.ci/run and ci.yml take the versions from the module, not from literals', () => {
		const ciRun = read('.ci', 'run');
		expect(ciRun).toContain('node scripts/lib/n8n-versions.js e2e');
		expect(ciRun).toContain('node scripts/lib/n8n-versions.js queue');
		for (const text of [ciRun, read('.github', 'workflows', 'ci.yml')])
			for (const version of E2E_N8N_VERSIONS) expect(text).not.toContain(version);
	});
});
