/**
 * What the queue-mode suite needs: the Linq sandbox, n8n in queue mode (PostgreSQL, Redis, main,
 * one worker, two webhook processes, nginx in front: scripts/lib/queue-mode.js), a REST client that
 * talks to main through the balancer, and helpers to send deliveries to a chosen process, see which
 * process answered what, and count executions per webhook-id.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { decodeWindow } from '../../nodes/LinqTrigger/savedWindow';
import { createSandbox } from '../../sandbox/server';
import { signStandardWebhook } from '../../sandbox/signer';
import { outputOf, parseFlatted, restClient } from '../../scripts/lib/n8n-rest';
import { startQueueMode } from '../../scripts/lib/queue-mode';
import { eventually, type Api, type Sandbox } from './harness';

export type QueueSetup = Awaited<ReturnType<typeof startQueueMode>>;

/**
 * Messages a second in the suites' streams. 10 overran the trigger's webhook process on a slower
 * 2-core machine on n8n 2.41.1 (twice in the kill test, once in the rolling restart: answers passed
 * Linq's 15 s), where every request to the trigger holds an expression isolate until the worker
 * answers it (docs/queue-mode.md); the crash and the restart, not the load, are under test.
 */
export const STREAM_PER_SECOND = 5;

export interface Subscription {
	id: string;
	target_url: string;
	signing_secret: string;
	subscribed_events: string[];
}

export interface Attempt {
	webhook_id: string;
	event_type: string;
	target_url: string;
	status: number | null;
	error: string | null;
	attempt: number;
	envelope: Record<string, unknown>;
}

/** One delivery we sent ourselves: where to, how it was answered. */
export interface Answer {
	webhookId: string;
	to: string;
	status: number;
	body: { received?: boolean; duplicate?: boolean; ignored?: string; error?: string };
}

export const accepted = (a: Answer) =>
	a.status === 200 && a.body.received === true && !a.body.duplicate && !a.body.ignored;
export const duplicate = (a: Answer) => a.status === 200 && a.body.duplicate === true;

/**
 * Per webhook-id, the executions that ran it; how many executions are not finished yet (or finished
 * without the trigger's item in their run data yet: `unresolved`, as "id:status"); counts by status.
 */
export interface Tally {
	byWebhookId: Map<string, string[]>;
	unfinished: number;
	unresolved: string[];
	statuses: Record<string, number>;
	total: number;
}

export interface QueueHarness {
	sandbox: Sandbox;
	q: QueueSetup;
	api: Api;
	credential: { id: string; name: string };
	/** The one subscription whose target URL is this workflow's trigger webhook. */
	subscriptionOf(webhookId: string): Subscription | undefined;
	/** A signed delivery of `envelope` with this webhook-id, posted to the balancer or to webhook process `to`. */
	deliver(
		subscription: Subscription,
		webhookId: string,
		envelope: object,
		to: 'balancer' | number,
		secret?: string,
	): Promise<Answer>;
	/** The envelope Linq sent under this webhook-id. */
	envelopeOf(webhookId: string): Record<string, unknown>;
	/** A fresh message.received envelope (another event of the same chat as `like`). */
	freshEnvelope(like: string): Record<string, unknown>;
	/** Index of the webhook process that answered this webhook-id with 200 at the balancer (last one), or -1. */
	processOf(webhookId: string, before?: number): number;
	/** Which webhook processes the balancer sent requests for these ids to (index per request). */
	routesOf(webhookIds: Iterable<string>): Map<string, number[]>;
	/** Delivered webhook-ids (first attempts made by the sandbox) for a subscription since attempt `from`. */
	deliveredIds(subscription: Subscription, from: number): string[];
	/** The webhook-ids of the message.received deliveries of these messages. */
	deliveriesOf(subscription: Subscription, messageIds: Iterable<string>): string[];
	/** The webhook-ids in the trigger's durable window, as saved in the database right now. */
	durableWindow(workflowId: string): Set<string>;
	/** Executions of a workflow, grouped by the trigger item's webhook_id. */
	tally(workflowId: string): Promise<Tally>;
	/** Waits until every execution is finished and at least `count` ran one of `ids`. */
	settle(
		workflowId: string,
		ids: Iterable<string>,
		count: number,
		timeoutMs?: number,
	): Promise<Tally>;
	/**
	 * Waits until every active Linq Trigger's path answers an unsigned POST with 401 at webhook
	 * process `i` (or at every one): what shows the process has mounted its webhook routes.
	 * `/healthz/readiness` answers 200 some 100–200 ms before that on n8n 2.8.4, and deliveries in
	 * between get 404, which Linq does not retry.
	 */
	waitForTriggerPaths(i?: number): Promise<void>;
	/** Starts webhook process `i` and waits until its trigger paths answer (waitForTriggerPaths). */
	startWebhookWhenReady(i: number): Promise<void>;
	stop(): Promise<void>;
}

