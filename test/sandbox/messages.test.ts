/** Sandbox messages (https://docs.linqapp.com/api/resources/messages/): content rules, sends, idempotency, get, thread, edit, delete, reactions, app cards. */
import { createSandbox } from '../../sandbox/server';
import { LINES, SEED_IDS } from '../../sandbox/state';
import {
	call,
	expectError,
	expectSigned,
	ISO,
	startHook,
	subscribe,
	text,
	useSandbox,
	UUID_RE,
} from './harness';

const sb = useSandbox();
const send = (message: unknown, chatId: string = SEED_IDS.imessageGroup) =>
	call(sb.sandbox, 'POST', `/v3/chats/${chatId}/messages`, { message });
const APP = { bundle_id: 'com.example.app', name: 'Example', team_id: 'ABCDE12345' };
const card = (extra: object = {}) => ({
	parts: [{ type: 'imessage_app', app: APP, layout: { caption: 'Order #1' }, ...extra }],
});
const media = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ type: 'media', url: `https://example.com/p${i}.jpg` }));
const T = (value = 'x') => ({ type: 'text', value });

describe('POST /v3/chats/{id}/messages', () => {
	it('answers { chat_id, message: SentMessage } and stores the message (newest first in the chat list)', async () => {
		const first = await send({
			parts: [T('one')],
			effect: { type: 'screen', name: 'confetti' },
			preferred_service: 'iMessage',
		});
		expect(first.status).toBe(200);
		expect(first.body).toEqual({
			chat_id: SEED_IDS.imessageGroup,
			message: {
				id: expect.stringMatching(UUID_RE),
				created_at: ISO,
				delivery_status: 'queued',
				is_read: false,
				sent_at: null,
				delivered_at: null,
				parts: [{ type: 'text', value: 'one', text_decorations: null, reactions: null }],
				effect: { type: 'screen', name: 'confetti' },
				from_handle: expect.objectContaining({ handle: LINES.main, is_me: true }),
				preferred_service: 'iMessage',
				reply_to: null,
				service: 'iMessage',
			},
		});
		await send({ parts: [T('two')] });
		await send({ parts: [T('three')] });
		await sb.sandbox.settle();
		const list = await call(
			sb.sandbox,
			'GET',
			`/v3/chats/${SEED_IDS.imessageGroup}/messages?limit=2`,
		);
		expect(
			list.body.messages.map((m: { parts: Array<{ value: string }> }) => m.parts[0].value),
		).toEqual(['three', 'two']);
		expect(list.body.messages[0]).toMatchObject({
			chat_id: SEED_IDS.imessageGroup,
			is_from_me: true,
			is_delivered: true,
			delivery_status: 'delivered',
			from: LINES.main,
			from_handle: { is_me: true },
			sent_at: ISO,
			delivered_at: ISO,
			read_at: null,
			updated_at: ISO,
		});
		const rest = await call(
			sb.sandbox,
			'GET',
			`/v3/chats/${SEED_IDS.imessageGroup}/messages?limit=2&cursor=${list.body.next_cursor}`,
		);
		expect(
			rest.body.messages.map((m: { parts: Array<{ value: string }> }) => m.parts[0].value),
		).toEqual(['one']);
		expect(rest.body.next_cursor).toBeNull();
	});

	it.each([
		['no parts', {}, 400, 1004],
		['empty parts', { parts: [] }, 400, 1004],
		[
			'101 parts',
			{
				parts: Array.from({ length: 101 }, (_, i) =>
					i % 2 ? T() : { type: 'media', attachment_id: 'a' },
				),
			},
			400,
			1004,
		],
		['two text parts in a row', { parts: [T(), T()] }, 400, 1004],
		['an empty text', { parts: [T('')] }, 400, 1004],
		['an unknown part type', { parts: [{ type: 'sticker' }] }, 400, 1004],
		[
			'a link with another part',
			{ parts: [{ type: 'link', value: 'https://example.com' }, T()] },
			400,
			1004,
		],
		['a link that is no URL', { parts: [{ type: 'link', value: 'not a url' }] }, 400, 1004],
		['an app card with another part', { parts: [...card().parts, T()] }, 400, 1004],
		[
			'media with url and attachment_id',
			{ parts: [{ type: 'media', url: 'https://example.com/a.jpg', attachment_id: 'x' }] },
			400,
			1004,
		],
		['media with neither', { parts: [{ type: 'media' }] }, 400, 1004],
		['media over http', { parts: [{ type: 'media', url: 'http://example.com/a.jpg' }] }, 400, 1004],
		['41 media parts by url', { parts: media(41) }, 400, 1004],
		[
			'a decoration past the text',
			{
				parts: [
					{ type: 'text', value: 'abc', text_decorations: [{ range: [0, 4], style: 'bold' }] },
				],
			},
			400,
			1004,
		],
		[
			'a decoration with style and animation',
			{
				parts: [
					{
						type: 'text',
						value: 'abc',
						text_decorations: [{ range: [0, 2], style: 'bold', animation: 'big' }],
					},
				],
			},
			400,
			1004,
		],
		[
			'an animation overlapping a style',
			{
				parts: [
					{
						type: 'text',
						value: 'abcdef',
						text_decorations: [
							{ range: [0, 3], style: 'bold' },
							{ range: [2, 5], animation: 'shake' },
						],
					},
				],
			},
			400,
			1004,
		],
		[
			'an app without name',
			{ parts: [{ ...card().parts[0], app: { ...APP, name: '' } }] },
			400,
			1008,
		],
		[
			'a lowercase team_id',
			{ parts: [{ ...card().parts[0], app: { ...APP, team_id: 'abcde12345' } }] },
			400,
			1008,
		],
		[
			'a 9-character team_id',
			{ parts: [{ ...card().parts[0], app: { ...APP, team_id: 'ABCDE1234' } }] },
			400,
			1008,
		],
		[
			'a bundle_id with a colon',
			{ parts: [{ ...card().parts[0], app: { ...APP, bundle_id: 'a:b' } }] },
			400,
			1008,
		],
		['an empty layout', card({ layout: {} }), 400, 1008],
		[
			'image_title without image_url',
			card({ layout: { caption: 'c', image_title: 't' } }),
			400,
			1008,
		],
		['an unknown effect', { parts: [T()], effect: { name: 'glitter' } }, 400, 1005],
		[
			'a bubble effect called screen',
			{ parts: [T()], effect: { type: 'screen', name: 'slam' } },
			400,
			1005,
		],
		['an unknown preferred_service', { parts: [T()], preferred_service: 'WhatsApp' }, 400, 1005],
		[
			'a reply to an unknown message',
			{ parts: [T()], reply_to: { message_id: '99999999-9999-4999-8999-999999999999' } },
			404,
			2002,
		],
		[
			'an unknown attachment',
			{ parts: [{ type: 'media', attachment_id: '99999999-9999-4999-8999-999999999999' }] },
			404,
			2003,
		],
	])('refuses %s', async (_label, message, status, code) => {
		expectError(await send(message), status, code);
		expect(sb.sandbox.messages.all()).toHaveLength(0);
	});

	it('accepts [text, media, text], 40 media URLs, overlapping styles, and app cards in iMessage chats only', async () => {
		expect(
			(await send({ parts: [T('a'), { type: 'media', url: 'https://example.com/a.jpg' }, T('b')] }))
				.status,
		).toBe(200);
		expect((await send({ parts: media(40) })).status).toBe(200);
		const styled = {
			type: 'text',
			value: 'abcdef',
			text_decorations: [
				{ range: [0, 3], style: 'bold' },
				{ range: [2, 5], style: 'italic' },
				{ range: [5, 6], animation: 'big' },
			],
		};
		expect((await send({ parts: [styled] })).status).toBe(200);
		expect((await send(card())).status).toBe(200);
		expectError(await send(card(), SEED_IDS.smsGroup), 409, 2018);
		expectError(await send({ parts: [{ type: 'media', attachment_id: 'not-there' }] }), 404, 2003);
	});

	it('media by pending attachment is 404/2007', async () => {
		const slot = await call(sb.sandbox, 'POST', '/v3/attachments', {
			filename: 'a.png',
			content_type: 'image/png',
			size_bytes: 10,
		});
		expectError(
			await send({ parts: [{ type: 'media', attachment_id: slot.body.attachment_id }] }),
			404,
			2007,
		);
	});

	it('a reply must point into the same chat', async () => {
		const elsewhere = await send({ parts: [T('elsewhere')] }, SEED_IDS.dm);
		expectError(
			await send({ parts: [T()], reply_to: { message_id: elsewhere.body.message.id } }),
			400,
			1005,
		);
		expectError(
			await send(
				{ parts: [T()], reply_to: { message_id: elsewhere.body.message.id, part_index: 3 } },
				SEED_IDS.dm,
			),
			400,
			1005,
		);
		expect(
			(
				await send(
					{ parts: [T()], reply_to: { message_id: elsewhere.body.message.id } },
					SEED_IDS.dm,
				)
			).body.message.reply_to,
		).toEqual({ message_id: elsewhere.body.message.id, part_index: 0 });
	});

	it('message.sent and message.delivered carry the V2 payload (media with id, filename, mime_type, size_bytes, url; no reactions)', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, ['message.sent', 'message.delivered']);
			const sent = await send({
				parts: [T('look'), { type: 'media', url: 'https://example.com/photo.jpg' }],
				idempotency_key: 'k-1',
			});
			await sb.sandbox.settle();
			expectSigned(hook, secret);
			const [event] = hook.data('message.sent');
			expect(event).toEqual({
				id: sent.body.message.id,
				direction: 'outbound',
				service: 'iMessage',
				sender_handle: expect.objectContaining({ handle: LINES.main, is_me: true }),
				chat: {
					id: SEED_IDS.imessageGroup,
					health_status: expect.objectContaining({ status: 'HEALTHY' }),
					is_group: true,
					owner_handle: expect.objectContaining({ is_me: true }),
				},
				parts: [
					{ type: 'text', value: 'look' },
					{
						type: 'media',
						id: expect.stringMatching(UUID_RE),
						filename: 'photo.jpg',
						mime_type: 'image/jpeg',
						size_bytes: 0,
						url: 'https://example.com/photo.jpg',
					},
				],
				sent_at: ISO,
				effect: null,
				idempotency_key: 'k-1',
				preferred_service: null,
				reply_to: null,
			});
			expect(hook.data('message.delivered')[0]).toMatchObject({
				id: sent.body.message.id,
				sent_at: ISO,
				delivered_at: ISO,
			});
		} finally {
			await hook.close();
		}
	});
});

