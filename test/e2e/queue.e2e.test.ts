/**
 * The Linq nodes in n8n's queue mode: PostgreSQL, Redis, n8n main (activates workflows) + one worker
 * (runs executions) + two `n8n webhook` processes (receive deliveries) behind nginx, against the
 * Linq sandbox, on loopback only (scripts/lib/queue-mode.js). Run with `npm run test:e2e:queue`;
 * needs Debian's postgresql, redis-server and nginx.
 *
 * First with the documented balancer setting (scripts/queue/nginx-per-trigger.conf: signed
 * deliveries are hashed on their URL, so each trigger has one webhook process), where
 * deduplication must be exact; then under plain round-robin (nginx-round-robin.conf), where no
 * delivery may be lost and the duplicates are measured, printed and written to
 * test/e2e/results/queue-dedupe-n8n-<version>.json.
 * "To the other process" means straight to that process's port, past the balancer.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SEED_IDS } from '../../sandbox/state';
import { readExample } from '../../scripts/lib/examples';
import { selectedVersion } from '../../scripts/lib/n8n-install';
import { outputOf, parseFlatted } from '../../scripts/lib/n8n-rest';
import { PortInUseError } from '../../scripts/lib/ports';
import { MissingPackageError } from '../../scripts/lib/queue-services';
import { eventually, pause, workflowOf } from './harness';
import {
	accepted,
	duplicate,
	executionsFor,
	logLines,
	startQueueHarness,
	type Answer,
	type Attempt,
	type QueueHarness,
	type Subscription,
	type Tally,
	STREAM_PER_SECOND,
} from './queue-harness';

/** How long to keep watching for executions that should not appear, once the expected ones are there. */
const QUIET_MS = 3000;
/** Rounds of each round-robin measurement (E2E_QUEUE_ROUNDS). */
const ROUNDS = Math.max(1, Number(process.env.E2E_QUEUE_ROUNDS || 3));
const RESULTS = path.join(__dirname, 'results', `queue-dedupe-n8n-${selectedVersion()}.json`);
const CHATS = [SEED_IDS.imessageGroup, SEED_IDS.smsGroup];

const triggerWorkflow = (name: string, webhookId: string) =>
	workflowOf(name, [
		{
			name: 'Linq Trigger',
			type: 'n8n-nodes-linqapp.linqTrigger',
			webhookId,
			parameters: { events: ['message.received'], filters: { chatIds: CHATS.join(',') } },
		},
	]);

type Measured = ReturnType<typeof executionsFor> & Record<string, unknown>;

/** Rounds of one scenario added up. */
function total(rows: Measured | Measured[] | undefined) {
	const list = rows === undefined ? [] : Array.isArray(rows) ? rows : [rows];
	const sum = (key: 'deliveries' | 'executions' | 'duplicates' | 'lost') =>
		list.reduce((n, row) => n + row[key], 0);
	return {
		rounds: list.length,
		deliveries: sum('deliveries'),
		executions: sum('executions'),
		duplicates: sum('duplicates'),
		lost: sum('lost'),
	};
}

