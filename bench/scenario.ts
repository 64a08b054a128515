/**
 * One benchmark scenario in its own process (so its peak RSS is its own). Prints one JSON line.
 * Run by bench/bench.ts; see there for the scenarios.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LINQ_NODE_TYPE, registerNodeType, runNode } from '../test/helpers/engine';

interface Job {
	scenario:
		| 'linq'
		| 'http-node'
		| 'bare-fetch'
		| 'trigger-webhook'
		| 'bare-hmac'
		| 'linq-send'
		| 'http-send';
	/** Sends: the chat, and n8n's Retry On Fail setting for the node. */
	chatId?: string;
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	operation?: 'add' | 'leave';
	parallel?: number;
	baseUrl: string;
	apiKey: string;
	items: IDataObject[];
	warmup: IDataObject[];
	n8nDir: string;
	/** Deliveries to verify (webhook scenarios). */
	count?: number;
}

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Job;
const ROOT = path.resolve(__dirname, '..');

// The built package, as n8n loads it; not the TypeScript sources.
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerNodeType(
	LINQ_NODE_TYPE,
	new (require(path.join(ROOT, 'dist/nodes/Linq/Linq.node.js')).Linq)(),
);

function linqParameters(): INodeParameters {
	const options = { parallelRequests: job.parallel ?? 1 };
	return job.operation === 'add'
		? {
				resource: 'chat',
				operation: 'addParticipant',
				chatId: { __rl: true, mode: 'id', value: '={{ $json.chat_id }}' },
				handle: '={{ $json.handle }}',
				options,
			}
		: {
				resource: 'chat',
				operation: 'leaveChat',
				chatId: { __rl: true, mode: 'id', value: '={{ $json.chat_id }}' },
				options,
			};
}

/** What a user builds without this package: n8n's HTTP Request node with a Bearer header. */
function httpNodeParameters(): INodeParameters {
	const common = {
		method: 'POST',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${job.apiKey}` }] },
		options: {},
	};
	return job.operation === 'add'
		? {
				...common,
				url: `={{ "${job.baseUrl}/v3/chats/" + $json.chat_id + "/participants" }}`,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'keypair',
				bodyParameters: { parameters: [{ name: 'handle', value: '={{ $json.handle }}' }] },
			}
		: { ...common, url: `={{ "${job.baseUrl}/v3/chats/" + $json.chat_id + "/leave" }}` };
}

/** Sending one text message per item to a chat: the Linq node with its defaults. */
function linqSendParameters(): INodeParameters {
	return {
		resource: 'message',
		operation: 'send',
		chatId: { __rl: true, mode: 'id', value: job.chatId },
		text: '={{ $json.text }}',
	};
}

/** The same with n8n's HTTP Request node, as a user would build it. */
function httpSendParameters(): INodeParameters {
	return {
		method: 'POST',
		url: `${job.baseUrl}/v3/chats/${job.chatId}/messages`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${job.apiKey}` }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody:
			'={{ JSON.stringify({ message: { parts: [{ type: "text", value: $json.text }] } }) }}',
		options: {},
	};
}

async function viaEngine(items: IDataObject[]) {
	if (job.scenario === 'linq-send') {
		return await runNode(
			{ parameters: linqSendParameters(), retryOnFail: job.retryOnFail },
			items,
			{ apiKey: job.apiKey, baseUrl: job.baseUrl },
		);
	}
	if (job.scenario === 'http-send') {
		return await runNode(
			{
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: httpSendParameters(),
				retryOnFail: job.retryOnFail,
			},
			items,
		);
	}
	if (job.scenario === 'linq') {
		return await runNode({ parameters: linqParameters() }, items, {
			apiKey: job.apiKey,
			baseUrl: job.baseUrl,
		});
	}
	return await runNode(
		{ type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters: httpNodeParameters() },
		items,
	);
}