describe('idempotency', () => {
	it('a send with a key seen before answers the first answer and sends nothing new', async () => {
		const hook = await startHook();
		try {
			await subscribe(sb.sandbox, hook, ['message.sent', 'chat.created']);
			const first = await send({ parts: [T('once')], idempotency_key: 'retry-1' });
			const again = await send({ parts: [T('once')], idempotency_key: 'retry-1' });
			expect(again.status).toBe(first.status);
			expect(again.text).toBe(first.text);
			const chat = await call(sb.sandbox, 'POST', '/v3/chats', {
				from: LINES.main,
				to: ['+14155557101'],
				message: { parts: [T('hi')], idempotency_key: 'retry-2' },
			});
			const chatAgain = await call(sb.sandbox, 'POST', '/v3/chats', {
				from: LINES.main,
				to: ['+14155557101'],
				message: { parts: [T('hi')], idempotency_key: 'retry-2' },
			});
			expect([chatAgain.status, chatAgain.text]).toEqual([201, chat.text]);
			const auto = await call(
				sb.sandbox,
				'POST',
				'/v3/messages',
				{ to: ['+14155557102'], message: { parts: [T('hi')] } },
				{ headers: { 'Idempotency-Key': 'retry-3' } },
			);
			const autoAgain = await call(
				sb.sandbox,
				'POST',
				'/v3/messages',
				{ to: ['+14155557102'], message: { parts: [T('hi')] } },
				{ headers: { 'Idempotency-Key': 'retry-3' } },
			);
			expect([autoAgain.status, autoAgain.text]).toEqual([202, auto.text]);
			expect(auto.body.message.id).toBeDefined();
			const byBodyKey = await call(sb.sandbox, 'POST', '/v3/messages', {
				to: ['+14155557102'],
				message: { parts: [T('hi')], idempotency_key: 'retry-4' },
			});
			expect(
				(
					await call(sb.sandbox, 'POST', '/v3/messages', {
						to: ['+14155557102'],
						message: { parts: [T('hi')], idempotency_key: 'retry-4' },
					})
				).text,
			).toBe(byBodyKey.text);

			await sb.sandbox.settle();
			expect(sb.sandbox.messages.all()).toHaveLength(4);
			expect(hook.data('message.sent')).toHaveLength(4);
			expect(
				hook.data('message.sent').map((d: { idempotency_key: string }) => d.idempotency_key),
			).toEqual(['retry-1', 'retry-2', 'retry-3', 'retry-4']);
			expect(hook.data('chat.created')).toHaveLength(2);
			const sends = sb.sandbox.requests.filter((r: { method: string }) => r.method === 'POST');
			expect(sends.map((r: { replayed?: boolean }) => Boolean(r.replayed))).toEqual([
				false,
				false,
				true,
				false,
				true,
				false,
				true,
				false,
				true,
			]);
		} finally {
			await hook.close();
		}
	});

	it('another key, no key, or a refused first attempt send anew', async () => {
		await send({ parts: [T()], idempotency_key: 'a' });
		await send({ parts: [T()], idempotency_key: 'b' });
		await send({ parts: [T()] });
		await send({ parts: [T()] });
		expectError(await send({ parts: [T(), T()], idempotency_key: 'c' }), 400, 1004);
		expect((await send({ parts: [T()], idempotency_key: 'c' })).status).toBe(200);
		expect(sb.sandbox.messages.all()).toHaveLength(5);
	});

	it('a send whose answer was lost (fault after the work) is answered from the first attempt on retry', async () => {
		sb.sandbox.addFault({ method: 'POST', path: '/messages$', drop: true, after: true, times: 1 });
		await expect(send({ parts: [T('lost answer')], idempotency_key: 'lost-1' })).rejects.toThrow();
		expect(sb.sandbox.messages.all()).toHaveLength(1);
		const retry = await send({ parts: [T('lost answer')], idempotency_key: 'lost-1' });
		expect(retry.status).toBe(200);
		expect(retry.body.message.id).toBe(sb.sandbox.messages.all()[0].id);
		expect(sb.sandbox.messages.all()).toHaveLength(1);
		expect(
			sb.sandbox.requests.map((r: { status?: unknown; replayed?: boolean }) => [
				r.status,
				Boolean(r.replayed),
			]),
		).toEqual([
			['dropped', false],
			[200, true],
		]);
	});
});

