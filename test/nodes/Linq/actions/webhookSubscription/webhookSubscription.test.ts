/** Webhook Subscription → Create, Get, Get Many, Update, Delete, Get Event Types, and its picker. */
import nock from 'nock';

import { API_KEY, BASE_URL, loadOptionsContext, runNode } from '../../../../helpers/engine';
import { countAllRequests, linqError } from '../../../../helpers/linq';
import { searchSubscriptions } from '../../../../../nodes/Linq/methods/listSearch';
import { LINQ_EVENT_TYPES } from '../../../../../nodes/shared/events';

const SUB_ID = '3d6f0a2b-8c4e-4f1a-9b7d-2e5c8a1f4b6d';
const OTHER_ID = '5e7a1b3c-9d5f-4a2b-8c6e-3f6d9b2a5c7e';
const subRef = (value: string, mode: 'id' | 'list' = 'id') => ({ __rl: true, mode, value });
const subscription = {
	id: SUB_ID,
	target_url: 'https://hooks.example.com/linq?version=2026-02-03',
	subscribed_events: ['message.received', 'reaction.added'],
	is_active: true,
	phone_numbers: ['+12025550100'],
	created_at: '2026-11-01T00:00:00Z',
	updated_at: '2026-11-01T00:00:00Z',
};
// A stand-in signing secret, as Linq formats them; not one Linq issued.
const SIGNING_SECRET = 'whsec_dGVzdC1zaWduaW5nLXNlY3JldA==';

function recordBody(into: { body?: unknown }) {
	return (b: unknown) => {
		into.body = b === '' || b === undefined ? 'none' : b;
		return true;
	};
}

