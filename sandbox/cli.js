#!/usr/bin/env node
'use strict';
/**
 * Starts the Linq sandbox: `node sandbox/cli.js [--port 4010] [--key sk_sandbox_dev]`.
 * Put the printed Base URL and API key into a "Linq API" credential in any n8n.
 */
const { createSandbox } = require('./server');
const { SEED_IDS } = require('./state');
const { assertPortFree, exitOnPortInUse } = require('../scripts/lib/ports');

function argument(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

(async () => {
	const port = Number(argument('port', process.env.LINQ_SANDBOX_PORT || 4010));
	await assertPortFree({ port, what: 'Linq sandbox', variable: 'LINQ_SANDBOX_PORT' });
	const sandbox = await createSandbox({
		port,
		apiKey: argument('key', process.env.LINQ_SANDBOX_KEY || 'sk_sandbox_dev'),
		retryDelaysMs: [1000, 2000, 4000, 8000, 16000, 30000, 60000, 60000, 60000, 60000],
	});
	console.log(`Linq sandbox listening.
  Base URL: ${sandbox.baseUrl}
  API key:  ${sandbox.apiKey}
  Seeded chats: Launch Team (iMessage, 5 people) ${SEED_IDS.imessageGroup}
                Field Crew (SMS, 4 people)       ${SEED_IDS.smsGroup}
                a DM                              ${SEED_IDS.dm}
                Trio (iMessage, 3 people)         ${SEED_IDS.smallGroup}
  Control: ${sandbox.origin}/__sandbox/{state,requests,deliveries,faults,latency,chats,reset}`);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})().catch(exitOnPortInUse);