describe('POST /v3/messages (auto-from)', () => {
	it('creates a chat on the best line, then reuses it (recipient order does not matter); links are allowed', async () => {
		const first = await call(sb.sandbox, 'POST', '/v3/messages', {
			to: ['+14155557201', '+14155557202'],
			message: { parts: [{ type: 'link', value: 'https://example.com' }] },
		});
		expect(first.status).toBe(202);
		expect(first.body).toEqual({
			chat_id: expect.stringMatching(UUID_RE),
			created_new_chat: true,
			from: LINES.main,
			from_selection: { reason: 'new_best_number', reused_existing_chat: false },
			handles: expect.any(Array),
			is_group: true,
			service: 'iMessage',
			message: expect.objectContaining({
				id: expect.stringMatching(UUID_RE),
				delivery_status: 'queued',
			}),
			previous_chat_id: null,
		});
		expect(first.body.handles).toHaveLength(3);
		const again = await call(sb.sandbox, 'POST', '/v3/messages', {
			to: ['+14155557202', '+14155557201'],
			message: { parts: [T('again')] },
		});
		expect(again.body).toMatchObject({
			chat_id: first.body.chat_id,
			created_new_chat: false,
			from_selection: { reason: 'reused_active_chat', reused_existing_chat: true },
			previous_chat_id: null,
		});
		const dm = await call(sb.sandbox, 'POST', '/v3/messages', {
			to: ['+14155550301'],
			message: { parts: [T('hi')] },
		});
		expect(dm.body).toMatchObject({
			chat_id: SEED_IDS.dm,
			from: LINES.second,
			created_new_chat: false,
		});
	});

	it('fails over from a flagged line: a new chat, previous_chat_id set, continuation text sent instead', async () => {
		sb.sandbox.lineStatus({ phone_number: LINES.second, status: 'FLAGGED' });
		const moved = await call(sb.sandbox, 'POST', '/v3/messages', {
			to: ['+14155550301'],
			message: { parts: [T('original')] },
			continuation_message: { text: 'New number, same me' },
		});
		expect(moved.body).toMatchObject({
			created_new_chat: true,
			from: LINES.main,
			from_selection: { reason: 'failover_flagged', reused_existing_chat: false },
			previous_chat_id: SEED_IDS.dm,
			message: { parts: [{ type: 'text', value: 'New number, same me' }] },
		});
		expect(sb.sandbox.messages.all()).toHaveLength(1);
	});

	it.each([
		['no to', { message: text('x') }, 400, 1001],
		['a bad handle', { to: ['12345'], message: text('x') }, 400, 1002],
		['your own line', { to: [LINES.main], message: text('x') }, 400, 1005],
		['bad content', { to: ['+14155557203'], message: { parts: [T(), T()] } }, 400, 1004],
		['an app card to an SMS-only handle', { to: ['+14155550998'], message: card() }, 409, 2018],
		[
			'a bad continuation',
			{ to: ['+14155557203'], message: text('x'), continuation_message: { text: '' } },
			400,
			1005,
		],
	])('refuses %s', async (_label, body, status, code) => {
		expectError(await call(sb.sandbox, 'POST', '/v3/messages', body), status, code);
	});
});