describe('Webhook Subscription → Create', () => {
	it('POSTs URL (pinned to the payload version), events and lines, and outputs the subscription with its signing secret', async () => {
		const seen: { body?: unknown } = {};
		const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.post('/v3/webhook-subscriptions', recordBody(seen))
			.reply(201, { ...subscription, signing_secret: SIGNING_SECRET });
		const { items, error } = await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'create',
				targetUrl: ' https://hooks.example.com/linq ',
				events: ['message.received', 'reaction.added'],
				additionalFields: { phoneNumbers: '+12025550100' },
			},
		});
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			target_url: 'https://hooks.example.com/linq?version=2026-02-03',
			subscribed_events: ['message.received', 'reaction.added'],
			phone_numbers: ['+12025550100'],
		});
		expect(items?.map((i) => i.json)).toEqual([
			{ ...subscription, signing_secret: SIGNING_SECRET },
		]);
		scope.done();
	});

	it('keeps a version= the URL names, adds to an existing query, and leaves out an empty line filter', async () => {
		const bodies: unknown[] = [];
		nock(BASE_URL)
			.post('/v3/webhook-subscriptions', (b) => {
				bodies.push(b);
				return true;
			})
			.times(2)
			.reply(201, { ...subscription, signing_secret: SIGNING_SECRET });
		const { error } = await runNode(
			{
				parameters: {
					resource: 'webhookSubscription',
					operation: 'create',
					targetUrl: '={{ $json.url }}',
					events: ['message.received'],
				},
			},
			[
				{ url: 'https://hooks.example.com/a?version=2025-01-01' },
				{ url: 'https://hooks.example.com/b?line=1#x' },
			],
		);
		expect(error).toBeUndefined();
		expect(bodies).toHaveLength(2);
		expect(bodies).toEqual(
			expect.arrayContaining([
				{
					target_url: 'https://hooks.example.com/a?version=2025-01-01',
					subscribed_events: ['message.received'],
				},
				{
					target_url: 'https://hooks.example.com/b?line=1&version=2026-02-03#x',
					subscribed_events: ['message.received'],
				},
			]),
		);
	});

	it('the description and the node tell that the signing secret is shown only once', async () => {
		const { findOperation } = await import('../../../../../nodes/Linq/actions/registry');
		const op = findOperation('webhookSubscription', 'create')!;
		expect(op.description).toContain('only this once');
		const notice = op.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toContain('only once');
		expect(notice?.displayName).toContain('Linq Webhook Signing Secret');
	});

	it('an http:// URL is refused before anything is sent when the credential points at production Linq', async () => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'create',
				targetUrl: 'http://localhost:5678/webhook/x',
				events: ['message.received'],
			},
		});
		expect(error?.message).toBe(
			'Invalid value "http://localhost:5678/webhook/x" for parameter "Target URL" [item 0]',
		);
		expect(error?.description).toContain('HTTPS');
		expect(counter.count).toBe(0);
	});

	it('an http:// URL is allowed against another Base URL (a local stand-in for Linq)', async () => {
		const base = 'https://linq-stand-in.test/api/partner';
		const seen: { body?: unknown } = {};
		nock(base)
			.post('/v3/webhook-subscriptions', recordBody(seen))
			.reply(201, { ...subscription, signing_secret: SIGNING_SECRET });
		const { error } = await runNode(
			{
				parameters: {
					resource: 'webhookSubscription',
					operation: 'create',
					targetUrl: 'http://127.0.0.1:5678/hook',
					events: ['message.received'],
				},
			},
			[{}],
			{ apiKey: API_KEY, baseUrl: base },
		);
		expect(error).toBeUndefined();
		expect(seen.body).toMatchObject({
			target_url: 'http://127.0.0.1:5678/hook?version=2026-02-03',
		});
	});

	it.each([
		['a relative URL', { targetUrl: '={{ $json.v }}' }, '/webhook/x', 'Target URL', '"/webhook/x"'],
		[
			'a URL with spaces',
			{ targetUrl: '={{ $json.v }}' },
			'https://hooks.example.com/a b',
			'Target URL',
			'"https://hooks.example.com/a b"',
		],
		['no events', { events: '={{ $json.v }}' }, [], 'Events', '[]'],
		[
			'an unknown event',
			{ events: '={{ $json.v }}' },
			['message.received', 'message.deleted'],
			'Events',
			'"message.deleted"',
		],
		[
			'a line that is not E.164',
			{ additionalFields: { phoneNumbers: '={{ $json.v }}' } },
			'+12025550100, 2025550111',
			'Phone Lines',
			'"2025550111"',
		],
	])('%s is refused before anything is sent', async (_label, extra, value, parameter, shown) => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{
				parameters: {
					resource: 'webhookSubscription',
					operation: 'create',
					targetUrl: 'https://hooks.example.com/linq',
					events: ['message.received'],
					...extra,
				},
			},
			[{ v: value }],
		);
		expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
		expect(error?.description).toBeTruthy();
		expect(counter.count).toBe(0);
	});
});

