import { forgetTrigger } from '../../../nodes/LinqTrigger/dedupeWindow';
import { LinqTrigger } from '../../../nodes/LinqTrigger/LinqTrigger.node';
import { decodeWindow } from '../../../nodes/LinqTrigger/savedWindow';
import { holdSleeps } from '../../helpers/clock';
import { loggedLines } from '../../helpers/logs';
import {
	deliver,
	runDeliveryExecution,
	newSecret,
	participantRemoved,
	sign,
	signedHeaders,
	triggerState,
	triggerWorkflow,
} from '../../helpers/trigger';

const secret = newSecret();
const stored = () => ({
	'node:Linq Trigger': { subscriptionId: 'sub-1', signingSecret: secret, targetUrl: 'x' },
});
const body = (overrides = {}) => Buffer.from(JSON.stringify(participantRemoved(overrides)));

describe('Linq Trigger deliveries (webhook)', () => {
	it('a correctly signed participant.removed starts one execution with the envelope and shortcuts', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		const {
			response,
			status,
			body: answer,
		} = await deliver(workflow, signedHeaders(secret, raw, 'msg_a1'), raw);
		expect(status).toBe(200);
		expect(answer).toEqual({ received: true });
		expect(response.workflowData).toHaveLength(1);
		const [[item]] = response.workflowData!;
		expect(item.json).toEqual({
			...participantRemoved(),
			webhook_id: 'msg_a1',
			chat_id: '550e8400-e29b-41d4-a716-446655440000',
			participant_handle: '+12223334444',
			service: 'iMessage',
			is_me: false,
			removed_at: '2026-11-23T09:59:58.000Z',
		});
	});

	it('verifies the raw bytes: a body n8n would parse to the same JSON but with other spacing is refused', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		const respaced = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 2));
		const { status, response } = await deliver(
			workflow,
			signedHeaders(secret, raw, 'msg_a2'),
			respaced,
		);
		expect(status).toBe(401);
		expect(response).toEqual({ noWebhookResponse: true });
	});

	it('a forged delivery gets 401, starts nothing and is not remembered', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		const forged = { ...signedHeaders(newSecret(), raw, 'msg_f1') };
		const result = await deliver(workflow, forged, raw);
		expect(result.status).toBe(401);
		expect(result.body).toEqual({ error: 'Invalid webhook signature' });
		expect(loggedLines()).toEqual([
			expect.objectContaining({
				level: 'warn',
				message:
					'Linq Trigger: refused a delivery that failed verification (no matching v1 signature)',
				metadata: expect.objectContaining({ webhookId: 'msg_f1' }),
			}),
		]);
		expect(result.response.workflowData).toBeUndefined();
		expect(JSON.stringify(triggerState(workflow).deliveries ?? {})).not.toContain('msg_f1');
		// The genuine delivery with that id still gets through afterwards.
		const genuine = await deliver(workflow, signedHeaders(secret, raw, 'msg_f1'), raw);
		expect(genuine.response.workflowData).toHaveLength(1);
	});

	it('a redelivery of an accepted webhook-id answers 200 and starts no second execution', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		const first = await deliver(workflow, signedHeaders(secret, raw, 'msg_d1'), raw);
		// Linq retries with a new timestamp and signature, same webhook-id.
		const retry = await deliver(
			workflow,
			signedHeaders(secret, raw, 'msg_d1', Math.floor(Date.now() / 1000) + 60),
			raw,
		);
		expect(first.response.workflowData).toHaveLength(1);
		expect(retry.status).toBe(200);
		expect(retry.body).toEqual({ received: true, duplicate: true });
		expect(retry.response.workflowData).toBeUndefined();
	});

	it('concurrent copies of one delivery start exactly one execution', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		const results = await Promise.all(
			Array.from({ length: 5 }, () => deliver(workflow, signedHeaders(secret, raw, 'msg_c1'), raw)),
		);
		expect(results.filter((r) => r.response.workflowData).length).toBe(1);
	});

	it('the dedupe window survives an n8n restart (static data saved and reloaded)', async () => {
		const before = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		await deliver(before, signedHeaders(secret, raw, 'msg_r1'), raw);
		// n8n saved the static data to its database; a restarted process loads it into a new Workflow.
		const savedStaticData = JSON.parse(JSON.stringify(before.staticData));
		forgetTrigger(`${before.id}:trigger-1:live`);
		const after = triggerWorkflow({ events: ['participant.removed'] }, savedStaticData);
		const retry = await deliver(after, signedHeaders(secret, raw, 'msg_r1'), raw);
		expect(retry.body).toEqual({ received: true, duplicate: true });
		expect(before.staticData.__dataChanged).toBe(true);
	});

	it('an accepted delivery is answered from inside its execution, and the window n8n saves with that answer holds its id', async () => {
		const saved: Record<string, Record<string, unknown>> = stored();
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, saved);
		const raw = body();
		const pending = await deliver(workflow, signedHeaders(secret, raw, 'msg_k1'), raw, undefined, {
			execute: false,
		});
		// Nothing has gone out: n8n answers in responseNode mode, once the execution runs.
		expect(new LinqTrigger().description.webhooks?.[0].responseMode).toBe('responseNode');
		expect(pending.response.noWebhookResponse).toBeUndefined();
		expect(pending.res.finished).toBe(false);
		// The window goes into the static data with the answer, not before.
		expect(JSON.stringify(saved)).not.toContain('msg_k1');

		const output = await runDeliveryExecution(
			workflow,
			pending.response.workflowData![0],
			pending.res,
		);
		expect(pending.res.finished).toBe(true);
		expect(pending.res.statusCode).toBe(200);
		expect(pending.res.body).toEqual({ received: true });
		expect(workflow.staticData.__dataChanged).toBe(true);
		// Saved as one string (savedWindow.ts), which n8n parses and copies as one value.
		const savedDeliveries = JSON.parse(JSON.stringify(saved))['node:Linq Trigger'].deliveries;
		expect(typeof savedDeliveries).toBe('string');
		expect([...decodeWindow(savedDeliveries).keys()]).toEqual(['msg_k1']);
		expect(output?.[0].json).toMatchObject({
			webhook_id: 'msg_k1',
			event_type: 'participant.removed',
		});
	});

	it('a copy that arrives while the first copy waits for its answer gets 200 once that answer went out, and starts nothing', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		const headers = signedHeaders(secret, raw, 'msg_w1');
		const first = await deliver(workflow, headers, raw, undefined, { execute: false });
		// The copy waits (COPY_WAIT_MS) while the first copy's execution runs and answers.
		const release = holdSleeps();
		const copy = deliver(workflow, headers, raw);
		await runDeliveryExecution(workflow, first.response.workflowData![0], first.res);
		release();
		const answered = await copy;
		expect(answered.status).toBe(200);
		expect(answered.body).toEqual({ received: true, duplicate: true });
		expect(answered.response.workflowData).toBeUndefined();
	});

	it('when n8n could not start the execution (its answer is a 500), a copy that arrives then may run', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body();
		const headers = signedHeaders(secret, raw, 'msg_e1');
		const first = await deliver(workflow, headers, raw, undefined, { execute: false });
		first.res.status(500).json({ code: 0, message: 'Workflow could not be started!' });
		await new Promise((resolve) => first.res.once('finish', resolve));
		const retry = await deliver(workflow, headers, raw);
		expect(retry.response.workflowData).toHaveLength(1);
		expect(retry.body).toEqual({ received: true });
	});

	it('n8n clearing the change flag while it prepares the execution (as WorkflowRunner.run does on n8n 2.41) does not keep the window from being saved', async () => {
		const saved: Record<string, Record<string, unknown>> = stored();
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, saved);
		const raw = body();
		const pending = await deliver(workflow, signedHeaders(secret, raw, 'msg_x1'), raw, undefined, {
			execute: false,
		});
		// What WorkflowRunner.run() does on n8n 2.41 (establishContextForPersistence): a Workflow built
		// over the same static data object, which resets its change flag.
		triggerWorkflow({ events: ['participant.removed'] }, saved);
		expect(workflow.staticData.__dataChanged).toBe(false);
		await runDeliveryExecution(workflow, pending.response.workflowData![0], pending.res);
		expect(workflow.staticData.__dataChanged).toBe(true);
		expect(JSON.stringify(saved)).toContain('msg_x1');
	});

	it('an event that is not selected answers 200 and starts nothing', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = body({ event_type: 'participant.added', data: { handle: '+1', chat_id: 'c' } });
		const result = await deliver(workflow, signedHeaders(secret, raw, 'msg_u1'), raw);
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ received: true, ignored: 'event not selected' });
		expect(result.response.workflowData).toBeUndefined();
	});

	it('the chat filter lets only the listed chats through', async () => {
		const workflow = triggerWorkflow(
			{
				events: ['participant.removed'],
				filters: {
					chatIds: '7c9e6679-7425-40de-944b-e07fc1f90ae7, 550e8400-e29b-41d4-a716-446655440000',
				},
			},
			stored(),
		);
		const inside = body();
		const outside = body({
			data: {
				...(participantRemoved().data as object),
				chat_id: 'aaaaaaaa-7425-40de-944b-e07fc1f90ae7',
			},
		});
		expect(
			(await deliver(workflow, signedHeaders(secret, inside, 'msg_in'), inside)).response
				.workflowData,
		).toHaveLength(1);
		const result = await deliver(workflow, signedHeaders(secret, outside, 'msg_out'), outside);
		expect(result.body).toEqual({ received: true, ignored: 'chat not in filter' });
	});

	it('Include Headers adds the delivery headers', async () => {
		const workflow = triggerWorkflow(
			{ events: ['participant.removed'], options: { includeHeaders: true } },
			stored(),
		);
		const raw = body();
		const { response } = await deliver(workflow, signedHeaders(secret, raw, 'msg_h1'), raw);
		expect(response.workflowData![0][0].json.headers).toMatchObject({ 'webhook-id': 'msg_h1' });
	});

	it('manual mode verifies with the secret from its credential', async () => {
		const pasted = newSecret();
		const workflow = triggerWorkflow({
			subscriptionMode: 'manual',
			events: ['participant.removed'],
		});
		const raw = body();
		expect(
			(await deliver(workflow, signedHeaders(pasted, raw, 'msg_m1'), raw, pasted)).response
				.workflowData,
		).toHaveLength(1);
		expect(
			(await deliver(workflow, signedHeaders(secret, raw, 'msg_m2'), raw, pasted)).status,
		).toBe(401);
		// No credential at all: nothing verifies (401, never a 500).
		expect((await deliver(workflow, signedHeaders(pasted, raw, 'msg_m3'), raw)).status).toBe(401);
	});

	it('manual mode keeps the secret out of the workflow: the node has no secret parameter', () => {
		const properties = new LinqTrigger().description.properties.map((p) => p.name);
		expect(properties).not.toContain('signingSecret');
		const credentials = new LinqTrigger().description.credentials ?? [];
		expect(credentials.find((c) => c.name === 'linqAppWebhookSecretApi')?.displayOptions).toEqual({
			show: { subscriptionMode: ['manual'] },
		});
	});

	it('without a stored secret every delivery is refused (never a 500)', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] });
		const raw = body();
		expect((await deliver(workflow, signedHeaders(secret, raw, 'msg_n1'), raw)).status).toBe(401);
	});

	it('a signed body that is not JSON gets 400 and starts nothing', async () => {
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, stored());
		const raw = Buffer.from('not json');
		const ts = Math.floor(Date.now() / 1000);
		const result = await deliver(
			workflow,
			{
				'webhook-id': 'msg_j1',
				'webhook-timestamp': String(ts),
				'webhook-signature': sign(secret, 'msg_j1', ts, raw),
			},
			raw,
		);
		expect(result.status).toBe(400);
		expect(result.response.workflowData).toBeUndefined();
	});
});