describe('GET /v3/messages/{id} and …/thread', () => {
	it('answers a Message, or 404/2002', async () => {
		const sent = await send({ parts: [T('hello')] });
		const got = await call(sb.sandbox, 'GET', `/v3/messages/${sent.body.message.id}`);
		expect(Object.keys(got.body).sort()).toEqual([
			'chat_id',
			'created_at',
			'delivered_at',
			'delivery_status',
			'effect',
			'from',
			'from_handle',
			'id',
			'is_delivered',
			'is_from_me',
			'is_read',
			'parts',
			'preferred_service',
			'read_at',
			'reply_to',
			'sent_at',
			'service',
			'updated_at',
		]);
		expectError(
			await call(sb.sandbox, 'GET', '/v3/messages/99999999-9999-4999-8999-999999999999'),
			404,
			2002,
		);
	});

	it('a thread is the originator plus its replies, asc or desc, paged', async () => {
		const root = await send({ parts: [T('root')] });
		const rootId = root.body.message.id;
		const reply = sb.sandbox.inbound({
			chat_id: SEED_IDS.imessageGroup,
			text: 'reply 1',
			reply_to: { message_id: rootId },
		});
		await send({ parts: [T('unrelated')] });
		await send({ parts: [T('reply 2')], reply_to: { message_id: reply.id } });
		const values = (answer: { body: { messages: Array<{ parts: Array<{ value: string }> }> } }) =>
			answer.body.messages.map((m) => m.parts[0].value);
		const asc = await call(sb.sandbox, 'GET', `/v3/messages/${reply.id}/thread`);
		expect(values(asc)).toEqual(['root', 'reply 1', 'reply 2']);
		expect(
			values(await call(sb.sandbox, 'GET', `/v3/messages/${rootId}/thread?order=desc`)),
		).toEqual(['reply 2', 'reply 1', 'root']);
		const paged = await call(sb.sandbox, 'GET', `/v3/messages/${rootId}/thread?limit=2`);
		expect([values(paged), paged.body.next_cursor]).toEqual([['root', 'reply 1'], '2']);
		expect(
			values(await call(sb.sandbox, 'GET', `/v3/messages/${rootId}/thread?limit=2&cursor=2`)),
		).toEqual(['reply 2']);
		const alone = sb.sandbox.messages
			.all()
			.find((m: { parts: Array<{ value: string }> }) => m.parts[0].value === 'unrelated');
		expect(values(await call(sb.sandbox, 'GET', `/v3/messages/${alone.id}/thread`))).toEqual([
			'unrelated',
		]);
		expectError(await call(sb.sandbox, 'GET', `/v3/messages/${rootId}/thread?order=up`), 400, 1005);
	});
});

