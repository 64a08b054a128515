/** Sandbox chats (https://docs.linqapp.com/api/resources/chats/): create, list, update, read, contact card, voice memo, typing, location. */
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
const createChat = (to: string[], message: unknown = text('Hello there'), from = LINES.main) =>
	call(sb.sandbox, 'POST', '/v3/chats', { from, to, message });

describe('POST /v3/chats', () => {
	it('creates a DM: 201 with the chat, your line among the handles, and the SentMessage; then chat.created, message.sent, message.delivered', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, [
				'chat.created',
				'message.sent',
				'message.delivered',
			]);
			const created = await createChat(['+14155557001']);
			expect(created.status).toBe(201);
			const chat = created.body.chat;
			expect(Object.keys(chat).sort()).toEqual(
				['display_name', 'handles', 'health_status', 'id', 'is_group', 'message', 'service'].sort(),
			);
			expect(chat).toMatchObject({
				id: expect.stringMatching(UUID_RE),
				is_group: false,
				service: 'iMessage',
				health_status: { status: 'HEALTHY' },
			});
			expect(chat.handles).toEqual([
				expect.objectContaining({
					handle: LINES.main,
					is_me: true,
					status: 'active',
					service: 'iMessage',
					joined_at: ISO,
				}),
				expect.objectContaining({ handle: '+14155557001', is_me: false, status: 'active' }),
			]);
			expect(chat.message).toMatchObject({
				id: expect.stringMatching(UUID_RE),
				created_at: ISO,
				delivery_status: 'queued',
				is_read: false,
				sent_at: null,
				parts: [{ type: 'text', value: 'Hello there', reactions: null }],
				from_handle: { handle: LINES.main, is_me: true },
				service: 'iMessage',
			});
			await sb.sandbox.settle();
			expect(hook.types()).toEqual(['chat.created', 'message.sent', 'message.delivered']);
			expectSigned(hook, secret);
			expect(hook.data('chat.created')[0]).toMatchObject({
				id: chat.id,
				is_group: false,
				handles: expect.any(Array),
				created_at: ISO,
			});
			expect(hook.data('chat.created')[0]).not.toHaveProperty('is_archived');
			const [sent] = hook.data('message.sent');
			const [delivered] = hook.data('message.delivered');
			expect(sent).toMatchObject({
				id: chat.message.id,
				direction: 'outbound',
				sender_handle: { is_me: true },
				chat: { id: chat.id, owner_handle: { handle: LINES.main } },
				sent_at: ISO,
			});
			expect(sent).not.toHaveProperty('delivered_at');
			expect(delivered).toMatchObject({ id: chat.message.id, delivered_at: ISO });
			expect((await call(sb.sandbox, 'GET', `/v3/chats/${chat.id}`)).body).toMatchObject({
				id: chat.id,
				is_archived: false,
				group_chat_icon: null,
			});
		} finally {
			await hook.close();
		}
	});

	it('creates a group for several recipients, on a service they all have', async () => {
		const group = await createChat(['+14155557002', 'pat@example.com']);
		expect(group.body.chat).toMatchObject({
			is_group: true,
			service: 'iMessage',
			display_name: '+14155557002, pat@example.com',
		});
		expect(group.body.chat.handles).toHaveLength(3);
		const sms = await createChat(['+14155550998']);
		expect(sms.body.chat.service).toBe('SMS');
		expectError(await createChat(['+14155550998', 'pat@example.com']), 409, 2017);
	});

	it('sends to the existing chat on that line for the same recipients', async () => {
		const first = await createChat(['+14155557003']);
		const again = await createChat(['+14155557003'], text('Again'));
		expect(again.status).toBe(201);
		expect(again.body.chat.id).toBe(first.body.chat.id);
		expect(again.body.chat.message.id).not.toBe(first.body.chat.message.id);
		const other = await createChat(['+14155557003'], text('From the other line'), LINES.second);
		expect(other.body.chat.id).not.toBe(first.body.chat.id);
	});

	it.each([
		[
			'from another number',
			{ from: '+19995550000', to: ['+14155557004'], message: text('x') },
			403,
			2006,
		],
		[
			'from not E.164',
			{ from: '202-555-0100', to: ['+14155557004'], message: text('x') },
			400,
			1002,
		],
		['no from', { to: ['+14155557004'], message: text('x') }, 400, 1001],
		['no to', { from: LINES.main, message: text('x') }, 400, 1001],
		['to empty', { from: LINES.main, to: [], message: text('x') }, 400, 1001],
		['to not a handle', { from: LINES.main, to: ['415 555 7004'], message: text('x') }, 400, 1002],
		['no message', { from: LINES.main, to: ['+14155557004'] }, 400, 1001],
		[
			'a link part first',
			{
				from: LINES.main,
				to: ['+14155557004'],
				message: { parts: [{ type: 'link', value: 'https://example.com' }] },
			},
			400,
			1005,
		],
		[
			'a URL in the first text',
			{ from: LINES.main, to: ['+14155557004'], message: text('see https://example.com/x') },
			400,
			1005,
		],
		[
			'a www. address in the first text',
			{ from: LINES.main, to: ['+14155557004'], message: text('see www.example.com') },
			400,
			1005,
		],
		['bad parts', { from: LINES.main, to: ['+14155557004'], message: { parts: [] } }, 400, 1004],
	])('refuses %s', async (_label, body, status, code) => {
		expectError(await call(sb.sandbox, 'POST', '/v3/chats', body), status, code);
		expect(sb.sandbox.state.chats.size).toBe(4);
	});

	it('allows links after the first message', async () => {
		const chat = await createChat(['+14155557005']);
		const link = await call(sb.sandbox, 'POST', `/v3/chats/${chat.body.chat.id}/messages`, {
			message: { parts: [{ type: 'link', value: 'https://example.com' }] },
		});
		expect(link.status).toBe(200);
	});
});