/** Executions among `ids` in a tally. */
export function executionsFor(tally: Tally, ids: Iterable<string>) {
	let executions = 0;
	let distinct = 0;
	const lostIds: string[] = [];
	for (const id of new Set(ids)) {
		const runs = tally.byWebhookId.get(id)?.length ?? 0;
		distinct++;
		executions += runs;
		if (runs === 0) lostIds.push(id);
	}
	const lost = lostIds.length;
	return {
		deliveries: distinct,
		executions,
		lost,
		duplicates: executions - (distinct - lost),
		...(lost > 0 ? { lostIds, unresolved: tally.unresolved, statuses: tally.statuses } : {}),
	};
}

const UNFINISHED = ['new', 'running', 'waiting'];
const sqlId = (id: string) => String(Number.parseInt(id, 10));

/**
 * The executions n8n recorded, read from its database instead of its REST API. n8n 2.4x hides the
 * data of an execution from everyone when it could not check it for "dynamic credentials" (its
 * database pool did not answer in time, as under the crash suite's load:
 * n8n@2.41.1 packages/cli/src/modules/redaction/dynamic-credentials-context-hook.ts), so the REST
 * API would not say which delivery such an execution ran. Finished executions are read once.
 */
function recordedExecutions(setup: QueueSetup, api: Api): Api {
	type Row = { id: string; status: string; data: string };
	const sql = (query: string) =>
		JSON.parse(setup.postgres.psql(query, setup.postgres.database).trim() || 'null');
	const finished = new Map<string, Row>();
	const rowsOf = (where: string): Row[] =>
		sql(
			`SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'status', e.status, 'data', d.data)), '[]') FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE ${where}`,
		);
	const read = (ids: string[]) => {
		const missing = ids.filter((id) => !finished.has(id));
		if (missing.length === 0) return;
		for (const row of rowsOf(`e.id IN (${missing.map(sqlId).join(',')})`))
			if (!UNFINISHED.includes(row.status)) finished.set(row.id, row);
	};
	const execution = async (id: string) => {
		read([id]);
		return finished.get(id) ?? rowsOf(`e.id = ${sqlId(id)}`)[0];
	};
	return {
		...api,
		async executions(workflowId: string) {
			const listed: Array<{ id: string; status: string }> = sql(
				`SELECT coalesce(json_agg(json_build_object('id', id::text, 'status', status, 'mode', mode, 'startedAt', "startedAt", 'stoppedAt', "stoppedAt") ORDER BY id DESC), '[]') FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, '')}' AND "deletedAt" IS NULL`,
			);
			read(listed.filter((e) => !UNFINISHED.includes(e.status)).map((e) => e.id));
			return listed;
		},
		execution,
		async runData(id: string) {
			return parseFlatted((await execution(id)).data).resultData.runData;
		},
	} as Api;
}

