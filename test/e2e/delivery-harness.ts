/**
 * Counting deliveries against executions, for the crash suites: which deliveries Linq (the
 * sandbox) got a 2xx for, and which executions n8n recorded for them, for the Linq Trigger and for
 * n8n's Webhook node side by side.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { decodeWindow } from '../../nodes/LinqTrigger/savedWindow';
import { parseFlatted } from '../../scripts/lib/n8n-rest';
import type { Api, Sandbox } from './harness';

/** What counting needs: the sandbox (Linq's attempts) and n8n's REST API (regular or queue mode). */
export interface Counting {
	sandbox: Sandbox;
	api: Api;
}

export interface Target {
	/** The start node's name: 'Linq Trigger' or 'Webhook'. */
	name: string;
	workflowId: string;
	/** The sandbox's subscription that delivers to it (target_url, signing_secret). */
	subscription: { id: string; target_url: string; signing_secret: string };
}

export interface Counted {
	node: string;
	/** Deliveries Linq got a 2xx for. */
	answered: number;
	/** Executions n8n recorded for them (crashed ones included). */
	executions: number;
	/** Answered deliveries without an execution (the node answered them: see startingUp). */
	lost: number;
	/**
	 * Answered deliveries without an execution whose only 2xx was n8n's own "n8n is starting up.
	 * Please wait" (200, sent to every request while n8n checks its database at start-up, before
	 * any node runs: packages/cli/src/abstract-server.ts, setupHealthCheck). Linq takes it as
	 * delivered; no node can see the request.
	 */
	startingUp: number;
	/** Answered deliveries with more than one execution. */
	ranTwice: number;
	/** Executions whose delivery cannot be read from what n8n kept (status, for each). */
	unidentified: string[];
	/** A few lost deliveries, with every attempt Linq made. */
	lostExamples: Array<{
		id: string;
		attempts: Array<{ status: number | null; error: string | null; at: string }>;
	}>;
	/** Deliveries Linq gave up on without a 2xx (a 4xx, or every retry failed), where counted. */
	neverAnswered?: number;
	/** A few of them, with every attempt Linq made, to see why. */
	examples: Array<{
		id: string;
		runs: number;
		attempts: Array<{ status: number | null; error: string | null; at: string }>;
	}>;
}

interface Attempt {
	webhook_id: string;
	subscription_id: string;
	target_url: string;
	status: number | null;
	error: string | null;
	at: string;
	answer?: string | null;
	envelope: { event_type: string };
}

const attemptsOf = (h: Counting) => h.sandbox.dispatcher.attempts as Attempt[];

/**
 * Whether an attempt went to `target`. By URL, not subscription id: should n8n create the
 * trigger's subscription again after a restart (its id not saved before the crash), the new one
 * delivers to the same URL.
 */
const reaches = (attempt: Attempt, target: Target) =>
	attempt.target_url === target.subscription.target_url;

/** The webhook-ids of `target`'s deliveries that got a 2xx, from attempt `from` on. */
export function answeredIds(h: Counting, target: Target, from = 0): string[] {
	const ids = new Set<string>();
	for (const attempt of attemptsOf(h).slice(from)) {
		if (!reaches(attempt, target)) continue;
		if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300)
			ids.add(attempt.webhook_id);
	}
	return [...ids];
}

/**
 * How `target`'s attempts from `from` on were answered: a count per status (or connection error)
 * and the start of the body, so a run with many deliveries Linq gave up on shows why.
 */