describe('GET /v3/chats and /v3/chats/{id}', () => {
	it('filters by line and participant, and pages with limit ≤ 100', async () => {
		const second = await call(
			sb.sandbox,
			'GET',
			`/v3/chats?from=${encodeURIComponent(LINES.second)}`,
		);
		expect(second.body.chats.map((c: { id: string }) => c.id)).toEqual([
			SEED_IDS.dm,
			SEED_IDS.smallGroup,
		]);
		const withCasey = await call(
			sb.sandbox,
			'GET',
			`/v3/chats?to=${encodeURIComponent('casey@example.com')}`,
		);
		expect(withCasey.body).toEqual({
			chats: [expect.objectContaining({ id: SEED_IDS.imessageGroup })],
			next_cursor: null,
		});
		const page = await call(sb.sandbox, 'GET', '/v3/chats?limit=100');
		expect(page.body.chats).toHaveLength(4);
		expectError(await call(sb.sandbox, 'GET', '/v3/chats?limit=101'), 400, 1005);
		expectError(await call(sb.sandbox, 'GET', '/v3/chats?limit=0'), 400, 1005);
		expectError(
			await call(sb.sandbox, 'GET', `/v3/chats?from=${encodeURIComponent('+19995550000')}`),
			403,
			2006,
		);
		expectError(await call(sb.sandbox, 'GET', '/v3/chats?to=nobody'), 400, 1002);
		expectError(
			await call(sb.sandbox, 'GET', '/v3/chats/99999999-9999-4999-8999-999999999999'),
			404,
			2001,
		);
	});
});

