/**
 * The other side of a conversation (control routes and methods), the token-bucket rate limit, the
 * one signer, and that every endpoint in nodes/shared/endpoints.ts has a route in the sandbox.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { Webhook } from 'standardwebhooks';

import { LINQ_ENDPOINTS, endpointPath } from '../../nodes/shared/endpoints';
import { verifyDelivery } from '../../nodes/shared/signature';
import { createSandbox } from '../../sandbox/server';
import { newSigningSecret, signStandardWebhook } from '../../sandbox/signer';
import { LINES, SEED_IDS } from '../../sandbox/state';
import {
	call,
	control,
	expectError,
	expectSigned,
	ISO,
	raw,
	startHook,
	subscribe,
	useSandbox,
	UUID_RE,
} from './harness';

const sb = useSandbox();

describe('inbound messages', () => {
	it('POST /__sandbox/inbound stores a message from the first other participant and sends a signed message.received with served media', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, ['message.received']);
			const answer = await control(sb.sandbox, 'inbound', {
				chat_id: SEED_IDS.imessageGroup,
				text: 'Photos from today',
				media: [
					{
						filename: 'beach.jpg',
						content_type: 'image/jpeg',
						base64: Buffer.from('jpeg bytes').toString('base64'),
					},
				],
			});
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({
				id: expect.stringMatching(UUID_RE),
				chat_id: SEED_IDS.imessageGroup,
				is_from_me: false,
				from: '+14155550101',
				delivery_status: 'received',
				from_handle: { handle: '+14155550101', is_me: false },
				sent_at: ISO,
				parts: [
					{ type: 'text', value: 'Photos from today', reactions: null },
					{
						type: 'media',
						filename: 'beach.jpg',
						mime_type: 'image/jpeg',
						size_bytes: 10,
						url: expect.any(String),
					},
				],
			});
			await sb.sandbox.settle();
			expectSigned(hook, secret);
			const [data] = hook.data('message.received');
			expect(data).toEqual({
				id: answer.body.id,
				direction: 'inbound',
				service: 'iMessage',
				sender_handle: expect.objectContaining({ handle: '+14155550101', is_me: false }),
				chat: {
					id: SEED_IDS.imessageGroup,
					health_status: expect.any(Object),
					is_group: true,
					owner_handle: expect.objectContaining({ handle: LINES.main, is_me: true }),
				},
				parts: [
					{ type: 'text', value: 'Photos from today' },
					{
						type: 'media',
						id: expect.stringMatching(UUID_RE),
						filename: 'beach.jpg',
						mime_type: 'image/jpeg',
						size_bytes: 10,
						url: answer.body.parts[1].url,
					},
				],
				sent_at: ISO,
				effect: null,
				idempotency_key: null,
				preferred_service: null,
				reply_to: null,
			});
			const media = await raw(data.parts[1].url, {});
			expect([media.status, media.headers['content-type'], media.body.toString()]).toEqual([
				200,
				'image/jpeg',
				'jpeg bytes',
			]);
			expect(
				(await call(sb.sandbox, 'GET', `/v3/chats/${SEED_IDS.imessageGroup}/messages`)).body
					.messages[0].id,
			).toBe(answer.body.id);
		} finally {
			await hook.close();
		}
	});

	it('from a chosen participant, as a reply; or from a new handle, which creates a DM (chat.created)', async () => {
		const hook = await startHook();
		try {
			await subscribe(sb.sandbox, hook, ['chat.created', 'message.received']);
			const first = sb.sandbox.inbound({
				chat_id: SEED_IDS.imessageGroup,
				from_handle: 'casey@example.com',
				text: 'one',
			});
			const reply = sb.sandbox.inbound({
				chat_id: SEED_IDS.imessageGroup,
				from_handle: '+14155550103',
				text: 'two',
				reply_to: { message_id: first.id },
			});
			expect([first.from, reply.reply_to]).toEqual([
				'casey@example.com',
				{ message_id: first.id, part_index: 0 },
			]);
			const stranger = sb.sandbox.inbound({
				from_handle: '+14155557501',
				line: LINES.second,
				text: 'Hi, is this Acme?',
			});
			const again = sb.sandbox.inbound({
				from_handle: '+14155557501',
				line: LINES.second,
				text: 'Hello?',
			});
			expect(again.chat_id).toBe(stranger.chat_id);
			await sb.sandbox.settle();
			expect(hook.types()).toEqual([
				'message.received',
				'message.received',
				'chat.created',
				'message.received',
				'message.received',
			]);
			expect(hook.data('chat.created')[0]).toMatchObject({
				id: stranger.chat_id,
				is_group: false,
				handles: [
					expect.objectContaining({ handle: LINES.second, is_me: true }),
					expect.objectContaining({ handle: '+14155557501' }),
				],
			});
			expect(hook.data('message.received')[1].reply_to).toEqual({
				message_id: first.id,
				part_index: 0,
			});
		} finally {
			await hook.close();
		}
	});

	it.each([
		['an unknown chat', { chat_id: '99999999-9999-4999-8999-999999999999', text: 'x' }, 404, 2001],
		[
			'someone not in the chat',
			{ chat_id: SEED_IDS.dm, from_handle: '+14155550101', text: 'x' },
			400,
			1005,
		],
		['no text or media', { chat_id: SEED_IDS.dm }, 400, 1004],
		[
			'media without base64',
			{ chat_id: SEED_IDS.dm, media: [{ filename: 'a.png', content_type: 'image/png' }] },
			400,
			1004,
		],
		[
			'a reply to an unknown message',
			{ chat_id: SEED_IDS.dm, text: 'x', reply_to: { message_id: 'nope' } },
			404,
			2002,
		],
		['no chat and no from_handle', { text: 'x' }, 400, 1001],
		[
			'a line that is not yours',
			{ from_handle: '+14155557502', line: '+19995550000', text: 'x' },
			403,
			2006,
		],
	])(
		"refuses %s with Linq's envelope (and the method throws)",
		async (_label, body, status, code) => {
			expectError(await control(sb.sandbox, 'inbound', body), status, code);
			expect(() => sb.sandbox.inbound(body as Parameters<typeof sb.sandbox.inbound>[0])).toThrow(
				expect.objectContaining({ status, code }),
			);
		},
	);
});

describe('reactions, typing, location, read, failed, line status from the other side', () => {
	it('reaction.added / reaction.removed with is_from_me false and the §5.4 fields', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, ['reaction.added', 'reaction.removed']);
			const sent = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.imessageGroup}/messages`, {
				message: { parts: [{ type: 'text', value: 'Ship it?' }] },
			});
			const id = sent.body.message.id;
			expect(
				(await control(sb.sandbox, 'reaction', { message_id: id, type: 'like', operation: 'add' }))
					.status,
			).toBe(200);
			sb.sandbox.react({
				message_id: id,
				from_handle: 'casey@example.com',
				type: 'custom',
				custom_emoji: '🚀',
				operation: 'add',
			});
			const reactions = (await call(sb.sandbox, 'GET', `/v3/messages/${id}`)).body.parts[0]
				.reactions;
			expect(reactions).toEqual([
				{
					handle: expect.objectContaining({ handle: '+14155550101' }),
					is_me: false,
					type: 'like',
					custom_emoji: null,
					sticker: null,
				},
				{
					handle: expect.objectContaining({ handle: 'casey@example.com' }),
					is_me: false,
					type: 'custom',
					custom_emoji: '🚀',
					sticker: null,
				},
			]);
			sb.sandbox.react({ message_id: id, type: 'like', operation: 'remove' });
			await sb.sandbox.settle();
			expectSigned(hook, secret);
			expect(hook.types()).toEqual(['reaction.added', 'reaction.added', 'reaction.removed']);
			expect(hook.data('reaction.added')[1]).toEqual({
				is_from_me: false,
				reaction_type: 'custom',
				custom_emoji: '🚀',
				chat_id: SEED_IDS.imessageGroup,
				message_id: id,
				part_index: 0,
				reacted_at: ISO,
				from_handle: expect.objectContaining({
					id: expect.any(String),
					handle: 'casey@example.com',
					is_me: false,
					service: 'iMessage',
				}),
				from: 'casey@example.com',
				service: 'iMessage',
				sticker: null,
			});
			expect(hook.data('reaction.removed')[0]).toMatchObject({
				is_from_me: false,
				reaction_type: 'like',
				from_handle: { handle: '+14155550101' },
			});
			expect(sb.sandbox.react({ message_id: id, type: 'sticker' }).sticker).toMatchObject({
				mime_type: 'image/png',
			});
			expectError(
				await control(sb.sandbox, 'reaction', { message_id: id, type: 'custom', operation: 'add' }),
				400,
				1001,
			);
		} finally {
			await hook.close();
		}
	});

	it('typing, location sharing, read receipts, failures and line status arrive as signed events', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, [
				'chat.typing_indicator.started',
				'chat.typing_indicator.stopped',
				'location.sharing.started',
				'location.sharing.stopped',
				'message.read',
				'message.failed',
				'phone_number.status_updated',
			]);
			expect(
				(await control(sb.sandbox, 'typing', { chat_id: SEED_IDS.dm, started: true })).body,
			).toEqual({ chat_id: SEED_IDS.dm, started: true });
			sb.sandbox.typing({ chat_id: SEED_IDS.dm, started: false });
			const feature = {
				geometry: { coordinates: [-122.4, 37.8] },
				properties: { handle: '+14155550301', locality: 'San Francisco' },
			};
			expect(
				(await control(sb.sandbox, 'location', { chat_id: SEED_IDS.dm, features: [feature] }))
					.status,
			).toBe(200);
			const location = await call(sb.sandbox, 'GET', `/v3/chats/${SEED_IDS.dm}/location`);
			expect(location.body.data.features).toEqual([
				{
					type: 'Feature',
					geometry: { type: 'Point', coordinates: [-122.4, 37.8] },
					properties: { handle: '+14155550301', locality: 'San Francisco', updated_at: ISO },
				},
			]);
			sb.sandbox.setLocation({ chat_id: SEED_IDS.dm, features: [] });
			const sent = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, {
				message: { parts: [{ type: 'text', value: 'x' }] },
			});
			await sb.sandbox.settle();
			expect(
				(await control(sb.sandbox, 'read', { message_id: sent.body.message.id })).body,
			).toMatchObject({ delivery_status: 'read', read_at: ISO });
			sb.sandbox.fail({
				message_id: sent.body.message.id,
				code: 4005,
				reason: 'Recipient cannot receive this',
			});
			expect(
				(
					await control(sb.sandbox, 'line-status', {
						phone_number: LINES.second,
						status: 'FLAGGED',
						reputation: 'AT_RISK',
					})
				).status,
			).toBe(200);
			await sb.sandbox.settle();
			expectSigned(hook, secret);
			expect(hook.types()).toEqual([
				'chat.typing_indicator.started',
				'chat.typing_indicator.stopped',
				'location.sharing.started',
				'location.sharing.stopped',
				'message.read',
				'message.failed',
				'phone_number.status_updated',
			]);
			expect(hook.data('chat.typing_indicator.started')).toEqual([{ chat_id: SEED_IDS.dm }]);
			expect(hook.data('location.sharing.started')).toEqual([
				{ chat_id: SEED_IDS.dm, handle: '+14155550301', started_at: ISO },
			]);
			expect(hook.data('message.read')[0]).toMatchObject({
				id: sent.body.message.id,
				direction: 'outbound',
				sent_at: ISO,
				delivered_at: ISO,
				read_at: ISO,
			});
			expect(hook.data('message.failed')).toEqual([
				{
					code: 4005,
					failed_at: ISO,
					chat_id: SEED_IDS.dm,
					message_id: sent.body.message.id,
					reason: 'Recipient cannot receive this',
				},
			]);
			expect(hook.data('phone_number.status_updated')).toEqual([
				{
					phone_number: LINES.second,
					changed_at: ISO,
					previous_status: 'ACTIVE',
					new_status: 'FLAGGED',
					previous_reputation: 'HEALTHY',
					new_reputation: 'AT_RISK',
					previous_health_status: 'HEALTHY',
					new_health_status: 'AT_RISK',
				},
			]);
		} finally {
			await hook.close();
		}
	});

	it('a subscription filtered to other lines does not get the events of this line', async () => {
		const hook = await startHook();
		try {
			const created = await call(sb.sandbox, 'POST', '/v3/webhook-subscriptions', {
				target_url: `${hook.url}/hook?version=2026-02-03`,
				subscribed_events: ['message.received'],
				phone_numbers: [LINES.main],
			});
			expect(created.status).toBe(201);
			sb.sandbox.inbound({ chat_id: SEED_IDS.dm, text: 'on the second line' });
			sb.sandbox.inbound({ chat_id: SEED_IDS.smsGroup, text: 'on the main line' });
			await sb.sandbox.settle();
			expect(
				hook
					.data('message.received')
					.map((d: { parts: Array<{ value: string }> }) => d.parts[0].value),
			).toEqual(['on the main line']);
		} finally {
			await hook.close();
		}
	});
});

describe('state and reset', () => {
	it('GET /__sandbox/state shows messages and attachments; POST /__sandbox/reset goes back to the seed', async () => {
		sb.sandbox.inbound({
			chat_id: SEED_IDS.dm,
			text: 'hi',
			media: [{ filename: 'a.txt', content_type: 'text/plain', base64: 'aGk=' }],
		});
		await call(sb.sandbox, 'POST', '/v3/chats', {
			from: LINES.main,
			to: ['+14155557601'],
			message: { parts: [{ type: 'text', value: 'x' }], idempotency_key: 'same' },
		});
		const state = (await (await fetch(`${sb.sandbox.origin}/__sandbox/state`)).json()) as {
			chats: unknown[];
			messages: unknown[];
			attachments: object[];
		};
		expect([state.chats.length, state.messages.length, state.attachments.length]).toEqual([
			5, 2, 1,
		]);
		expect(state.attachments[0]).not.toHaveProperty('bytes');
		expect((await control(sb.sandbox, 'reset', {})).body).toEqual({ reset: true });
		expect([
			sb.sandbox.state.chats.size,
			sb.sandbox.messages.all().length,
			sb.sandbox.attachments.items.size,
			sb.sandbox.requests.length,
		]).toEqual([4, 0, 0, 0]);
		const again = await call(sb.sandbox, 'POST', '/v3/chats', {
			from: LINES.main,
			to: ['+14155557601'],
			message: { parts: [{ type: 'text', value: 'x' }], idempotency_key: 'same' },
		});
		expect(again.status).toBe(201);
		expect(sb.sandbox.requests[0].replayed).toBeUndefined();
	});
});

describe('rate limit (token bucket, injectable clock)', () => {
	it('429 with Retry-After and code 1007 when the bucket is empty; a request after Retry-After succeeds', async () => {
		let clock = 1_000_000;
		const limited = await createSandbox({
			apiKey: 'sk_rate',
			rateLimit: { perSecond: 1, burst: 2 },
			now: () => clock,
		});
		try {
			expect((await call(limited, 'GET', '/v3/phone_numbers')).status).toBe(200);
			expect((await call(limited, 'GET', '/v3/phone_numbers')).status).toBe(200);
			const refused = await call(limited, 'GET', '/v3/phone_numbers');
			expectError(refused, 429, 1007);
			expect(refused.headers.get('retry-after')).toBe('1');
			expect(refused.body.error.retry_after).toBe(1);
			expect(limited.requests.map((r: { status?: unknown }) => r.status)).toEqual([200, 200, 429]);
			expect(
				(await call(limited, 'GET', '/v3/phone_numbers', undefined, { key: 'wrong' })).status,
			).toBe(401);
			clock += 999;
			expect((await call(limited, 'GET', '/v3/phone_numbers')).status).toBe(429);
			clock += 1;
			expect((await call(limited, 'GET', '/v3/phone_numbers')).status).toBe(200);
			clock += 10_000;
			expect((await call(limited, 'GET', '/v3/phone_numbers')).status).toBe(200);
			expect((await call(limited, 'GET', '/v3/phone_numbers')).status).toBe(200);
			expect((await call(limited, 'GET', '/v3/phone_numbers')).status).toBe(429);
		} finally {
			await limited.close();
		}
	});

	it('Retry-After is whole seconds rounded up; the control route turns the limit on and off', async () => {
		const frozen = await createSandbox({ apiKey: 'sk_frozen', now: () => 5_000_000 });
		try {
			expect((await control(frozen, 'rate-limit', { perSecond: 0.4, burst: 1 })).body).toEqual({
				perSecond: 0.4,
				burst: 1,
			});
			expect((await call(frozen, 'GET', '/v3/phone_numbers')).status).toBe(200);
			const refused = await call(frozen, 'GET', '/v3/phone_numbers');
			expectError(refused, 429, 1007);
			expect([refused.headers.get('retry-after'), refused.body.error.retry_after]).toEqual([
				'3',
				3,
			]);
			expect((await control(frozen, 'rate-limit', {})).body).toBeNull();
			for (let i = 0; i < 5; i++)
				expect((await call(frozen, 'GET', '/v3/phone_numbers')).status).toBe(200);
			expect((await control(frozen, 'rate-limit', { perSecond: 1, burst: 1 })).status).toBe(200);
			await call(frozen, 'GET', '/v3/phone_numbers');
			expect((await call(frozen, 'GET', '/v3/phone_numbers')).status).toBe(429);
			expect((await control(frozen, 'rate-limit', null)).body).toBeNull();
			expect((await call(frozen, 'GET', '/v3/phone_numbers')).status).toBe(200);
		} finally {
			await frozen.close();
		}
		expect(sb.sandbox.setRateLimit({ perSecond: 5 })).toEqual({ perSecond: 5, burst: 5 });
		expect(sb.sandbox.setRateLimit(null)).toBeNull();
		expectError(await control(sb.sandbox, 'rate-limit', { perSecond: 0 }), 400, 1005);
	});
});

describe('the one signer', () => {
	it("signStandardWebhook agrees with standardwebhooks and with the node's verifier", () => {
		const secret = newSigningSecret();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
		const body = JSON.stringify({ event_type: 'message.received', data: { text: 'héllo 👋' } });
		const ts = Math.floor(Date.now() / 1000);
		const signature = signStandardWebhook(secret, 'msg_1', ts, Buffer.from(body));
		expect(signature).toBe(signStandardWebhook(secret, 'msg_1', String(ts), body));
		const headers = {
			'webhook-id': 'msg_1',
			'webhook-timestamp': String(ts),
			'webhook-signature': signature,
		};
		expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
		expect(verifyDelivery({ secret, headers, rawBody: Buffer.from(body) })).toEqual({
			valid: true,
			webhookId: 'msg_1',
		});
	});

	it('register-ts is a no-op inside jest, and plain node loads the sandbox (and the .ts event list) through it', () => {
		expect(() => require('../../scripts/lib/register-ts')).not.toThrow();
		const root = path.join(__dirname, '../..');
		const script =
			"const s = require('./sandbox/server'); require('./scripts/lib/register-ts'); console.log(s.ALL_EVENTS.length)";
		const run = spawnSync(process.execPath, ['-e', script], {
			cwd: root,
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect([run.status, run.stdout.trim()]).toEqual([0, '27']);
	});
});

describe('coverage', () => {
	it('every endpoint of nodes/shared/endpoints.ts has a route (none answers the route-miss 404/2001)', async () => {
		const sent = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, {
			message: { parts: [{ type: 'text', value: 'x' }] },
		});
		const slot = await call(sb.sandbox, 'POST', '/v3/attachments', {
			filename: 'a.png',
			content_type: 'image/png',
			size_bytes: 1,
		});
		const hook = await startHook();
		try {
			const sub = await call(sb.sandbox, 'POST', '/v3/webhook-subscriptions', {
				target_url: `${hook.url}/x`,
				subscribed_events: ['message.sent'],
			});
			const params = {
				chatId: SEED_IDS.smallGroup,
				messageId: sent.body.message.id,
				attachmentId: slot.body.attachment_id,
				phoneNumberId: SEED_IDS.lineMain,
				subscriptionId: sub.body.id,
			};
			const entries = Object.entries(LINQ_ENDPOINTS);
			expect(entries).toHaveLength(41);
			for (const [name, spec] of entries) {
				const answer = await call(
					sb.sandbox,
					spec.method,
					endpointPath(name as keyof typeof LINQ_ENDPOINTS, params),
				);
				expect([name, answer.status === 404 && answer.body?.error?.code === 2001]).toEqual([
					name,
					false,
				]);
			}
		} finally {
			await hook.close();
		}
	});
});

describe('GET /__sandbox/', () => {
	it('lists every control endpoint, and each one it lists exists', async () => {
		const response = await fetch(`${sb.sandbox.origin}/__sandbox/`);
		expect(response.status).toBe(200);
		const index = (await response.json()) as {
			endpoints: Array<{ method: string; path: string; arguments: string }>;
		};
		expect(index.endpoints.length).toBeGreaterThanOrEqual(15);
		for (const { method, path: endpoint } of index.endpoints) {
			const answer = await fetch(`${sb.sandbox.origin}${endpoint}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: method === 'POST' ? '{}' : undefined,
			});
			const text = await answer.text();
			expect([method, endpoint, text.includes('unknown sandbox control endpoint')]).toEqual([
				method,
				endpoint,
				false,
			]);
			if (method === 'GET') expect([endpoint, answer.status]).toEqual([endpoint, 200]);
		}
		await fetch(`${sb.sandbox.origin}/__sandbox/faults`, { method: 'DELETE' });
	});
});