describe('Linq Trigger in n8n queue mode (main + worker + 2 webhook processes behind nginx)', () => {
	let h: QueueHarness;
	const results: {
		perTriggerRouting: Record<string, Measured | Measured[]>;
		roundRobin: Record<string, Measured[]>;
	} = {
		perTriggerRouting: {},
		roundRobin: { crosswise: [], simultaneous: [] },
	};
	const attempts = () => h.sandbox.dispatcher.attempts as Attempt[];
	const answered = (id: string) =>
		attempts().some((a) => a.webhook_id === id && a.status !== null && a.status < 300);
	const other = (index: number) => 1 - index;
	const subscriptionCount = (count: number) =>
		eventually(
			() => h.sandbox.state.subscriptions.size,
			(size) => size === count,
			20_000,
		);

	/** `count` inbound messages at once; resolves with their deliveries' webhook-ids once Linq got a 2xx for each. */
	async function inboundAtOnce(subscription: Subscription, count: number, label: string) {
		const messages: string[] = [];
		for (let i = 0; i < count; i++)
			messages.push(
				h.sandbox.inbound({ chat_id: CHATS[i % CHATS.length], text: `${label} ${i + 1}` }).id,
			);
		const ids = await eventually(
			() => h.deliveriesOf(subscription, messages),
			(found) => found.length === count,
			30_000,
		);
		expect(ids).toHaveLength(count);
		await eventually(() => ids.every(answered), Boolean, 60_000);
		expect(ids.filter((id) => !answered(id))).toEqual([]);
		await eventually(() => ids.every((id) => h.processOf(id) >= 0), Boolean, 10_000);
		return ids;
	}

	/** The executions for `ids` once at least `count` ran and nothing more appeared for a while. */
	async function measure(workflowId: string, ids: string[], count: number): Promise<Tally> {
		await h.settle(workflowId, ids, count, 90_000);
		await pause(QUIET_MS);
		return await h.settle(workflowId, ids, count, 20_000);
	}

	/** nginx writes its access log line just after it answers: wait until it has one per request. */
	async function routed(ids: string[], requestsPerId = 1) {
		const routes = await eventually(
			() => h.routesOf(ids),
			(found) => ids.every((id) => (found.get(id)?.length ?? 0) >= requestsPerId),
			10_000,
		);
		expect(ids.filter((id) => (routes.get(id)?.length ?? 0) < requestsPerId)).toEqual([]);
		return routes;
	}

	const progress = (line: string) => process.stderr.write(`[queue e2e] ${line}\n`);
	const totalExecutions = async (workflowId: string) => (await h.tally(workflowId)).total;

	/** N deliveries at once over both processes, then each one redelivered at once to the process that did not take it. */
	async function crosswise(
		workflowId: string,
		subscription: Subscription,
		n: number,
		label: string,
	) {
		const ids = await inboundAtOnce(subscription, n, label);
		await h.settle(workflowId, ids, n);
		const where = new Map(ids.map((id) => [id, h.processOf(id)]));
		const split = [0, 1].map((i) => ids.filter((id) => where.get(id) === i).length);
		// Evidence for the report: ids the database's durable window lacks when the redeliveries start.
		const saved = h.durableWindow(workflowId);
		const missingFromDurableWindow = ids.filter((id) => !saved.has(id)).length;
		const answers = await Promise.all(
			ids.map((id) => h.deliver(subscription, id, h.envelopeOf(id), other(where.get(id) ?? 0))),
		);
		expect(answers.filter((a) => a.status !== 200)).toEqual([]);
		const acceptedAgain = answers.filter(accepted).length;
		const tally = await measure(workflowId, ids, n + acceptedAgain);
		return {
			...executionsFor(tally, ids),
			split,
			crosswiseAccepted: acceptedAgain,
			missingFromDurableWindow,
		};
	}

	/** N fresh deliveries, each sent twice through the balancer at the same moment. */
	async function simultaneous(
		workflowId: string,
		subscription: Subscription,
		n: number,
		like: string[],
	) {
		const ids = Array.from(
			{ length: n },
			(_, i) => `msg_sim_${randomBytes(8).toString('hex')}_${i}`,
		);
		const envelopes = ids.map((_, i) => h.freshEnvelope(like[i % like.length]));
		const answers = await Promise.all(
			ids.flatMap((id, i) => [
				h.deliver(subscription, id, envelopes[i], 'balancer'),
				h.deliver(subscription, id, envelopes[i], 'balancer'),
			]),
		);
		expect(answers.filter((a) => a.status !== 200)).toEqual([]);
		const routes = await routed(ids, 2);
		const split = ids.filter((id) => new Set(routes.get(id)).size > 1).length;
		const tally = await measure(workflowId, ids, answers.filter(accepted).length);
		return {
			ids,
			answers,
			routes,
			measured: {
				...executionsFor(tally, ids),
				copiesOnBothProcesses: split,
				acceptedAnswers: answers.filter(accepted).length,
			},
		};
	}

	beforeAll(async () => {
		try {
			h = await startQueueHarness({ balancer: 'per-trigger' });
		} catch (error) {
			// A missing package or a taken port: its one line, on its own.
			if (error instanceof MissingPackageError || error instanceof PortInUseError)
				process.stderr.write(`\n${error.message}\n\n`);
			throw error;
		}
	}, 600_000);

	afterAll(async () => {
		if (
			Object.keys(results.perTriggerRouting).length > 0 ||
			results.roundRobin.crosswise.length > 0
		) {
			const report = {
				n8n: selectedVersion(),
				measuredAt: new Date().toISOString(),
				streamPerSecond: STREAM_PER_SECOND,
				machine: `${os.cpus().length} cores, Node ${process.versions.node}`,
				setup:
					'n8n main + 1 worker + 2 webhook processes, PostgreSQL, Redis, nginx (scripts/queue/*.conf)',
				summary: {
					perTriggerRouting: Object.fromEntries(
						Object.entries(results.perTriggerRouting).map(([name, rows]) => [name, total(rows)]),
					),
					roundRobin: Object.fromEntries(
						Object.entries(results.roundRobin).map(([name, rows]) => [name, total(rows)]),
					),
				},
				...results,
			};
			fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
			fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, '\t')}\n`);
			process.stderr.write(
				`\nQueue-mode deduplication, measured (${RESULTS}):\n${JSON.stringify(report, null, 2)}\n`,
			);
		}
		await h?.stop();
	}, 180_000);

	describe('one webhook process per trigger (scripts/queue/nginx-per-trigger.conf)', () => {
		const HOOK = 'a0a0a0a0-0000-4000-8000-00000000e2e1';
		let workflow: { id: string; versionId: string };
		let subscription: Subscription;
		let first: string[] = [];
		/** The webhook process the balancer gives this trigger. */
		let owner = -1;

		it('activation from main creates exactly one Linq subscription, pointing at the balancer', async () => {
			workflow = await h.api.importWorkflow(
				triggerWorkflow('Queue mode: deliveries', HOOK),
				h.credential,
			);
			await h.api.activate(workflow);
			expect(await subscriptionCount(1)).toBe(1);
			subscription = h.subscriptionOf(HOOK) as Subscription;
			expect(subscription.target_url).toBe(
				`${h.q.publicUrl}/webhook/${HOOK}/webhook?version=2026-02-03`,
			);
			expect(subscription.subscribed_events).toEqual(['message.received']);
			const created = h.sandbox.requests.filter(
				(r: { method: string; path: string }) =>
					r.method === 'POST' && r.path === '/v3/webhook-subscriptions',
			);
			expect(created).toHaveLength(1);
		});

		it("20 deliveries at once reach the trigger's webhook process and run once each, on the worker; every item carries its webhook-id", async () => {
			first = await inboundAtOnce(subscription, 20, 'spread');
			const tally = await measure(workflow.id, first, 20);
			expect(executionsFor(tally, first)).toMatchObject({
				deliveries: 20,
				executions: 20,
				lost: 0,
				duplicates: 0,
			});
			expect(tally.total).toBe(20);
			// Every execution's trigger item named its delivery.
			expect(tally.unresolved).toEqual([]);
			owner = h.processOf(first[0]);
			expect(owner).toBeGreaterThanOrEqual(0);
			expect(first.filter((id) => h.processOf(id) !== owner)).toEqual([]);
			const executionIds = [...tally.byWebhookId.values()].flat();
			const started = logLines(
				h.q.logOf('worker'),
				executionIds.map((id) => `Worker started execution ${id} `),
			);
			expect(started).toHaveLength(20);
			const [item] = outputOf(await h.api.runData(executionIds[0]), 'Linq Trigger');
			expect(item).toMatchObject({
				event_type: 'message.received',
				webhook_id: expect.stringMatching(/^msg_/),
			});
			expect(first).toContain(item.webhook_id);
		}, 180_000);

		it('a forged delivery gets 401 from the balancer and from each webhook process, and runs nothing', async () => {
			const forgedSecret = `whsec_${randomBytes(24).toString('base64')}`;
			const envelope = h.freshEnvelope(first[0]);
			const answers = await Promise.all(
				(['balancer', 0, 1] as const).map((to) =>
					h.deliver(
						subscription,
						`msg_forged_${randomBytes(6).toString('hex')}`,
						envelope,
						to,
						forgedSecret,
					),
				),
			);
			expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
			// A genuine id with a forged signature does not count as a repeat either.
			expect((await h.deliver(subscription, first[0], envelope, 0, forgedSecret)).status).toBe(401);
			await pause(QUIET_MS);
			expect(await totalExecutions(workflow.id)).toBe(20);
		});

		it('redeliveries, sequential and concurrent, to the same and to the other process, run nothing', async () => {
			const where = new Map(first.map((id) => [id, h.processOf(id)]));
			// Linq's own retries go through the balancer, which keeps each webhook-id on its process.
			for (const id of first) expect(await h.sandbox.redeliver(id)).toBe(200);
			for (const [id, routes] of await routed(first, 2))
				expect(new Set(routes)).toEqual(new Set([where.get(id)]));
			const answers: Answer[] = [];
			for (const id of first)
				answers.push(await h.deliver(subscription, id, h.envelopeOf(id), 'balancer'));
			for (const id of first)
				answers.push(
					await h.deliver(subscription, id, h.envelopeOf(id), other(where.get(id) ?? 0)),
				);
			answers.push(
				...(await Promise.all(
					first.map((id) => h.deliver(subscription, id, h.envelopeOf(id), 'balancer')),
				)),
			);
			answers.push(
				...(await Promise.all(
					first.map((id) =>
						h.deliver(subscription, id, h.envelopeOf(id), other(where.get(id) ?? 0)),
					),
				)),
			);
			expect(answers).toHaveLength(80);
			expect(answers.filter((a) => !duplicate(a))).toEqual([]);
			await pause(QUIET_MS);
			expect(await totalExecutions(workflow.id)).toBe(20);
		}, 120_000);

		it(`40 deliveries at once plus 40 crosswise redeliveries (each to the other process) run exactly 40 executions (${ROUNDS} rounds)`, async () => {
			const rounds: Measured[] = [];
			for (let round = 1; round <= ROUNDS; round++) {
				const measured = await crosswise(workflow.id, subscription, 40, `crosswise ${round}`);
				rounds.push(measured);
				process.stderr.write(
					`per-trigger routing, 40 + 40 crosswise, round ${round}: ${JSON.stringify(measured)}\n`,
				);
			}
			results.perTriggerRouting.crosswise = rounds;
			for (const measured of rounds) {
				expect(measured.split).toEqual(owner === 0 ? [40, 0] : [0, 40]);
				expect(measured).toMatchObject({
					deliveries: 40,
					lost: 0,
					duplicates: 0,
					executions: 40,
					crosswiseAccepted: 0,
				});
			}
		}, 400_000);

		it('10 deliveries each sent twice at the same moment reach one process per delivery and run once each', async () => {
			const { ids, answers, routes, measured } = await simultaneous(
				workflow.id,
				subscription,
				10,
				first,
			);
			results.perTriggerRouting.simultaneous = measured;
			process.stderr.write(
				`per-trigger routing, 10 x 2 simultaneous: ${JSON.stringify(measured)}\n`,
			);
			for (const id of ids) {
				expect(routes.get(id)).toHaveLength(2);
				expect(new Set(routes.get(id)).size).toBe(1);
				const mine = answers.filter((a) => a.webhookId === id);
				expect([mine.filter(accepted).length, mine.filter(duplicate).length]).toEqual([1, 1]);
			}
			expect(measured).toMatchObject({ deliveries: 10, executions: 10, lost: 0, duplicates: 0 });
		}, 120_000);

		it("a rolling restart of the trigger's webhook process mid-stream: no delivery lost; one runs twice only if Linq gave up waiting for it and its copy reached the other process; redeliveries of what it took before run nothing", async () => {
			const from = attempts().length;
			let sent = 0;
			let streaming = true;
			let held = false;
			const stream = (async () => {
				while (streaming) {
					if (!held) {
						h.sandbox.inbound({ chat_id: CHATS[sent % CHATS.length], text: `stream ${sent + 1}` });
						sent++;
					}
					await pause(1000 / STREAM_PER_SECOND);
				}
			})();
			try {
				await restartMidStream();
			} finally {
				streaming = false;
				await stream;
			}

			async function restartMidStream() {
				const after = (n: number) =>
					eventually(
						() => sent,
						(count) => count >= n,
						60_000,
					);
				await after(10);
				// Then a burst, and a rolling restart as docs/queue-mode.md describes it: out of the balancer
				// first (the other process takes over from the saved window), stopped once every delivery
				// it took is answered, back in once it runs again.
				held = true;
				const burst = await inboundAtOnce(subscription, 40, 'burst');
				held = false;
				await h.q.drainWebhook(owner);
				await after(sent + 5);
				await eventually(() => h.deliveredIds(subscription, from).every(answered), Boolean, 60_000);
				const stoppedAt = Date.now();
				await h.q.stopWebhook(owner);
				const stopMs = Date.now() - stoppedAt;
				progress(`stopped webhook-${owner + 1} in ${stopMs} ms, ${sent} stream deliveries so far`);
				// Evidence for the report: what the stopped process took that the database's window lacks.
				const saved = h.durableWindow(workflow.id);
				const takenByStopped = h
					.deliveredIds(subscription, from)
					.filter((id) => h.processOf(id, stoppedAt) === owner);
				const missingAtStop = takenByStopped.filter((id) => !saved.has(id));
				await after(sent + 10);
				// Back into the balancer only once its trigger paths answer, not at /healthz/readiness.
				await h.startWebhookWhenReady(owner);
				await h.q.drainWebhook(owner, false);
				progress(`restarted webhook-${owner + 1}, ${sent} stream deliveries so far`);
				await after(sent + 10);
				streaming = false;
				await stream;
				const ids = await eventually(
					() => h.deliveredIds(subscription, from),
					(found) => found.length === sent + burst.length,
					30_000,
				);
				expect(ids).toHaveLength(sent + burst.length);
				await eventually(() => ids.every(answered), Boolean, 90_000);
				progress(`Linq has a 2xx for ${ids.filter(answered).length} of ${ids.length} deliveries`);
				await routed(ids);
				const failedAttempts = attempts()
					.slice(from)
					.filter((a) => ids.includes(a.webhook_id) && (a.status === null || a.status >= 300));
				expect(ids.filter((id) => !answered(id))).toEqual([]);
				const tally = await measure(workflow.id, ids, ids.length);
				const stream_ = executionsFor(tally, ids);
				const streamDuplicateIds = ids.filter((id) => (tally.byWebhookId.get(id)?.length ?? 0) > 1);
				// The one way a delivery may run twice here (docs/queue-mode.md): Linq gave up waiting for
				// its answer (the worker was behind by more than Linq's 15 s) and sent the copy to the other
				// webhook process, which cannot see a delivery in flight elsewhere: n8n saves the window only
				// with the answer. Any other second run is a defect.
				const timedOut = new Set(
					failedAttempts
						.filter((a) => a.status === null && /timeout/i.test(a.error ?? ''))
						.map((a) => a.webhook_id),
				);
				const streamRoutes = h.routesOf(ids);
				const lateAndCrossed = ids.filter(
					(id) => timedOut.has(id) && new Set(streamRoutes.get(id)).size > 1,
				);
				const unexplainedDuplicates = streamDuplicateIds.filter(
					(id) => !lateAndCrossed.includes(id),
				);

				// What the restarted process took before it was stopped, sent to it again: straight to its port
				// (one by one, then all at once), and through the balancer (which may still avoid it for a while
				// after the failure: nginx's fail_timeout).
				const before = ids.filter((id) => h.processOf(id, stoppedAt) === owner);
				const takenByTheOther = ids.filter((id) => h.processOf(id) === other(owner)).length;
				expect(before.length).toBeGreaterThan(0);
				const redelivered: Answer[] = [];
				for (const id of before)
					redelivered.push(await h.deliver(subscription, id, h.envelopeOf(id), owner));
				redelivered.push(
					...(await Promise.all(
						before.map((id) => h.deliver(subscription, id, h.envelopeOf(id), owner)),
					)),
				);
				redelivered.push(
					...(await Promise.all(
						before.map((id) => h.deliver(subscription, id, h.envelopeOf(id), 'balancer')),
					)),
				);
				const after_ = await measure(workflow.id, ids, ids.length);
				const measured = {
					...executionsFor(after_, ids),
					streamDuplicates: stream_.duplicates,
					streamDuplicateRuns: streamDuplicateIds.map((id) => ({
						id,
						executions: tally.byWebhookId.get(id),
						routes: streamRoutes.get(id),
					})),
					lateAndCrossed: lateAndCrossed.length,
					unexplainedDuplicates,
					failedAttempts: failedAttempts.length,
					failedStatuses: [...new Set(failedAttempts.map((a) => a.status ?? a.error))],
					takenBeforeStopByRestartedProcess: before.length,
					takenByTheOtherProcess: takenByTheOther,
					missingFromDurableWindowAtStop: missingAtStop.length,
					redeliveriesAccepted: redelivered.filter(accepted).length,
					redeliveriesAcceptedIds: [
						...new Set(redelivered.filter(accepted).map((a) => a.webhookId)),
					],
					stopMs,
				};
				results.perTriggerRouting.restart = measured;
				process.stderr.write(
					`per-trigger routing, restart mid-stream: ${JSON.stringify(measured)}\n`,
				);
				expect(redelivered.filter((a) => !duplicate(a))).toEqual([]);
				expect(measured).toMatchObject({
					lost: 0,
					duplicates: stream_.duplicates,
					unexplainedDuplicates: [],
					redeliveriesAccepted: 0,
				});
				// While it was down, the other process took the trigger's deliveries.
				expect(takenByTheOther).toBeGreaterThan(0);
			}
		}, 600_000);

		it('the action node runs on the worker: an inbound message gets read, typing and a threaded reply (auto-reply example)', async () => {
			const reply = await h.api.importWorkflow(readExample('auto-reply-with-typing'), h.credential);
			await h.api.activate(reply);
			try {
				await checkAutoReply(reply);
			} finally {
				await h.api.deactivate(reply);
			}
			expect(await subscriptionCount(1)).toBe(1);
		}, 120_000);

		async function checkAutoReply(reply: { id: string }) {
			expect(await subscriptionCount(2)).toBe(2);
			const before = h.sandbox.requests.length;
			const inbound = h.sandbox.inbound({ chat_id: SEED_IDS.dm, text: 'Hello from queue mode' });
			const [execution] = await eventually(
				async () =>
					(await h.api.executions(reply.id)) as Array<{
						id: string;
						status: string;
						mode?: string;
					}>,
				(e) => e.length >= 1 && e.every((x) => !['new', 'running'].includes(x.status)),
				60_000,
			);
			if (execution?.status === 'error') {
				const data = parseFlatted((await h.api.execution(execution.id)).data);
				throw new Error(
					`The auto-reply execution failed: ${JSON.stringify(data.resultData.error ?? {}).slice(0, 600)}`,
				);
			}
			expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
			const runData = await h.api.runData(execution.id);
			expect(outputOf(runData, 'Linq Trigger')[0]).toMatchObject({
				message_id: inbound.id,
				webhook_id: expect.stringMatching(/^msg_/),
			});
			const made = (
				h.sandbox.requests as Array<{
					method: string;
					path: string;
					body?: { message?: { reply_to?: { message_id: string } } };
				}>
			).slice(before);
			expect(
				made.filter((r) => r.method === 'POST' && r.path === `/v3/chats/${SEED_IDS.dm}/read`),
			).toHaveLength(1);
			expect(
				made.filter((r) => r.method === 'POST' && r.path === `/v3/chats/${SEED_IDS.dm}/typing`),
			).toHaveLength(1);
			const sent = made.filter(
				(r) => r.method === 'POST' && r.path === `/v3/chats/${SEED_IDS.dm}/messages`,
			);
			expect(sent).toHaveLength(1);
			expect(sent[0].body?.message?.reply_to?.message_id).toBe(inbound.id);
			// A webhook process queued it and the worker ran it.
			const enqueued = ['webhook-1', 'webhook-2'].flatMap((name) =>
				logLines(h.q.logOf(name), [`Enqueued execution ${execution.id} `]),
			);
			expect(enqueued).toHaveLength(1);
			expect(
				logLines(h.q.logOf('worker'), [`Worker started execution ${execution.id} `]),
			).toHaveLength(1);
			expect(
				logLines(h.q.logOf('worker'), [`Worker finished execution ${execution.id} `]),
			).toHaveLength(1);
			expect(logLines(h.q.logOf('main'), [`execution ${execution.id} `])).toEqual([]);
		}

		it('deactivation from main leaves no subscription', async () => {
			await h.api.deactivate(workflow);
			expect(await subscriptionCount(0)).toBe(0);
			await pause(1000);
			expect(h.sandbox.state.subscriptions.size).toBe(0);
		});
	});

	describe('plain round-robin (scripts/queue/nginx-round-robin.conf): measured', () => {
		const HOOK = 'a0a0a0a0-0000-4000-8000-00000000e2e2';
		let workflow: { id: string; versionId: string };
		let subscription: Subscription;
		const delivered: string[] = [];

		it('activation through the round-robin balancer creates exactly one subscription', async () => {
			await h.q.useBalancer('round-robin');
			workflow = await h.api.importWorkflow(
				triggerWorkflow('Queue mode: round-robin', HOOK),
				h.credential,
			);
			await h.api.activate(workflow);
			expect(await subscriptionCount(1)).toBe(1);
			subscription = h.subscriptionOf(HOOK) as Subscription;
			expect(subscription.target_url).toBe(
				`${h.q.publicUrl}/webhook/${HOOK}/webhook?version=2026-02-03`,
			);
		});

		it(`40 deliveries at once plus 40 crosswise redeliveries (${ROUNDS} rounds): no delivery lost; duplicates measured`, async () => {
			for (let round = 1; round <= ROUNDS; round++) {
				const measured = await crosswise(workflow.id, subscription, 40, `round-robin ${round}`);
				results.roundRobin.crosswise.push(measured);
				process.stderr.write(
					`round-robin, 40 + 40 crosswise, round ${round}: ${JSON.stringify(measured)}\n`,
				);
				expect(measured).toMatchObject({ deliveries: 40, lost: 0 });
				expect(measured.executions).toBe(40 + measured.crosswiseAccepted);
				// Round-robin spreads one trigger's deliveries over both webhook processes.
				expect((measured.split as number[]).every((n) => n > 0)).toBe(true);
			}
			delivered.push(...[...(await h.tally(workflow.id)).byWebhookId.keys()]);
		}, 600_000);

		it(`10 deliveries each sent twice at the same moment (${ROUNDS} rounds): no delivery lost; duplicates measured`, async () => {
			for (let round = 1; round <= ROUNDS; round++) {
				const { measured } = await simultaneous(workflow.id, subscription, 10, delivered);
				results.roundRobin.simultaneous.push(measured);
				process.stderr.write(
					`round-robin, 10 x 2 simultaneous, round ${round}: ${JSON.stringify(measured)}\n`,
				);
				expect(measured).toMatchObject({ deliveries: 10, lost: 0 });
				expect(measured.executions).toBe(measured.acceptedAnswers);
			}
		}, 300_000);

		it('deactivation leaves no subscription', async () => {
			await h.api.deactivate(workflow);
			expect(await subscriptionCount(0)).toBe(0);
		});
	});
});