describe('PUT /v3/chats/{id}', () => {
	it('accepts a group rename and icon, applies them later and confirms by webhook', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, [
				'chat.group_name_updated',
				'chat.group_icon_updated',
			]);
			const answer = await call(sb.sandbox, 'PUT', `/v3/chats/${SEED_IDS.imessageGroup}`, {
				display_name: 'Launch Crew',
				group_chat_icon: 'https://example.com/icon.png',
			});
			expect(answer.status).toBe(202);
			expect(answer.body).toEqual({ chat_id: SEED_IDS.imessageGroup, status: 'accepted' });
			await sb.sandbox.settle();
			expectSigned(hook, secret);
			expect(hook.data('chat.group_name_updated')).toEqual([
				{
					chat_id: SEED_IDS.imessageGroup,
					updated_at: ISO,
					old_value: 'Launch Team',
					new_value: 'Launch Crew',
					changed_by_handle: expect.objectContaining({ handle: LINES.main, is_me: true }),
				},
			]);
			expect(hook.data('chat.group_icon_updated')).toEqual([
				expect.objectContaining({ old_value: null, new_value: 'https://example.com/icon.png' }),
			]);
			expect(
				(await call(sb.sandbox, 'GET', `/v3/chats/${SEED_IDS.imessageGroup}`)).body,
			).toMatchObject({
				display_name: 'Launch Crew',
				group_chat_icon: 'https://example.com/icon.png',
			});
			await call(sb.sandbox, 'PUT', `/v3/chats/${SEED_IDS.imessageGroup}`, {
				group_chat_icon: null,
			});
			await sb.sandbox.settle();
			expect(hook.data('chat.group_icon_updated')[1]).toMatchObject({
				old_value: 'https://example.com/icon.png',
				new_value: null,
			});
		} finally {
			await hook.close();
		}
	});

	it.each([
		['a DM', SEED_IDS.dm, { display_name: 'x' }, 409, 1006],
		['no field', SEED_IDS.imessageGroup, {}, 400, 1001],
		['an empty name', SEED_IDS.imessageGroup, { display_name: ' ' }, 400, 1005],
		[
			'an http icon',
			SEED_IDS.imessageGroup,
			{ group_chat_icon: 'http://example.com/i.png' },
			400,
			1005,
		],
		['an unknown chat', '99999999-9999-4999-8999-999999999999', { display_name: 'x' }, 404, 2001],
	])('refuses %s', async (_label, id, body, status, code) => {
		expectError(await call(sb.sandbox, 'PUT', `/v3/chats/${id}`, body), status, code);
	});
});

