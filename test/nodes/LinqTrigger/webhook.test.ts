import { forgetTrigger } from '../../../nodes/LinqTrigger/deliveries';
import { LinqTrigger } from '../../../nodes/LinqTrigger/LinqTrigger.node';
import { loggedLines } from '../../helpers/logs';
import {
	deliver,
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
		const { response, status } = await deliver(workflow, signedHeaders(secret, raw, 'msg_a1'), raw);
		expect(status).toBe(200);
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

	it('answers 200 itself and leaves the window marked changed, so n8n saves it before the execution starts', async () => {
		const raw: Record<string, Record<string, unknown>> = stored();
		const workflow = triggerWorkflow({ events: ['participant.removed'] }, raw);
		const body1 = body();
		const {
			status,
			body: answered,
			response,
		} = await deliver(workflow, signedHeaders(secret, body1, 'msg_k1'), body1);
		// n8n settles the response (and saves changed static data) when webhook() says it answered
		// itself, before it builds the execution's workflow, which would clear the change flag.
		expect(status).toBe(200);
		expect(answered).toEqual({ received: true });
		expect(response.noWebhookResponse).toBe(true);
		expect(response.workflowData).toHaveLength(1);
		expect(workflow.staticData.__dataChanged).toBe(true);
		expect(Object.keys(raw['node:Linq Trigger'].deliveries as object)).toContain('msg_k1');
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