export function answerHistogram(h: Counting, target: Target, from = 0): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const attempt of attemptsOf(h).slice(from)) {
		if (!reaches(attempt, target)) continue;
		const key = `${attempt.status ?? attempt.error} ${(attempt.answer ?? '').slice(0, 60)}`.trim();
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

/** The webhook-ids of `target`'s deliveries, from attempt `from` on, that never got a 2xx. */
export function unansweredIds(h: Counting, target: Target, from = 0): string[] {
	const answered = new Set(answeredIds(h, target, from));
	const all = attemptsOf(h)
		.slice(from)
		.filter((a) => reaches(a, target))
		.map((a) => a.webhook_id);
	return [...new Set(all)].filter((id) => !answered.has(id));
}

/** A `message.received` envelope as Linq sends it (about 1 KB), new ids each time. */
function messageReceived(index: number) {
	const at = new Date().toISOString();
	return {
		api_version: 'v3',
		webhook_version: '2026-02-03',
		event_type: 'message.received',
		event_id: randomUUID(),
		created_at: at,
		partner_id: 'partner_sandbox',
		trace_id: `trace_${randomBytes(8).toString('hex')}`,
		data: {
			id: randomUUID(),
			chat: { id: '3f8f2a4e-6d1b-4c8e-9b7a-1c2d3e4f5a6b', is_group: false },
			direction: 'inbound',
			sender_handle: {
				id: randomUUID(),
				handle: '+14155550123',
				service: 'iMessage',
				joined_at: at,
				is_me: false,
			},
			parts: [{ type: 'text', value: `Burst message ${index}: is the order on its way?` }],
			service: 'iMessage',
			sent_at: at,
			delivered_at: null,
			read_at: null,
			reply_to: null,
			effect: null,
			idempotency_key: null,
		},
	};
}

/**
 * Sends `count` new deliveries to `target`, `inFlight` at a time, each once (no retries), signed
 * as Linq signs them. Resolves with the webhook-ids that got a 2xx.
 */
export async function sendBurst(
	h: Counting,
	target: Target,
	count: number,
	inFlight: number,
): Promise<string[]> {
	const answered: string[] = [];
	let next = 0;
	const worker = async () => {
		for (let i = next++; i < count; i = next++) {
			const id = `msg_${randomBytes(12).toString('hex')}`;
			const status = await h.sandbox.dispatcher.sendOnce(
				target.subscription,
				messageReceived(i),
				id,
			);
			if (status !== null && status >= 200 && status < 300) answered.push(id);
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	const statuses = new Map<string, number>();
	for (const a of attemptsOf(h).filter((x) => reaches(x, target))) {
		const key = `${a.status ?? a.error}`;
		statuses.set(key, (statuses.get(key) ?? 0) + 1);
	}
	process.stderr.write(
		`burst to ${target.name}: ${JSON.stringify(Object.fromEntries(statuses))}\n`,
	);
	return answered;
}

/** The webhook-id an execution was started for: from its start node's output, or, for an execution
 * that crashed before the start node ran, from the data n8n recorded to start it with. */
function deliveryIdOf(data: Record<string, unknown>, node: string): string | undefined {
	const run = data as {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: any }>> } }>>;
		};
		executionData?: {
			nodeExecutionStack?: Array<{ data?: { main?: Array<Array<{ json: any }>> } }>;
		};
	};
	const json =
		run.resultData?.runData?.[node]?.[0]?.data?.main?.[0]?.[0]?.json ??
		run.executionData?.nodeExecutionStack?.[0]?.data?.main?.[0]?.[0]?.json;
	if (!json) return undefined;
	return node === 'Webhook' ? json.headers?.['webhook-id'] : json.webhook_id;
}

/** The body n8n answers every request with while it starts (status 200). */
const N8N_STARTING_UP = /^n8n is starting up/;

/**
 * What was read of each finished execution (it no longer changes), per sandbox (one per suite, the
 * same across n8n restarts): counting again after a redelivery or a restart reads only new ones.
 */
const readBefore = new WeakMap<object, Map<string, { id?: string; note?: string }>>();