describe('chat interactions', () => {
	it('mark read: 204 with no body, inbound messages become read', async () => {
		const inbound = sb.sandbox.inbound({ chat_id: SEED_IDS.dm, text: 'Are you there?' });
		const answer = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/read`);
		expect(answer.status).toBe(204);
		expect(answer.text).toBe('');
		expect((await call(sb.sandbox, 'GET', `/v3/messages/${inbound.id}`)).body).toMatchObject({
			is_read: true,
			read_at: ISO,
		});
	});

	it('share contact card: 404/2012 until the line has a card, then 204', async () => {
		expectError(
			await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.imessageGroup}/share_contact_card`),
			404,
			2012,
		);
		expect(
			(
				await call(sb.sandbox, 'POST', '/v3/contact_card', {
					first_name: 'Acme',
					phone_number: LINES.main,
				})
			).status,
		).toBe(201);
		const shared = await call(
			sb.sandbox,
			'POST',
			`/v3/chats/${SEED_IDS.imessageGroup}/share_contact_card`,
		);
		expect(shared.status).toBe(204);
		expect(shared.text).toBe('');
		expectError(
			await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/share_contact_card`),
			404,
			2012,
		);
	});

	it('voice memo by URL or by uploaded audio attachment', async () => {
		const byUrl = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/voicememo`, {
			voice_memo_url: 'https://example.com/memo.m4a',
		});
		expect(byUrl.status).toBe(200);
		expect(byUrl.body.voice_memo).toMatchObject({
			id: expect.stringMatching(UUID_RE),
			from: LINES.second,
			to: ['+14155550301'],
			status: 'queued',
			created_at: ISO,
			service: 'iMessage',
			chat: {
				id: SEED_IDS.dm,
				handles: expect.any(Array),
				is_active: true,
				is_group: false,
				service: 'iMessage',
			},
			voice_memo: {
				id: expect.stringMatching(UUID_RE),
				filename: 'memo.m4a',
				mime_type: 'audio/x-m4a',
				size_bytes: 0,
				url: 'https://example.com/memo.m4a',
				duration_ms: null,
			},
		});
		const slot = await call(sb.sandbox, 'POST', '/v3/attachments', {
			filename: 'memo.mp3',
			content_type: 'audio/mpeg',
			size_bytes: 3,
		});
		expectError(
			await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/voicememo`, {
				attachment_id: slot.body.attachment_id,
			}),
			404,
			2007,
		);
		sb.sandbox.attachments.items.get(slot.body.attachment_id).status = 'complete';
		sb.sandbox.attachments.items.get(slot.body.attachment_id).bytes = Buffer.from('abc');
		const byId = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/voicememo`, {
			attachment_id: slot.body.attachment_id,
		});
		expect(byId.body.voice_memo.voice_memo).toMatchObject({
			id: slot.body.attachment_id,
			filename: 'memo.mp3',
			mime_type: 'audio/mpeg',
			size_bytes: 3,
			url: expect.stringContaining('/__media/'),
		});
		expect(
			(await call(sb.sandbox, 'GET', `/v3/messages/${byId.body.voice_memo.id}`)).body.parts[0],
		).toMatchObject({ type: 'media', mime_type: 'audio/mpeg' });
	});

	it.each([
		['neither field', {}, 400, 1001],
		[
			'both fields',
			{
				voice_memo_url: 'https://example.com/a.mp3',
				attachment_id: '99999999-9999-4999-8999-999999999999',
			},
			400,
			1005,
		],
		['an http URL', { voice_memo_url: 'http://example.com/a.mp3' }, 400, 1005],
		['a URL that is not audio', { voice_memo_url: 'https://example.com/a.pdf' }, 400, 5004],
		['an unknown attachment', { attachment_id: '99999999-9999-4999-8999-999999999999' }, 404, 2003],
	])('voice memo refuses %s', async (_label, body, status, code) => {
		expectError(
			await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/voicememo`, body),
			status,
			code,
		);
	});

	it('typing: 204 in a DM (start and stop), 403/2016 in a group', async () => {
		for (const method of ['POST', 'DELETE']) {
			const answer = await call(sb.sandbox, method, `/v3/chats/${SEED_IDS.dm}/typing`);
			expect([answer.status, answer.text]).toEqual([204, '']);
			expectError(
				await call(sb.sandbox, method, `/v3/chats/${SEED_IDS.smallGroup}/typing`),
				403,
				2016,
			);
		}
	});

	it('location: request in 1:1 iMessage only; GET answers a FeatureCollection', async () => {
		expect(
			(await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/location/request`)).body,
		).toEqual({ success: true, message: expect.any(String) });
		expectError(
			await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.smallGroup}/location/request`),
			409,
			2016,
		);
		const smsDm = await createChat(['+14155550998']);
		expectError(
			await call(sb.sandbox, 'POST', `/v3/chats/${smsDm.body.chat.id}/location/request`),
			409,
			2017,
		);
		const location = await call(sb.sandbox, 'GET', `/v3/chats/${SEED_IDS.smallGroup}/location`);
		expect(location.headers.get('content-type')).toBe('application/geo+json');
		expect(location.body).toEqual({
			success: true,
			data: { type: 'FeatureCollection', features: [] },
		});
	});

	it('after leaving, every interaction answers 409/2013', async () => {
		expect(
			(await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.imessageGroup}/leave`)).status,
		).toBe(202);
		const id = SEED_IDS.imessageGroup;
		for (const [method, path, body] of [
			['POST', `/v3/chats/${id}/messages`, { message: text('x') }],
			['POST', `/v3/chats/${id}/read`, undefined],
			['PUT', `/v3/chats/${id}`, { display_name: 'x' }],
			['POST', `/v3/chats/${id}/typing`, undefined],
			['DELETE', `/v3/chats/${id}/typing`, undefined],
			['POST', `/v3/chats/${id}/share_contact_card`, undefined],
			['POST', `/v3/chats/${id}/voicememo`, { voice_memo_url: 'https://example.com/a.mp3' }],
			['POST', `/v3/chats/${id}/location/request`, undefined],
			['POST', `/v3/chats/${id}/participants`, { handle: '+14155557009' }],
			['POST', `/v3/chats/${id}/leave`, undefined],
		] as const) {
			expectError(await call(sb.sandbox, method, path, body), 409, 2013);
		}
		expect((await call(sb.sandbox, 'GET', `/v3/chats/${id}`)).status).toBe(200);
	});
});
