/**
 * End to end in a real n8n (the cached, pinned release) with this package installed as a
 * community package, against the Linq sandbox, on loopback only. Run with `npm run test:e2e`.
 * The steps build on each other, like a person working through the examples.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { SEED_IDS } from '../../sandbox/state';
import { readExample } from '../../scripts/lib/examples';
import { outputOf } from '../../scripts/lib/n8n-rest';
import { eventually, startHarness, type Harness } from './harness';

const example = readExample;

describe('Linq nodes in a real n8n', () => {
	let h: Harness;
	let trigger: { id: string; versionId: string; nodes: Array<{ webhookId?: string }> };
	let triggerUrl: string;

	beforeAll(async () => {
		h = await startHarness();
	}, 900_000);

	afterAll(async () => h?.stop(), 60_000);

	const run = (workflowId: string) => h.run(workflowId);
	const executionsOf = (workflowId: string) => h.executions(workflowId);
	const finishedExecutions = (workflowId: string, count: number) =>
		h.finishedExecutions(workflowId, count);
	const subscriptionCount = (count: number) => h.subscriptionCount(count);
	const triggerRunData = (executionId: string) => h.api.runData(executionId);

	it('the credential test passes with the sandbox key and fails with a wrong one', async () => {
		await expect(
			h.api.testCredential(h.credential, { apiKey: h.sandbox.apiKey, baseUrl: h.sandbox.baseUrl }),
		).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await h.api.testCredential(h.credential, {
			apiKey: 'sk_wrong',
			baseUrl: h.sandbox.baseUrl,
		});
		expect(wrong.status).toBe('Error');
	});

	it('activating the trigger workflow creates exactly one subscription', async () => {
		trigger = await h.api.importWorkflow(example('on-participant-removed'), h.credential);
		await h.api.activate(trigger);
		// Newer n8n finishes activating after the REST call returns.
		await subscriptionCount(1);
		const subscriptions = [...h.sandbox.state.subscriptions.values()];
		expect(subscriptions).toHaveLength(1);
		triggerUrl = subscriptions[0].target_url;
		expect(triggerUrl).toBe(
			`${h.n8n.url}/webhook/${trigger.nodes[0].webhookId}/webhook?version=2026-02-03`,
		);
		expect(subscriptions[0].subscribed_events).toEqual(['participant.removed']);
	});

	it("Remove Participant (example, run headless) sends DELETE with the JSON body and outputs Linq's answer", async () => {
		const workflow = await h.api.importWorkflow(example('remove-participant'), h.credential);
		const result = await run(workflow.id);
		expect(result.status).toBe('success');
		expect(outputOf(result.data.resultData.runData, 'Remove Participant')).toEqual([
			expect.objectContaining({
				message: 'Participant removal queued',
				status: 'accepted',
				chat_id: SEED_IDS.imessageGroup,
				handle: '+14155550101',
			}),
		]);
		const sent = h.sandbox.requests.filter(
			(r: { method: string; path: string }) =>
				r.method === 'DELETE' && r.path.endsWith('/participants'),
		);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toEqual({ handle: '+14155550101' });
		expect(sent[0].headers['content-type']).toContain('application/json');
	});

	it('the signed participant.removed starts exactly one execution, with the event as output', async () => {
		const executions = await finishedExecutions(trigger.id, 1);
		await new Promise((r) => setTimeout(r, 1000));
		expect(await executionsOf(trigger.id)).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		const runData = await triggerRunData(executions[0].id);
		const [event] = outputOf(runData, 'Linq Trigger');
		expect(event).toMatchObject({
			event_type: 'participant.removed',
			webhook_version: '2026-02-03',
			chat_id: SEED_IDS.imessageGroup,
			participant_handle: '+14155550101',
			data: expect.objectContaining({ handle: '+14155550101' }),
		});
		expect(outputOf(runData, 'Who Left')[0].summary).toContain('+14155550101 left chat');
	});

	it('a forged delivery gets 401 and starts nothing; a redelivery gets 200 and starts nothing', async () => {
		const body = Buffer.from(
			JSON.stringify({
				event_type: 'participant.removed',
				data: { chat_id: SEED_IDS.imessageGroup },
			}),
		);
		const ts = String(Math.floor(Date.now() / 1000));
		const forgedKey = randomBytes(24);
		const forged = await fetch(triggerUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_forged',
				'webhook-timestamp': ts,
				'webhook-signature': `v1,${createHmac('sha256', forgedKey).update(`msg_forged.${ts}.`).update(body).digest('base64')}`,
			},
			body,
		});
		expect(forged.status).toBe(401);

		const delivered = h.sandbox.dispatcher.attempts.find(
			(a: { status: number | null }) => a.status === 200,
		);
		expect(await h.sandbox.redeliver(delivered.webhook_id)).toBe(200);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await executionsOf(trigger.id)).toHaveLength(1);
	});

	const restartN8n = () => h.restart();

	it('after an n8n restart the same subscription is kept, a redelivery is still a repeat, and the next signed delivery verifies (Leave Chat)', async () => {
		const before = [...h.sandbox.state.subscriptions.keys()];
		await restartN8n();
		expect([...h.sandbox.state.subscriptions.keys()]).toEqual(before);

		// The dedupe window was saved with the workflow: Linq retrying the first delivery now is still a repeat.
		const first = h.sandbox.dispatcher.attempts.find(
			(a: { status: number | null }) => a.status === 200,
		);
		expect(await h.sandbox.redeliver(first.webhook_id)).toBe(200);
		await new Promise((r) => setTimeout(r, 1000));
		expect(await executionsOf(trigger.id)).toHaveLength(1);

		const workflow = await h.api.importWorkflow(example('leave-chat'), h.credential);
		const result = await run(workflow.id);
		expect(outputOf(result.data.resultData.runData, 'Leave Chat')).toEqual([
			expect.objectContaining({
				message: 'Leave group chat queued',
				status: 'accepted',
				chat_id: SEED_IDS.imessageGroup,
			}),
		]);
		const executions = await finishedExecutions(trigger.id, 2);
		expect(executions).toHaveLength(2);
		const runData = await triggerRunData(executions[0].id);
		expect(outputOf(runData, 'Linq Trigger')[0]).toMatchObject({
			participant_handle: '+12025550100',
			is_me: true,
		});
		expect(outputOf(runData, 'Who Left')[0].we_left).toBe(true);
	});

	it('a delivery whose only save was the one after it was accepted is still a repeat after a restart', async () => {
		// No repeat reached n8n since the Leave Chat delivery: only the save n8n makes when that
		// delivery was accepted can have written its id.
		const leave = [...h.sandbox.dispatcher.attempts]
			.reverse()
			.find((a: { status: number | null }) => a.status === 200);
		await restartN8n();
		expect(await h.sandbox.redeliver(leave.webhook_id)).toBe(200);
		await new Promise((r) => setTimeout(r, 1000));
		expect(await executionsOf(trigger.id)).toHaveLength(2);
	});

	it('Add Participant from a webhook (example): good input is sent, bad input is an error item and is not', async () => {
		const workflow = await h.api.importWorkflow(
			example('add-participant-from-webhook'),
			h.credential,
		);
		await h.api.activate(workflow);
		const addedBefore = h.sandbox.requests.filter(
			(r: { method: string; path: string }) =>
				r.method === 'POST' && r.path.endsWith('/participants'),
		).length;
		const call = async (payload: object) => {
			const response = await fetch(`${h.n8n.url}/webhook/linq-add-participant`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(payload),
			});
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		};
		// Newer n8n registers the production webhook a moment after activation returns.
		const good = await eventually(
			() => call({ chat_id: SEED_IDS.smsGroup, handle: '+14155550204' }),
			(r) => r.status !== 404,
			10_000,
		);
		expect(good.body).toMatchObject({
			message: 'Participant addition queued',
			status: 'accepted',
			handle: '+14155550204',
		});
		const bad = await call({ chat_id: SEED_IDS.smsGroup, handle: '415-555-0205' });
		expect(bad.body.error).toBe('Invalid value "415-555-0205" for parameter "Handle" [item 0]');
		const left = await call({ chat_id: SEED_IDS.imessageGroup, handle: '+14155550206' });
		expect(left.body).toMatchObject({ error: 'This chat is unavailable', code: 2013, status: 409 });
		const added = h.sandbox.requests.filter(
			(r: { method: string; path: string }) =>
				r.method === 'POST' && r.path.endsWith('/participants'),
		);
		expect(added.length - addedBefore).toBe(2);
		await h.api.deactivate(workflow);
	});

	it('deactivating deletes the subscription; 20 more activate/deactivate cycles leave none behind', async () => {
		await h.api.deactivate(trigger);
		expect(await subscriptionCount(0)).toBe(0);
		for (let i = 0; i < 20; i++) {
			await h.api.activate(trigger);
			expect(await subscriptionCount(1)).toBe(1);
			await h.api.deactivate(trigger);
			expect(await subscriptionCount(0)).toBe(0);
		}
		await new Promise((r) => setTimeout(r, 1000));
		expect(h.sandbox.state.subscriptions.size).toBe(0);
	}, 120_000);
});