describe('PATCH and DELETE /v3/messages/{id}', () => {
	it('edits own text parts: 200 Message, message.edited to V2 subscriptions only; at most 5 edits', async () => {
		const v2 = await startHook();
		const v1 = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, v2, ['message.edited']);
			await subscribe(sb.sandbox, v1, ['message.edited'], '');
			const sent = await send({
				parts: [T('helo'), { type: 'media', url: 'https://example.com/a.jpg' }],
			});
			const id = sent.body.message.id;
			const edited = await call(sb.sandbox, 'PATCH', `/v3/messages/${id}`, { text: 'hello' });
			expect(edited.status).toBe(200);
			expect(edited.body).toMatchObject({
				id,
				parts: [{ type: 'text', value: 'hello' }, { type: 'media' }],
				is_from_me: true,
			});
			await sb.sandbox.settle();
			expectSigned(v2, secret);
			expect(v2.data('message.edited')).toEqual([
				{
					id,
					direction: 'outbound',
					edited_at: ISO,
					sender_handle: expect.objectContaining({ is_me: true }),
					part: { index: 0, text: 'hello' },
					chat: {
						id: SEED_IDS.imessageGroup,
						health_status: expect.any(Object),
						is_group: true,
						owner_handle: expect.objectContaining({ is_me: true }),
					},
				},
			]);
			expect(v1.deliveries).toHaveLength(0);
			expectError(
				await call(sb.sandbox, 'PATCH', `/v3/messages/${id}`, { text: 'x', part_index: 1 }),
				400,
				1005,
			);
			expectError(
				await call(sb.sandbox, 'PATCH', `/v3/messages/${id}`, { text: 'x', part_index: 2 }),
				400,
				1005,
			);
			expectError(await call(sb.sandbox, 'PATCH', `/v3/messages/${id}`, {}), 400, 1001);
			for (let i = 2; i <= 5; i++)
				expect(
					(await call(sb.sandbox, 'PATCH', `/v3/messages/${id}`, { text: `edit ${i}` })).status,
				).toBe(200);
			expectError(
				await call(sb.sandbox, 'PATCH', `/v3/messages/${id}`, { text: 'edit 6' }),
				409,
				2015,
			);
			const inbound = sb.sandbox.inbound({ chat_id: SEED_IDS.imessageGroup, text: 'theirs' });
			expectError(
				await call(sb.sandbox, 'PATCH', `/v3/messages/${inbound.id}`, { text: 'mine now' }),
				409,
				2015,
			);
			expectError(
				await call(sb.sandbox, 'PATCH', '/v3/messages/99999999-9999-4999-8999-999999999999', {
					text: 'x',
				}),
				404,
				2002,
			);
		} finally {
			await v1.close();
			await v2.close();
		}
	});

	it('edits only within 15 minutes (driven by the sandbox clock)', async () => {
		let clock = Date.parse('2026-03-01T12:00:00Z');
		const timed = await createSandbox({ apiKey: 'sk_clock', queueDelayMs: 1, now: () => clock });
		try {
			const sent = await call(timed, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, {
				message: text('soon'),
			});
			await timed.settle();
			clock += 14 * 60_000;
			expect(
				(await call(timed, 'PATCH', `/v3/messages/${sent.body.message.id}`, { text: 'still ok' }))
					.status,
			).toBe(200);
			clock += 2 * 60_000;
			expectError(
				await call(timed, 'PATCH', `/v3/messages/${sent.body.message.id}`, { text: 'too late' }),
				409,
				2015,
			);
		} finally {
			await timed.close();
		}
	});

	it('DELETE removes it from the store: 204, then 404/2002', async () => {
		const sent = await send({ parts: [T('bye')] });
		const deleted = await call(sb.sandbox, 'DELETE', `/v3/messages/${sent.body.message.id}`);
		expect([deleted.status, deleted.text]).toEqual([204, '']);
		expectError(await call(sb.sandbox, 'GET', `/v3/messages/${sent.body.message.id}`), 404, 2002);
		expectError(
			await call(sb.sandbox, 'DELETE', `/v3/messages/${sent.body.message.id}`),
			404,
			2002,
		);
		expect(
			(await call(sb.sandbox, 'GET', `/v3/chats/${SEED_IDS.imessageGroup}/messages`)).body.messages,
		).toEqual([]);
	});
});

