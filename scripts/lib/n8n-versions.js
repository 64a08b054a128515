'use strict';
/**
 * The n8n versions this package is tested on: the one place that names them. n8n-install.js,
 * .ci/run, .github/workflows/ci.yml (through `node scripts/lib/n8n-versions.js`), the trigger
 * benchmark and the README's Compatibility table (checked by test/docs/compatibility.test.ts) read
 * them from here.
 */

/** n8n's maintained 1.x line (long-term; 1.123.81 was released the week of 2.41.0). Runs on Node 22. */
const LTS_N8N_VERSION = '1.123.81';
/** The newest n8n that runs on Node 20 (n8n-core from 2.10 needs Node 22): the default everywhere. */
const DEFAULT_N8N_VERSION = '2.8.4';
/** The newest n8n that installs from the registry here (2.41.3 needs an @n8n/agents the registry lacks). */
const NEWEST_N8N_VERSION = '2.41.1';

/** Every version the regular end-to-end suite (`npm run test:e2e`) runs on in CI, oldest first. */
const E2E_N8N_VERSIONS = [LTS_N8N_VERSION, DEFAULT_N8N_VERSION, NEWEST_N8N_VERSION];
/**
 * The versions the queue-mode suite runs on in CI. Not 1.x: the queue-mode guarantees documented in
 * docs/queue-mode.md are measured on 2.x, the line new installs and n8n Cloud run. 2.41.1 joined
 * once the suite's execution count was fixed and it had passed by hand twice (2026-12-02).
 */
const QUEUE_N8N_VERSIONS = [DEFAULT_N8N_VERSION, NEWEST_N8N_VERSION];
/** The versions the trigger benchmark (`npm run bench`, BENCH_N8N_VERSIONS) starts by default. */
const BENCH_N8N_VERSIONS = [DEFAULT_N8N_VERSION, NEWEST_N8N_VERSION];

module.exports = {
	LTS_N8N_VERSION,
	DEFAULT_N8N_VERSION,
	NEWEST_N8N_VERSION,
	E2E_N8N_VERSIONS,
	QUEUE_N8N_VERSIONS,
	BENCH_N8N_VERSIONS,
};

// `node scripts/lib/n8n-versions.js e2e|queue [--json]`: the list for a shell script or a CI matrix.
if (require.main === module) {
	const [which, format] = process.argv.slice(2);
	const list = { e2e: E2E_N8N_VERSIONS, queue: QUEUE_N8N_VERSIONS }[which];
	if (!list) {
		process.stderr.write('usage: node scripts/lib/n8n-versions.js e2e|queue [--json]\n');
		process.exit(2);
	}
	process.stdout.write(`${format === '--json' ? JSON.stringify(list) : list.join(' ')}\n`);
}