describe('Webhook Subscription → Get, Get Many, Delete, Get Event Types', () => {
	it('Get: GETs the subscription by ID and outputs it', async () => {
		const scope = nock(BASE_URL)
			.get(`/v3/webhook-subscriptions/${SUB_ID}`)
			.reply(200, subscription);
		const { items, error } = await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'get',
				subscriptionId: subRef(SUB_ID),
			},
		});
		expect(error).toBeUndefined();
		expect(items?.map((i) => i.json)).toEqual([subscription]);
		scope.done();
	});

	it("Get: an unknown ID fails the item with Linq's 404/2010 (an error item under continue-on-fail)", async () => {
		nock(BASE_URL)
			.get(`/v3/webhook-subscriptions/${OTHER_ID}`)
			.reply(404, linqError(404, 2010, 'Webhook subscription not found'));
		const { items } = await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'get',
				subscriptionId: subRef(OTHER_ID, 'list'),
			},
			continueOnFail: true,
		});
		expect(items?.[0].json).toMatchObject({ subscription_id: OTHER_ID, code: 2010, status: 404 });
	});

	it('Get Many: one GET, one item per subscription', async () => {
		const paused = { ...subscription, id: OTHER_ID, is_active: false, phone_numbers: null };
		const scope = nock(BASE_URL)
			.get('/v3/webhook-subscriptions')
			.reply(200, { subscriptions: [subscription, paused] });
		const { items } = await runNode({
			parameters: { resource: 'webhookSubscription', operation: 'getMany' },
		});
		expect(items?.map((i) => i.json)).toEqual([subscription, paused]);
		expect(items?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		scope.done();
	});

	it('Delete: DELETEs with Accept */* and outputs { deleted: true, subscription_id }', async () => {
		const seen: { body?: unknown } = {};
		const scope = nock(BASE_URL, { reqheaders: { accept: /\*\/\*/ } })
			.delete(`/v3/webhook-subscriptions/${SUB_ID}`, recordBody(seen))
			.reply(204);
		const { items, error } = await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'delete',
				subscriptionId: subRef(SUB_ID),
			},
		});
		expect(error).toBeUndefined();
		expect(seen.body).toBe('none');
		expect(items?.map((i) => i.json)).toEqual([{ deleted: true, subscription_id: SUB_ID }]);
		scope.done();
	});

	it("Get Event Types: one item with Linq's list and its doc link", async () => {
		const answer = {
			events: LINQ_EVENT_TYPES,
			doc_url: 'https://docs.linqapp.com/guides/webhooks/events',
		};
		const scope = nock(BASE_URL).get('/v3/webhook-events').reply(200, answer);
		const { items } = await runNode({
			parameters: { resource: 'webhookSubscription', operation: 'getEventTypes' },
		});
		expect(items?.map((i) => i.json)).toEqual([answer]);
		scope.done();
	});

	it('a subscription ID that is not a UUID is refused before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{
				parameters: {
					resource: 'webhookSubscription',
					operation: 'delete',
					subscriptionId: subRef('={{ $json.id }}'),
				},
			},
			[{ id: 'https://hooks.example.com/linq' }],
		);
		expect(error?.message).toBe(
			'Invalid value "https://hooks.example.com/linq" for parameter "Subscription" [item 0]',
		);
		expect(counter.count).toBe(0);
	});
});

describe('Webhook Subscription → Update', () => {
	it('PUTs only the fields given: pause, new events, all lines (null)', async () => {
		const seen: { body?: unknown } = {};
		const scope = nock(BASE_URL)
			.put(`/v3/webhook-subscriptions/${SUB_ID}`, recordBody(seen))
			.reply(200, {
				...subscription,
				is_active: false,
				phone_numbers: null,
				subscribed_events: ['message.failed'],
			});
		const { items, error } = await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'update',
				subscriptionId: subRef(SUB_ID),
				updateFields: { isActive: false, events: ['message.failed'], phoneNumbers: '' },
			},
		});
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			subscribed_events: ['message.failed'],
			phone_numbers: null,
			is_active: false,
		});
		expect(items?.[0].json).toMatchObject({ id: SUB_ID, is_active: false, phone_numbers: null });
		scope.done();
	});

	it('a new Target URL is pinned to the payload version; lines go as a list', async () => {
		const seen: { body?: unknown } = {};
		nock(BASE_URL)
			.put(`/v3/webhook-subscriptions/${SUB_ID}`, recordBody(seen))
			.reply(200, subscription);
		await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'update',
				subscriptionId: subRef(SUB_ID),
				updateFields: {
					targetUrl: 'https://hooks.example.com/v2',
					phoneNumbers: '+12025550100,+12025550111',
				},
			},
		});
		expect(seen.body).toEqual({
			target_url: 'https://hooks.example.com/v2?version=2026-02-03',
			phone_numbers: ['+12025550100', '+12025550111'],
		});
	});

	it.each([
		['no field', {}, 'Update Fields', '{}'],
		['empty events', { events: [] }, 'Events', '[]'],
		[
			'an http URL',
			{ targetUrl: 'http://hooks.example.com/v2' },
			'Target URL',
			'"http://hooks.example.com/v2"',
		],
		['a bad line', { phoneNumbers: 'ops@example.com' }, 'Phone Lines', '"ops@example.com"'],
	])('%s is refused before anything is sent', async (_label, updateFields, parameter, shown) => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: {
				resource: 'webhookSubscription',
				operation: 'update',
				subscriptionId: subRef(SUB_ID),
				updateFields,
			},
		});
		expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
		expect(counter.count).toBe(0);
	});
});

