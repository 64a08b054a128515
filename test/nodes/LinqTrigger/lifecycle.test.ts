import nock from 'nock';

import { API_KEY, BASE_URL } from '../../helpers/engine';
import { countAllRequests, linqError } from '../../helpers/linq';
import { LinqTrigger } from '../../../nodes/LinqTrigger/LinqTrigger.node';
import {
	lifecycle,
	PRODUCTION_URL,
	TEST_URL,
	TRIGGER_NAME,
	triggerState,
	triggerWorkflow,
} from '../../helpers/trigger';

const SUB = '9a5b1c2d-3e4f-4a6b-8c7d-0e1f2a3b4c5d';
const SECRET = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3';
const remote = (overrides: object = {}) => ({
	id: SUB,
	target_url: PRODUCTION_URL,
	subscribed_events: ['participant.removed'],
	is_active: true,
	phone_numbers: null,
	created_at: '2026-11-23T10:00:00Z',
	updated_at: '2026-11-23T10:00:00Z',
	...overrides,
});

describe('Linq Trigger subscription lifecycle', () => {
	it('create: POSTs the webhook URL with ?version, the events and the line filter; keeps id and secret', async () => {
		const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.post('/v3/webhook-subscriptions', {
				target_url: PRODUCTION_URL,
				subscribed_events: ['participant.removed', 'participant.added'],
				phone_numbers: ['+12223334444', '+13334445555'],
			})
			.reply(201, { ...remote(), signing_secret: SECRET });
		const workflow = triggerWorkflow({
			events: ['participant.removed', 'participant.added'],
			filters: { phoneNumbers: '+12223334444, +13334445555' },
		});

		await expect(lifecycle(workflow, 'create')).resolves.toBe(true);

		expect(triggerState(workflow)).toMatchObject({
			subscriptionId: SUB,
			signingSecret: SECRET,
			targetUrl: PRODUCTION_URL,
		});
		scope.done();
	});

	it('create for "Listen for test event" uses the test URL', async () => {
		const scope = nock(BASE_URL)
			.post('/v3/webhook-subscriptions', (body) => body.target_url === TEST_URL)
			.reply(201, { ...remote({ target_url: TEST_URL }), signing_secret: SECRET });
		const workflow = triggerWorkflow({ events: ['participant.removed'] });
		await lifecycle(workflow, 'create', { isTest: true });
		expect(triggerState(workflow).targetUrl).toBe(TEST_URL);
		scope.done();
	});

	it('create: a URL already subscribed at Linq is found, deleted and created anew', async () => {
		const scope = nock(BASE_URL)
			.post('/v3/webhook-subscriptions')
			.reply(409, linqError(409, 2015, 'A webhook subscription for this target_url already exists'))
			.get('/v3/webhook-subscriptions')
			.reply(200, {
				subscriptions: [
					remote({ id: 'other', target_url: 'https://elsewhere.example.com/hook' }),
					remote({ id: 'stale-1' }),
				],
			})
			.delete('/v3/webhook-subscriptions/stale-1')
			.reply(204)
			.post('/v3/webhook-subscriptions')
			.reply(201, { ...remote(), signing_secret: SECRET });
		const workflow = triggerWorkflow({ events: ['participant.removed'] });
		await expect(lifecycle(workflow, 'create')).resolves.toBe(true);
		expect(triggerState(workflow).signingSecret).toBe(SECRET);
		scope.done();
	});

	it('create: a conflict on a URL that is not ours surfaces and deletes nothing', async () => {
		nock(BASE_URL)
			.post('/v3/webhook-subscriptions')
			.reply(409, linqError(409, 2015, 'Operation conflicts with current state'))
			.get('/v3/webhook-subscriptions')
			.reply(200, {
				subscriptions: [remote({ id: 'other', target_url: 'https://elsewhere.example.com/hook' })],
			});
		const workflow = triggerWorkflow({ events: ['participant.removed'] });
		await expect(lifecycle(workflow, 'create')).rejects.toThrow(
			'Operation conflicts with current state',
		);
		expect(triggerState(workflow).subscriptionId).toBeUndefined();
	});

	it('create: refuses a plain-http webhook URL on production Linq and explains WEBHOOK_URL', async () => {
		const counter = countAllRequests();
		const workflow = triggerWorkflow({ events: ['participant.removed'] });
		await expect(
			lifecycle(workflow, 'create', { webhookBaseUrl: 'http://localhost:5678/webhook' }),
		).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringContaining('Linq only delivers webhooks to HTTPS URLs'),
			description: expect.stringContaining('WEBHOOK_URL'),
		});
		expect(counter.count).toBe(0);
	});

	it('create: allows http when the credential points at a local stand-in', async () => {
		const scope = nock('http://127.0.0.1:4010')
			.post('/api/partner/v3/webhook-subscriptions', (b) =>
				b.target_url.startsWith('http://localhost:5678/'),
			)
			.reply(201, { ...remote(), signing_secret: SECRET });
		const workflow = triggerWorkflow({ events: ['participant.removed'] });
		const result = await lifecycle(workflow, 'create', {
			webhookBaseUrl: 'http://localhost:5678/webhook',
			credentials: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:4010/api/partner' },
		});
		expect(result).toBe(true);
		scope.done();
	});

	describe('checkExists', () => {
		const stored = { subscriptionId: SUB, signingSecret: SECRET, targetUrl: PRODUCTION_URL };

		it('true when Linq has it with the same URL and events and a secret is stored', async () => {
			const scope = nock(BASE_URL).get(`/v3/webhook-subscriptions/${SUB}`).reply(200, remote());
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'checkExists')).resolves.toBe(true);
			scope.done();
		});

		it('a malformed phone line fails before anything is sent', async () => {
			const counter = countAllRequests();
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'], filters: { phoneNumbers: '+12223334444, 555-0100' } },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'checkExists')).rejects.toThrow(
				'Invalid value "555-0100" for parameter "Phone Lines" [item 0]',
			);
			expect(counter.count).toBe(0);
		});

		it('false without asking Linq when nothing is stored', async () => {
			const workflow = triggerWorkflow({ events: ['participant.removed'] });
			await expect(lifecycle(workflow, 'checkExists')).resolves.toBe(false);
		});

		it.each([
			[
				'URL mismatch',
				remote({ target_url: 'https://old-host.example.com/webhook/x/webhook?version=2026-02-03' }),
				stored,
			],
			[
				'events mismatch',
				remote({ subscribed_events: ['participant.removed', 'message.received'] }),
				stored,
			],
			['line filter mismatch', remote({ phone_numbers: ['+19998887777'] }), stored],
			['paused at Linq', remote({ is_active: false }), stored],
		])(
			'%s → false, and it only reads: nothing is deleted or cleared',
			async (_label, linqSays, state) => {
				const scope = nock(BASE_URL).get(`/v3/webhook-subscriptions/${SUB}`).reply(200, linqSays);
				const counter = countAllRequests();
				const workflow = triggerWorkflow(
					{ events: ['participant.removed'] },
					{ [`node:Linq Trigger`]: { ...state } },
				);
				await expect(lifecycle(workflow, 'checkExists')).resolves.toBe(false);
				expect(triggerState(workflow)).toEqual(state);
				expect(counter.count).toBe(0);
				scope.done();
			},
		);

		it('missing secret → false without asking Linq', async () => {
			const counter = countAllRequests();
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { subscriptionId: SUB } },
			);
			await expect(lifecycle(workflow, 'checkExists')).resolves.toBe(false);
			expect(counter.count).toBe(0);
		});

		it('404 answers false and leaves the static data to create()', async () => {
			const scope = nock(BASE_URL)
				.get(`/v3/webhook-subscriptions/${SUB}`)
				.reply(404, linqError(404, 2010, 'Webhook subscription not found'));
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'checkExists')).resolves.toBe(false);
			expect(triggerState(workflow)).toEqual(stored);
			scope.done();
		});
	});

	describe('create decides what it takes', () => {
		const stored = { subscriptionId: SUB, signingSecret: SECRET, targetUrl: PRODUCTION_URL };

		it.each([
			['events changed', remote({ subscribed_events: ['participant.added'] })],
			['line filter changed', remote({ phone_numbers: ['+19998887777'] })],
			['paused at Linq', remote({ is_active: false })],
		])(
			'%s, same URL: updated in place, the secret kept (nothing deleted or created)',
			async (_label, linqSays) => {
				const scope = nock(BASE_URL)
					.get(`/v3/webhook-subscriptions/${SUB}`)
					.reply(200, linqSays)
					.put(`/v3/webhook-subscriptions/${SUB}`, {
						subscribed_events: ['participant.removed'],
						phone_numbers: null,
						is_active: true,
					})
					.reply(200, remote());
				const workflow = triggerWorkflow(
					{ events: ['participant.removed'] },
					{ [`node:Linq Trigger`]: { ...stored } },
				);
				await expect(lifecycle(workflow, 'create')).resolves.toBe(true);
				expect(triggerState(workflow)).toMatchObject(stored);
				scope.done();
			},
		);

		it('URL changed: the new subscription is created first, then the old one is deleted', async () => {
			const order: string[] = [];
			const scope = nock(BASE_URL)
				.get(`/v3/webhook-subscriptions/${SUB}`)
				.reply(
					200,
					remote({
						target_url: 'https://old-host.example.com/webhook/x/webhook?version=2026-02-03',
					}),
				)
				.post('/v3/webhook-subscriptions', (body) => body.target_url === PRODUCTION_URL)
				.reply(() => {
					order.push('create');
					return [
						201,
						{ ...remote({ id: 'new-sub' }), signing_secret: 'whsec_bmV3LXNlY3JldC0wMTIzNDU2Nzg5' },
					];
				})
				.delete(`/v3/webhook-subscriptions/${SUB}`)
				.reply(() => {
					order.push('delete old');
					return [204];
				});
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'create')).resolves.toBe(true);
			expect(order).toEqual(['create', 'delete old']);
			expect(triggerState(workflow)).toMatchObject({
				subscriptionId: 'new-sub',
				targetUrl: PRODUCTION_URL,
			});
			scope.done();
		});

		it('a failing create leaves the old subscription at Linq and the stored state as it was', async () => {
			const counter = { deletes: 0 };
			nock(BASE_URL)
				.get(`/v3/webhook-subscriptions/${SUB}`)
				.reply(
					200,
					remote({
						target_url: 'https://old-host.example.com/webhook/x/webhook?version=2026-02-03',
					}),
				)
				.post('/v3/webhook-subscriptions')
				.reply(400, linqError(400, 1005, 'target_url must be reachable'))
				.delete(/.*/)
				.reply(() => {
					counter.deletes++;
					return [204];
				});
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'create')).rejects.toThrow('target_url must be reachable');
			expect(counter.deletes).toBe(0);
			expect(triggerState(workflow)).toEqual(stored);
		});

		it('gone at Linq (404): created anew', async () => {
			const scope = nock(BASE_URL)
				.get(`/v3/webhook-subscriptions/${SUB}`)
				.reply(404, linqError(404, 2010, 'Webhook subscription not found'))
				.post('/v3/webhook-subscriptions')
				.reply(201, { ...remote({ id: 'new-sub' }), signing_secret: SECRET })
				.delete(`/v3/webhook-subscriptions/${SUB}`)
				.reply(404, linqError(404, 2010, 'Webhook subscription not found'));
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'create')).resolves.toBe(true);
			expect(triggerState(workflow).subscriptionId).toBe('new-sub');
			scope.done();
		});
	});

	describe('delete', () => {
		const stored = {
			subscriptionId: SUB,
			signingSecret: SECRET,
			targetUrl: PRODUCTION_URL,
			deliveries: { m1: 1 },
		};

		it('deletes at Linq and clears the static data', async () => {
			const scope = nock(BASE_URL).delete(`/v3/webhook-subscriptions/${SUB}`).reply(204);
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'delete')).resolves.toBe(true);
			expect(triggerState(workflow)).toEqual({});
			scope.done();
		});

		it('a 404 counts as deleted', async () => {
			nock(BASE_URL)
				.delete(`/v3/webhook-subscriptions/${SUB}`)
				.reply(404, linqError(404, 2010, 'Webhook subscription not found'));
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'delete')).resolves.toBe(true);
			expect(triggerState(workflow)).toEqual({});
		});

		it('a 500 surfaces (after retries) and keeps the id so a later delete can finish the job', async () => {
			const scope = nock(BASE_URL)
				.delete(`/v3/webhook-subscriptions/${SUB}`)
				.times(4)
				.reply(500, linqError(500, 3006, 'Internal server error'));
			const workflow = triggerWorkflow(
				{ events: ['participant.removed'] },
				{ [`node:Linq Trigger`]: { ...stored } },
			);
			await expect(lifecycle(workflow, 'delete')).rejects.toThrow('Internal server error');
			expect(triggerState(workflow).subscriptionId).toBe(SUB);
			scope.done();
		}, 30_000);
	});

	it('manual mode registers nothing', async () => {
		const counter = countAllRequests();
		const workflow = triggerWorkflow({
			subscriptionMode: 'manual',
			events: ['participant.removed'],
		});
		await expect(lifecycle(workflow, 'checkExists')).resolves.toBe(true);
		await expect(lifecycle(workflow, 'create')).resolves.toBe(true);
		await expect(lifecycle(workflow, 'delete')).resolves.toBe(true);
		expect(counter.count).toBe(0);
	});
});

describe('Linq Trigger on the canvas', () => {
	it('the subtitle names the selected events ("Message: Received"), not their values', () => {
		const workflow = triggerWorkflow({ events: ['message.received', 'reaction.added'] });
		const node = workflow.getNode(TRIGGER_NAME)!;
		const subtitle = workflow.expression.getSimpleParameterValue(
			node,
			new LinqTrigger().description.subtitle as string,
			'internal',
			{},
		);
		expect(subtitle).toBe('Message: Received, Reaction: Added');
	});
});
