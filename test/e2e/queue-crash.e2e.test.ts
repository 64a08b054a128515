/**
 * A webhook process dies in n8n's queue mode (main + worker + two `n8n webhook` processes behind
 * nginx, PostgreSQL, Redis: scripts/lib/queue-mode.js), the Linq Trigger beside n8n's own Webhook
 * node, both fed the same stream by the sandbox, which retries what got no 2xx as Linq does:
 * - the process that takes the trigger's deliveries is killed (SIGKILL, no drain) in the middle
 *   of the stream and started again: every delivery that got a 2xx has an execution;
 * - under plain round-robin, each delivery sent to both processes at once runs twice at worst,
 *   and the auto-reply example still sends one reply per delivery (its Send takes its idempotency
 *   key from the delivery).
 * Numbers are printed and written to test/e2e/results/queue-crash-n8n-<version>.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { SEED_IDS } from '../../sandbox/state';
import { readExample } from '../../scripts/lib/examples';
import { selectedVersion } from '../../scripts/lib/n8n-install';
import {
	answerHistogram,
	answeredIds,
	countDeliveries,
	subscribeByHand,
	unansweredIds,
} from './delivery-harness';
import type { Counted, Target } from './delivery-harness';
import { chain, eventually, pause, workflowOf } from './harness';
import { STREAM_PER_SECOND, startQueueHarness, type QueueHarness } from './queue-harness';

const RESULTS = path.join(__dirname, 'results', `queue-crash-n8n-${selectedVersion()}.json`);

describe('a webhook process killed in queue mode: the Linq Trigger and n8n’s Webhook node', () => {
	let h: QueueHarness;
	let trigger: Target;
	let webhookNode: Target;
	const results: Record<string, unknown> = {};

	beforeAll(async () => {
		h = await startQueueHarness({ balancer: 'per-trigger' });
		const triggerWorkflow = await h.api.importWorkflow(
			workflowOf(
				'Queue crash: Linq Trigger',
				[
					{
						name: 'Linq Trigger',
						type: 'n8n-nodes-linqapp.linqTrigger',
						typeVersion: 1.1,
						webhookId: randomUUID(),
						parameters: { events: ['message.received'], filters: { chatIds: SEED_IDS.smsGroup } },
					},
					{ name: 'Done', type: 'n8n-nodes-base.noOp', parameters: {} },
				],
				chain('Linq Trigger', 'Done'),
			),
			h.credential,
		);
		const webhookWorkflow = await h.api.importWorkflow(
			workflowOf(
				'Queue crash: Webhook node',
				[
					{
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: randomUUID(),
						parameters: { httpMethod: 'POST', path: 'queue-crash-webhook-node', options: {} },
					},
					{ name: 'Done', type: 'n8n-nodes-base.noOp', parameters: {} },
				],
				chain('Webhook', 'Done'),
			),
		);
		await h.api.activate(triggerWorkflow);
		await h.api.activate(webhookWorkflow);
		const subscription = await eventually(
			() => [...h.sandbox.state.subscriptions.values()][0],
			Boolean,
			20_000,
		);
		const created = await subscribeByHand(h, `${h.q.publicUrl}/webhook/queue-crash-webhook-node`, [
			'message.received',
		]);
		trigger = {
			name: 'Linq Trigger',
			workflowId: triggerWorkflow.id,
			subscription: subscription as Target['subscription'],
		};
		webhookNode = {
			name: 'Webhook',
			workflowId: webhookWorkflow.id,
			subscription: h.sandbox.state.subscriptions.get(created.id),
		};
	}, 900_000);

	afterAll(async () => {
		fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
		fs.writeFileSync(
			RESULTS,
			`${JSON.stringify({ measuredAt: new Date().toISOString(), streamPerSecond: STREAM_PER_SECOND, ...results }, null, 2)}\n`,
		);
		await h?.stop();
	}, 120_000);

	function report(scenario: string, counted: Counted[]) {
		results[scenario] = Object.fromEntries(counted.map((c) => [c.node, c]));
		for (const c of counted) {
			process.stderr.write(
				`${scenario} (n8n ${selectedVersion()}, queue mode), ${c.node}: ${c.answered} answered 2xx, ${c.executions} executions, ${c.lost} lost, ${c.startingUp} answered 200 by n8n while it started (never reached a node), ${c.ranTwice} ran twice, ${c.neverAnswered} never answered 2xx\n`,
			);
		}
	}

	it("kill -9 of the trigger's webhook process mid-stream, started again: nothing answered 2xx is lost", async () => {
		const first = h.sandbox.dispatcher.attempts.length;
		let killed = -1;
		let restarted: Promise<void> | undefined;
		let backSince = 0;
		// The stream runs until some deliveries went through, then through the kill and the restart,
		// and a few seconds beyond.
		for (let i = 0; !backSince || Date.now() - backSince < 5000; i++) {
			h.sandbox.inbound({ chat_id: SEED_IDS.smsGroup, text: `queue stream ${i}` });
			await pause(1000 / STREAM_PER_SECOND);
			const answered = answeredIds(h, trigger, first);
			if (killed < 0 && answered.length >= 40) {
				killed = h.processOf(answered[answered.length - 1]);
				if (killed < 0) continue;
				process.stderr.write(`killing webhook-${killed + 1} (SIGKILL, no drain)\n`);
				await h.q.webhooks[killed].kill();
				restarted = h.startWebhookWhenReady(killed).then(() => {
					backSince = Date.now();
				});
			}
			if (i > STREAM_PER_SECOND * 240)
				throw new Error(
					`the stream did not get through in 4 minutes (${killed < 0 ? `${answered.length} trigger deliveries answered 2xx, none killed yet` : `webhook-${killed + 1} killed, ${backSince ? 'back' : 'not back'}`}); the trigger's attempts: ${JSON.stringify(answerHistogram(h, trigger, first))}; the Webhook node's: ${JSON.stringify(answerHistogram(h, webhookNode, first))}`,
				);
		}
		await restarted;
		expect(killed).toBeGreaterThanOrEqual(0);
		await eventually(
			() => h.sandbox.dispatcher.timers.size === 0 && h.sandbox.dispatcher.inFlight.size === 0,
			Boolean,
			180_000,
		);
		await pause(3000);
		const counted = await Promise.all(
			[trigger, webhookNode].map(async (target) => ({
				...(await countDeliveries(h, target, answeredIds(h, target, first))),
				neverAnswered: unansweredIds(h, target, first).length,
			})),
		);
		report('kill -9 mid-stream', counted);
		expect(counted[0].lost).toBe(0);
		expect(counted[0].answered).toBeGreaterThan(0);
	}, 900_000);

	it('round-robin: 10 deliveries each sent to both webhook processes at once, auto-reply behind the trigger: one reply per delivery', async () => {
		await h.api.deactivate({ id: trigger.workflowId });
		const reply = await h.api.importWorkflow(readExample('auto-reply-with-typing'), h.credential);
		await h.api.activate(reply);
		await h.q.useBalancer('round-robin');
		try {
			const subscription = await eventually(
				() => h.subscriptionOf(reply.nodes[0].webhookId),
				Boolean,
				20_000,
			);
			await h.waitForTriggerPaths();
			// One delivery the sandbox makes, to copy: ten fresh ones like it, each sent to both
			// webhook processes at the same moment.
			const seed = h.sandbox.inbound({ chat_id: SEED_IDS.dm, text: 'copy test' });
			const [like] = await eventually(
				() => h.deliveriesOf(subscription!, [seed.id]),
				(found) => found.length === 1,
				30_000,
			);
			await h.settle(reply.id, [like], 1, 60_000);
			const before = h.sandbox.requests.length;
			const ids = Array.from({ length: 10 }, () => `msg_copies_${randomBytes(8).toString('hex')}`);
			const answers = await Promise.all(
				ids.flatMap((id) => {
					const envelope = h.freshEnvelope(like);
					return [0, 1].map((to) => h.deliver(subscription!, id, envelope, to));
				}),
			);
			expect(answers.filter((a) => a.status >= 300)).toEqual([]);
			const tally = await h.settle(reply.id, ids, 10, 90_000);
			await pause(3000);
			const sends = (
				h.sandbox.requests as Array<{ method: string; path: string; replayed?: boolean }>
			)
				.slice(before)
				.filter((r) => r.method === 'POST' && r.path === `/v3/chats/${SEED_IDS.dm}/messages`);
			const measured = {
				deliveries: 10,
				executions: ids.reduce((n, id) => n + (tally.byWebhookId.get(id)?.length ?? 0), 0),
				replies: sends.filter((r) => !r.replayed).length,
				replays: sends.filter((r) => r.replayed).length,
			};
			results['round-robin copies, auto-reply'] = measured;
			process.stderr.write(`round-robin copies, auto-reply: ${JSON.stringify(measured)}\n`);
			expect(measured.executions).toBeGreaterThanOrEqual(10);
			expect(measured.replies).toBe(10);
			expect(measured.replays).toBe(measured.executions - 10);
		} finally {
			await h.q.useBalancer('per-trigger');
			await h.api.deactivate(reply);
		}
	}, 600_000);
});