/** Counts the executions n8n has for each of `ids` (the deliveries that got a 2xx). */
export async function countDeliveries(
	h: Counting,
	target: Target,
	ids: string[],
): Promise<Counted> {
	// Counted once nothing runs any more: n8n lists running executions apart. Each execution's data
	// is read once.
	type Listed = { id: string; status: string };
	let executions: Listed[] = [];
	for (let attempt = 0; attempt < 60; attempt++) {
		executions = (await h.api.executions(target.workflowId)) as Listed[];
		if (!executions.some((e) => ['new', 'running'].includes(e.status))) break;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	const runs = new Map<string, number>();
	const unidentified: string[] = [];
	const seen = new Set<string>();
	let cache = readBefore.get(h.sandbox);
	if (!cache) readBefore.set(h.sandbox, (cache = new Map()));
	const known = cache;
	const identify = async (execution: Listed) => {
		const full = (await h.api.execution(execution.id)) as { data: string; status: string };
		const data = parseFlatted(full.data);
		// Where the start node's output cannot be read, the one answered delivery id anywhere in
		// the execution's data names it (ids are random, so one cannot appear by chance).
		const mentioned = () => {
			const text = JSON.stringify(data);
			const found = ids.filter((candidate) => text.includes(candidate));
			return found.length === 1 ? found[0] : undefined;
		};
		const id = deliveryIdOf(data, target.name) ?? mentioned();
		const read = id
			? { id }
			: {
					note: `${execution.id}: ${full.status}, data keys ${JSON.stringify(Object.keys(data ?? {}))}, ${JSON.stringify(data).slice(0, 200)}`,
				};
		if (id && !['new', 'running', 'waiting'].includes(full.status)) known.set(execution.id, read);
		return read;
	};
	const read = async (list: Listed[]) => {
		for (const execution of list) {
			if (seen.has(execution.id)) continue;
			seen.add(execution.id);
			const { id, note } = known.get(execution.id) ?? (await identify(execution));
			if (id) runs.set(id, (runs.get(id) ?? 0) + 1);
			else unidentified.push(note ?? execution.id);
		}
	};
	await read(executions);
	// A delivery that looks lost is looked for again in a fresh listing before it counts as lost.
	if (ids.some((id) => !runs.has(id))) {
		await new Promise((resolve) => setTimeout(resolve, 2000));
		await read((await h.api.executions(target.workflowId)) as Listed[]);
	}
	const wanted = new Set(ids);
	const missing = ids.filter((id) => !runs.has(id));
	const startingUp = missing.filter((id) =>
		attemptsOf(h)
			.filter((a) => a.webhook_id === id && a.status !== null && a.status >= 200 && a.status < 300)
			.every((a) => N8N_STARTING_UP.test(a.answer ?? '')),
	);
	const lost = missing.filter((id) => !startingUp.includes(id));
	return {
		node: target.name,
		answered: ids.length,
		executions: [...runs].filter(([id]) => wanted.has(id)).reduce((n, [, c]) => n + c, 0),
		lost: lost.length,
		startingUp: startingUp.length,
		ranTwice: ids.filter((id) => (runs.get(id) ?? 0) > 1).length,
		unidentified,
		lostExamples: [...lost.slice(0, 3), ...startingUp.slice(0, 1)].map((id) => ({
			id,
			attempts: attemptsOf(h)
				.filter((a) => a.webhook_id === id)
				.map(({ status, error, at, answer }) => ({ status, error, at, answer })),
		})),
		examples: ids
			.filter((id) => (runs.get(id) ?? 0) > 1)
			.slice(0, 3)
			.map((id) => ({
				id,
				runs: runs.get(id) ?? 0,
				attempts: attemptsOf(h)
					.filter((a) => a.webhook_id === id)
					.map(({ status, error, at }) => ({ status, error, at })),
			})),
	};
}

/** Subscribes a URL at the sandbox through Linq's API, as a user does for n8n's Webhook node. */
export async function subscribeByHand(h: Counting, url: string, events: string[]) {
	const response = await fetch(`${h.sandbox.baseUrl}/v3/webhook-subscriptions`, {
		method: 'POST',
		headers: { authorization: `Bearer ${h.sandbox.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ target_url: url, subscribed_events: events }),
	});
	if (!response.ok) throw new Error(`The sandbox refused the subscription: ${response.status}`);
	return (await response.json()) as { id: string };
}

/** The delivery ids in the Linq Trigger's dedupe window as n8n has saved it (its static data). */
export async function savedWindow(h: Counting, target: Target): Promise<string[]> {
	const workflow = (await h.api.get(`/workflows/${target.workflowId}`)) as {
		staticData?: Record<string, { deliveries?: unknown }> | string | null;
	};
	const data =
		typeof workflow.staticData === 'string' ? JSON.parse(workflow.staticData) : workflow.staticData;
	return [...decodeWindow(data?.[`node:${target.name}`]?.deliveries).keys()];
}

/** Runs `task` over `items`, `inFlight` at a time, and resolves with the results in order. */
export async function eachLimited<T, R>(
	items: T[],
	inFlight: number,
	task: (item: T) => Promise<R>,
) {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i]);
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	return results;
}