describe('POST /v3/messages/{id}/reactions', () => {
	it('queues the reaction, records it on the part, and confirms with reaction.added/removed (is_from_me true)', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, ['reaction.added', 'reaction.removed']);
			const message = sb.sandbox.inbound({
				chat_id: SEED_IDS.dm,
				text: 'Lunch?',
				media: [{ filename: 'menu.png', content_type: 'image/png', base64: 'AAAA' }],
			});
			const added = await call(sb.sandbox, 'POST', `/v3/messages/${message.id}/reactions`, {
				operation: 'add',
				type: 'love',
			});
			expect(added.status).toBe(202);
			expect(added.body).toEqual({
				message: expect.any(String),
				status: 'accepted',
				trace_id: expect.any(String),
			});
			await call(sb.sandbox, 'POST', `/v3/messages/${message.id}/reactions`, {
				operation: 'add',
				type: 'custom',
				custom_emoji: '🌮',
				part_index: 1,
			});
			const got = await call(sb.sandbox, 'GET', `/v3/messages/${message.id}`);
			expect(got.body.parts[0].reactions).toEqual([
				{
					handle: expect.objectContaining({ handle: LINES.second, is_me: true }),
					is_me: true,
					type: 'love',
					custom_emoji: null,
					sticker: null,
				},
			]);
			expect(got.body.parts[1].reactions).toEqual([
				expect.objectContaining({ type: 'custom', custom_emoji: '🌮' }),
			]);
			await call(sb.sandbox, 'POST', `/v3/messages/${message.id}/reactions`, {
				operation: 'remove',
				type: 'love',
			});
			expect(
				(await call(sb.sandbox, 'GET', `/v3/messages/${message.id}`)).body.parts[0].reactions,
			).toBeNull();
			await sb.sandbox.settle();
			expectSigned(hook, secret);
			expect(hook.types()).toEqual(['reaction.added', 'reaction.added', 'reaction.removed']);
			expect(hook.data('reaction.added')[0]).toEqual({
				is_from_me: true,
				reaction_type: 'love',
				chat_id: SEED_IDS.dm,
				message_id: message.id,
				part_index: 0,
				reacted_at: ISO,
				custom_emoji: null,
				from_handle: expect.objectContaining({ handle: LINES.second, is_me: true }),
				from: LINES.second,
				service: 'iMessage',
				sticker: null,
			});
			expect(hook.data('reaction.added')[1]).toMatchObject({
				reaction_type: 'custom',
				custom_emoji: '🌮',
				part_index: 1,
			});
		} finally {
			await hook.close();
		}
	});

	it.each([
		['no operation', { type: 'love' }, 400, 1001],
		['an unknown operation', { operation: 'toggle', type: 'love' }, 400, 1005],
		['no type', { operation: 'add' }, 400, 1001],
		['an unknown type', { operation: 'add', type: 'wow' }, 400, 1005],
		['a sticker (inbound only)', { operation: 'add', type: 'sticker' }, 400, 1005],
		['custom without custom_emoji', { operation: 'add', type: 'custom' }, 400, 1001],
		['a part that is not there', { operation: 'add', type: 'like', part_index: 1 }, 400, 1005],
	])('refuses %s', async (_label, body, status, code) => {
		const sent = await send({ parts: [T()] });
		expectError(
			await call(sb.sandbox, 'POST', `/v3/messages/${sent.body.message.id}/reactions`, body),
			status,
			code,
		);
	});
});