export async function startQueueHarness(
	options: { balancer?: 'per-trigger' | 'round-robin' } = {},
): Promise<QueueHarness> {
	const sandbox = await createSandbox({
		apiKey: `sk_sandbox_${randomBytes(6).toString('hex')}`,
		// Linq's retries, faster: a delivery a stopped process could not take is sent again.
		retryDelaysMs: [300, 600, 1200, 2400, 4800, 9600, 9600, 9600],
		queueDelayMs: 20,
	});
	let q: QueueSetup | undefined;
	try {
		q = await startQueueMode({
			balancer: options.balancer ?? 'per-trigger',
			log: (line: string) => process.stderr.write(`[queue mode] ${line}\n`),
		});
	} catch (error) {
		await sandbox.close();
		throw error;
	}
	const setup = q;
	const api = recordedExecutions(setup, await restClient(setup.publicUrl));
	const credential = await api.createCredential('Linq sandbox', {
		apiKey: sandbox.apiKey,
		baseUrl: sandbox.baseUrl,
	});
	const attempts = () => sandbox.dispatcher.attempts as Attempt[];
	const addressIndex = (address: string) =>
		setup.ports.webhooks.findIndex((w: { port: number }) => address === `127.0.0.1:${w.port}`);
	/** Run data is read once per finished execution. */
	const webhookIdOfExecution = new Map<string, string>();

	const harness: QueueHarness = {
		sandbox,
		q: setup,
		api,
		credential,
		subscriptionOf: (webhookId) =>
			[...(sandbox.state.subscriptions.values() as Iterable<Subscription>)].find((s) =>
				s.target_url.includes(`/webhook/${webhookId}/`),
			),
		async deliver(subscription, webhookId, envelope, to, secret = subscription.signing_secret) {
			const url = new URL(subscription.target_url);
			if (to !== 'balancer') url.port = String(setup.ports.webhooks[to].port);
			const body = JSON.stringify(envelope);
			const ts = String(Math.floor(Date.now() / 1000));
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'webhook-id': webhookId,
					'webhook-timestamp': ts,
					'webhook-signature': signStandardWebhook(secret, webhookId, ts, body),
				},
				body,
			});
			const text = await response.text();
			let parsed = {};
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = { error: text.slice(0, 200) };
			}
			return {
				webhookId,
				to: to === 'balancer' ? 'balancer' : `webhook-${to + 1}`,
				status: response.status,
				body: parsed,
			};
		},
		envelopeOf(webhookId) {
			const attempt = attempts().find((a) => a.webhook_id === webhookId);
			if (!attempt) throw new Error(`No delivery ${webhookId}`);
			return attempt.envelope;
		},
		freshEnvelope(like) {
			const envelope = harness.envelopeOf(like);
			return {
				...envelope,
				event_id: randomUUID(),
				created_at: new Date().toISOString(),
				trace_id: `trace_${randomBytes(8).toString('hex')}`,
			};
		},
		processOf(webhookId, before = Infinity) {
			const answered = setup
				.accessLog()
				.filter(
					(e: { webhookId: string; status: number; at: number }) =>
						e.webhookId === webhookId && e.status === 200 && e.at < before,
				);
			return answered.length === 0 ? -1 : addressIndex(answered[answered.length - 1].upstream);
		},
		routesOf(webhookIds) {
			const wanted = new Set(webhookIds);
			const routes = new Map<string, number[]>();
			for (const entry of setup.accessLog() as Array<{ webhookId: string; upstream: string }>) {
				if (!wanted.has(entry.webhookId)) continue;
				routes.set(entry.webhookId, [
					...(routes.get(entry.webhookId) ?? []),
					addressIndex(entry.upstream),
				]);
			}
			return routes;
		},
		async waitForTriggerPaths(i) {
			const processes =
				i === undefined ? setup.ports.webhooks.map((_: unknown, n: number) => n) : [i];
			const triggers = [...(sandbox.state.subscriptions.values() as Iterable<Subscription>)].filter(
				(s) => s.target_url.includes('/webhook?'),
			);
			for (const n of processes) {
				for (const subscription of triggers) {
					const url = new URL(subscription.target_url);
					url.port = String(setup.ports.webhooks[n].port);
					const status = await eventually(
						() =>
							fetch(url, { method: 'POST', body: '{}' }).then(
								(r) => r.status,
								() => 0,
							),
						(code) => code === 401,
						120_000,
					);
					if (status !== 401) throw new Error(`webhook-${n + 1} never mounted ${url.pathname}`);
				}
			}
		},
		async startWebhookWhenReady(i) {
			await setup.startWebhook(i);
			await harness.waitForTriggerPaths(i);
		},
		deliveredIds(subscription, from) {
			return [
				...new Set(
					attempts()
						.slice(from)
						.filter((a) => a.target_url === subscription.target_url && a.attempt >= 1)
						.map((a) => a.webhook_id),
				),
			];
		},
		durableWindow(workflowId) {
			const saved = setup.postgres
				.psql(
					`SELECT "staticData" FROM workflow_entity WHERE id = '${workflowId.replace(/'/g, '')}'`,
					setup.postgres.database,
				)
				.trim();
			const staticData = saved ? JSON.parse(saved) : {};
			return new Set(decodeWindow(staticData['node:Linq Trigger']?.deliveries).keys());
		},
		deliveriesOf(subscription, messageIds) {
			const wanted = new Set(messageIds);
			const mine = attempts().filter(
				(a) =>
					a.target_url === subscription.target_url &&
					a.attempt >= 1 &&
					wanted.has(String((a.envelope.data as { id?: string } | undefined)?.id)),
			);
			return [...new Set(mine.map((a) => a.webhook_id))];
		},
		async tally(workflowId) {
			const executions = (await api.executions(workflowId)) as Array<{
				id: string;
				status: string;
			}>;
			const byWebhookId = new Map<string, string[]>();
			const unresolved: string[] = [];
			const statuses: Record<string, number> = {};
			let unfinished = 0;
			for (const execution of executions) {
				statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
				if (['new', 'running', 'waiting'].includes(execution.status)) {
					unfinished++;
					continue;
				}
				let webhookId = webhookIdOfExecution.get(execution.id);
				if (webhookId === undefined) {
					const [item] = outputOf(await api.runData(execution.id), 'Linq Trigger');
					const found: unknown = item?.webhook_id;
					if (typeof found !== 'string' || found === '') {
						// Not (yet) the trigger's item: read it again next time instead of remembering nothing.
						unresolved.push(`${execution.id}:${execution.status}`);
						unfinished++;
						continue;
					}
					webhookId = found;
					webhookIdOfExecution.set(execution.id, found);
				}
				byWebhookId.set(webhookId, [...(byWebhookId.get(webhookId) ?? []), execution.id]);
			}
			return { byWebhookId, unfinished, unresolved, statuses, total: executions.length };
		},
		settle: (workflowId, ids, count, timeoutMs = 120_000) =>
			eventually(
				() => harness.tally(workflowId),
				(t) => t.unfinished === 0 && executionsFor(t, ids).executions >= count,
				timeoutMs,
			),
		async stop() {
			try {
				await setup.stop();
			} finally {
				await sandbox.close();
			}
		},
	};
	return harness;
}

/** Lines of a log file that mention any of the given strings. */
export function logLines(file: string, needles: string[]): string[] {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => needles.some((needle) => line.includes(needle)));
}
