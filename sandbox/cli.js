#!/usr/bin/env node
'use strict';
/**
 * Starts the Linq sandbox: `node sandbox/cli.js [--port 4010] [--key sk_sandbox_dev]`.
 * Put the printed Base URL and API key into a "Linq API" credential in any n8n.
 */
const { createSandbox } = require('./server');
const { SEED_IDS, LINES } = require('./state');
const { assertPortFree, exitOnPortInUse } = require('../scripts/lib/ports');
const { onStopRequest } = require('../scripts/lib/process-group');

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
	const control = `${sandbox.origin}/__sandbox`;
	console.log(`Linq sandbox listening (all 41 Linq API V3 endpoints, in memory).
  Base URL: ${sandbox.baseUrl}
  API key:  ${sandbox.apiKey}
  Lines:    ${LINES.main} (id ${SEED_IDS.lineMain}), ${LINES.second} (id ${SEED_IDS.lineSecond})
  Seeded chats: Launch Team (iMessage, 5 people) ${SEED_IDS.imessageGroup}
                Field Crew (SMS, 4 people)       ${SEED_IDS.smsGroup}
                a DM                              ${SEED_IDS.dm}
                Trio (iMessage, 3 people)         ${SEED_IDS.smallGroup}
  The other side (POST JSON, no auth; each sends its signed webhooks):
    ${control}/inbound      { chat_id | from_handle (+ line), from_handle?, text?, media?: [{ filename, content_type, base64 }], reply_to? }
    ${control}/reaction     { message_id, type, custom_emoji?, operation?: "add"|"remove", from_handle?, part_index? }
    ${control}/typing       { chat_id, started: true|false }
    ${control}/location     { chat_id, features: [{ geometry: { coordinates: [lon, lat] }, properties: { handle } }] }
    ${control}/read         { message_id }
    ${control}/fail         { message_id, code?, reason? }
    ${control}/line-status  { phone_number, status?: "ACTIVE"|"FLAGGED", reputation?: "HEALTHY"|"AT_RISK"|"CRITICAL" }
    ${control}/rate-limit   { perSecond, burst? }  ({} turns it off)
  Switches: ${control}/{state,requests,deliveries,faults,latency,chats,reset}
  All of them, with their arguments: ${control}/`);
	onStopRequest(async () => {
		await sandbox.close();
		process.exit(0);
	});
})().catch(exitOnPortInUse);