describe('POST /v3/messages/{id}/update (app cards)', () => {
	it('409 until the card is delivered, then a new message replaces it; 400 for inbound or non-card messages', async () => {
		const slow = await createSandbox({ apiKey: 'sk_slow', queueDelayMs: 60_000 });
		try {
			const sent = await call(slow, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, {
				message: card({ interactive: false }),
			});
			const id = sent.body.message.id;
			const update = {
				layout: { caption: 'Order #1', subcaption: 'Shipped' },
				fallback_text: 'Shipped',
			};
			expectError(await call(slow, 'POST', `/v3/messages/${id}/update`, update), 409, 2015);
			await slow.settle();
			const updated = await call(slow, 'POST', `/v3/messages/${id}/update`, update);
			expect(updated.status).toBe(200);
			expect(updated.body).toEqual({
				chat_id: SEED_IDS.dm,
				message: expect.objectContaining({ id: expect.stringMatching(UUID_RE) }),
			});
			expect(updated.body.message.id).not.toBe(id);
			expect(updated.body.message.parts).toEqual([
				{
					type: 'imessage_app',
					app: APP,
					layout: update.layout,
					url: null,
					fallback_text: 'Shipped',
					reactions: null,
				},
			]);
			expectError(await call(slow, 'POST', `/v3/messages/${id}/update`, {}), 400, 1001);
			expectError(await call(slow, 'POST', `/v3/messages/${id}/update`, { layout: {} }), 400, 1008);
			expectError(
				await call(slow, 'POST', `/v3/messages/${id}/update`, {
					...update,
					app: { ...APP, name: 'Other' },
				}),
				400,
				1008,
			);
			const plain = await call(slow, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, {
				message: text('plain'),
			});
			await slow.settle();
			expectError(
				await call(slow, 'POST', `/v3/messages/${plain.body.message.id}/update`, update),
				400,
				1005,
			);
			const inbound = slow.inbound({ chat_id: SEED_IDS.dm, text: 'theirs' });
			expectError(await call(slow, 'POST', `/v3/messages/${inbound.id}/update`, update), 400, 1005);
		} finally {
			await slow.close();
		}
	});
});
