#!/usr/bin/env node
'use strict';
/**
 * n8n in queue mode by hand, for debugging: PostgreSQL, Redis, n8n main + worker + two webhook
 * processes and nginx in front, as the queue-mode suite runs them (scripts/lib/queue-mode.js),
 * until Ctrl+C. Build first (npm run build): the processes load this package from dist/.
 *
 *   node scripts/queue-up.js [--round-robin] [--webhooks=N]
 *
 * E2E_QUEUE_BASE_PORT moves every port (default 6100); E2E_KEEP=1 keeps the folders and logs.
 */
const { startQueueMode } = require('./lib/queue-mode');
const { MissingPackageError } = require('./lib/queue-services');
const { PortInUseError } = require('./lib/ports');

async function main() {
	const args = process.argv.slice(2);
	const webhookCount = Number(
		(args.find((a) => a.startsWith('--webhooks=')) ?? '--webhooks=2').split('=')[1],
	);
	const balancer = args.includes('--round-robin') ? 'round-robin' : 'per-trigger';
	let setup;
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping...');
		await setup?.stop().catch((error) => console.error(error.message));
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	try {
		await startQueueMode({
			balancer,
			webhookCount,
			log: (line) => console.log(line),
			onSetup: (s) => (setup = s),
		});
	} catch (error) {
		if (error instanceof PortInUseError || error instanceof MissingPackageError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	console.log(`
n8n in queue mode (${balancer} balancer):
  editor and REST API (through the balancer)  ${setup.publicUrl}
  main                                        ${setup.main.url}
  webhook processes                           ${setup.webhooks.map((w) => w.url).join('  ')}
  logs                                        ${setup.dir}/logs, ${setup.dir}/nginx/access.log
Ctrl+C stops everything.`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