describe('one implementation of subscriptions for the trigger and the operations', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each([
		[
			'create',
			'createSubscription',
			{ targetUrl: 'https://hooks.example.com/linq', events: ['message.received'] },
		],
		['get', 'getSubscription', { subscriptionId: subRef(SUB_ID) }],
		['getMany', 'listSubscriptions', {}],
		[
			'update',
			'updateSubscription',
			{ subscriptionId: subRef(SUB_ID), updateFields: { isActive: true } },
		],
		['delete', 'deleteSubscription', { subscriptionId: subRef(SUB_ID) }],
		['getEventTypes', 'listEventTypes', {}],
	])(
		'%s goes through %s of shared/resources/webhookSubscriptions (the module the Linq Trigger uses)',
		async (operation, fn, extra) => {
			const shared = await import('../../../../../nodes/shared/resources/webhookSubscriptions');
			const spy = jest
				.spyOn(shared, fn as 'createSubscription')
				.mockResolvedValue({ ...subscription } as never);
			const { error } = await runNode({
				parameters: { resource: 'webhookSubscription', operation, ...extra },
			});
			expect(error).toBeUndefined();
			expect(spy).toHaveBeenCalledTimes(1);
		},
	);
});

describe('Subscription picker (listSearch searchSubscriptions)', () => {
	const paused = {
		...subscription,
		id: OTHER_ID,
		target_url: 'https://ops.example.com/alerts',
		is_active: false,
		subscribed_events: [
			'message.failed',
			'message.delivered',
			'message.read',
			'message.sent',
			'chat.created',
		],
	};
	const parameters = {
		resource: 'webhookSubscription',
		operation: 'get',
		subscriptionId: subRef('', 'list'),
	};

	it('lists every subscription by URL, with its events and whether it is paused', async () => {
		const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.get('/v3/webhook-subscriptions')
			.reply(200, { subscriptions: [subscription, paused] });
		const result = await searchSubscriptions.call(loadOptionsContext(parameters));
		expect(result.results).toEqual([
			{
				name: subscription.target_url,
				value: SUB_ID,
				description: 'message.received, reaction.added',
			},
			{
				name: 'https://ops.example.com/alerts',
				value: OTHER_ID,
				description: 'Paused · message.failed, message.delivered, message.read +2 more',
			},
		]);
		expect(result.paginationToken).toBeUndefined();
		scope.done();
	});

	it('filters by URL, event or ID', async () => {
		nock(BASE_URL)
			.get('/v3/webhook-subscriptions')
			.times(3)
			.reply(200, { subscriptions: [subscription, paused] });
		const context = loadOptionsContext(parameters);
		expect(
			(await searchSubscriptions.call(context, 'OPS.example')).results.map((r) => r.value),
		).toEqual([OTHER_ID]);
		expect(
			(await searchSubscriptions.call(context, 'reaction')).results.map((r) => r.value),
		).toEqual([SUB_ID]);
		expect((await searchSubscriptions.call(context, SUB_ID)).results.map((r) => r.value)).toEqual([
			SUB_ID,
		]);
	});

	it('is the From List mode of every operation that takes a subscription', async () => {
		const { findOperation } = await import('../../../../../nodes/Linq/actions/registry');
		for (const operation of ['get', 'update', 'delete']) {
			const locator = findOperation('webhookSubscription', operation)!.properties.find(
				(p) => p.name === 'subscriptionId',
			);
			expect(locator?.default).toEqual({ mode: 'list', value: '' });
			expect(locator?.modes?.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([
				['list', 'searchSubscriptions'],
				['id', undefined],
			]);
		}
	});
});