async function bareFetch(items: IDataObject[]) {
	let ok = 0;
	for (const item of items) {
		const leave = job.operation === 'leave';
		const response = await fetch(
			`${job.baseUrl}/v3/chats/${item.chat_id}/${leave ? 'leave' : 'participants'}`,
			{
				method: 'POST',
				headers: {
					authorization: `Bearer ${job.apiKey}`,
					...(leave ? {} : { 'content-type': 'application/json' }),
				},
				body: leave ? undefined : JSON.stringify({ handle: item.handle }),
			},
		);
		await response.json();
		if (response.ok) ok++;
	}
	return ok;
}

async function main() {
	if (job.scenario === 'http-node' || job.scenario === 'http-send') {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { HttpRequest } = require(
			path.join(
				job.n8nDir,
				'node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
			),
		);
		registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
	}
	const measure = async (run: () => Promise<number>) => {
		const started = process.hrtime.bigint();
		const ok = await run();
		return { ok, ms: Number(process.hrtime.bigint() - started) / 1e6 };
	};
	let result: { ok: number; ms: number };
	if (job.scenario === 'bare-fetch') {
		await bareFetch(job.warmup);
		result = await measure(() => bareFetch(job.items));
	} else if (job.scenario === 'trigger-webhook' || job.scenario === 'bare-hmac') {
		result = await webhookScenario();
	} else if (job.scenario === 'linq-send' || job.scenario === 'http-send') {
		// What reached Linq is counted by the caller from the sandbox; a failed node is a result here.
		result = await measure(async () => {
			const { items } = await viaEngine(job.items);
			return (items ?? []).filter((i) => !i.json.error).length;
		});
	} else {
		await viaEngine(job.warmup);
		result = await measure(async () => {
			const { items, error } = await viaEngine(job.items);
			if (error) throw error;
			return (items ?? []).filter(
				(i) => !i.json.error && (i.json.status === 'accepted' || i.json.message),
			).length;
		});
	}
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	process.stdout.write(
		`${JSON.stringify({ ...result, count: job.count ?? job.items.length, maxRssMb })}\n`,
	);
}

/** Verified deliveries per second: through the trigger's webhook() vs a bare HMAC check. */
async function webhookScenario() {
	const count = job.count ?? 1000;
	const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
	const body = Buffer.from(
		JSON.stringify({
			event_type: 'participant.removed',
			data: { chat_id: 'c', handle: '+12223334444' },
		}),
	);
	const ts = String(Math.floor(Date.now() / 1000));
	const key = Buffer.from(secret.slice(6), 'base64');
	const sign = (id: string) =>
		`v1,${createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest('base64')}`;
	const deliveries = Array.from({ length: count + 200 }, (_, i) => ({
		id: `msg_${i}`,
		signature: sign(`msg_${i}`),
	}));
	if (job.scenario === 'bare-hmac') {
		const check = (d: { id: string; signature: string }) => {
			const expected = Buffer.from(sign(d.id));
			const actual = Buffer.from(d.signature);
			return expected.length === actual.length && timingSafeEqual(expected, actual);
		};
		deliveries.slice(0, 200).forEach(check);
		const started = process.hrtime.bigint();
		let ok = 0;
		for (const d of deliveries.slice(200)) if (check(d)) ok++;
		return { ok, ms: Number(process.hrtime.bigint() - started) / 1e6 };
	}
	const { deliver, triggerWorkflow } = await import('../test/helpers/trigger');
	const workflow = triggerWorkflow({ subscriptionMode: 'manual', events: ['participant.removed'] });
	const send = (d: { id: string; signature: string }) =>
		deliver(
			workflow,
			{
				'content-type': 'application/json',
				'webhook-id': d.id,
				'webhook-timestamp': ts,
				'webhook-signature': d.signature,
			},
			body,
			secret,
		);
	for (const d of deliveries.slice(0, 200)) await send(d);
	const started = process.hrtime.bigint();
	let ok = 0;
	for (const d of deliveries.slice(200)) if ((await send(d)).response.workflowData) ok++;
	return { ok, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error?.stack ?? error}\n`);
		process.exit(1);
	},
);
