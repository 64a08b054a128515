import nock from 'nock';

import { API_KEY, BASE_URL, loadOptionsContext } from '../../../helpers/engine';
import { CHAT_ID, chatLocator, chatParams } from '../../../helpers/linq';

const me = { handle: '+15550000000', is_me: true, service: 'iMessage' };
function chat(id: string, name: string | null, handles: string[], isGroup = true) {
	return {
		id,
		display_name: name,
		is_group: isGroup,
		service: 'iMessage',
		handles: [
			me,
			...handles.map((handle) => ({ handle, is_me: false, service: 'iMessage', status: 'active' })),
		],
	};
}

describe('Chat picker (listSearch searchGroupChats)', () => {
	const page1 = {
		chats: [
			chat('11111111-1111-4111-8111-111111111111', 'Team', ['+12223334444', '+13334445555']),
			chat('22222222-2222-4222-8222-222222222222', null, ['+14445556666'], false),
			chat('33333333-3333-4333-8333-333333333333', null, ['+15556667777', 'sam@example.com'], true),
		],
		next_cursor: '20',
	};
	const page2 = {
		chats: [
			chat('44444444-4444-4444-8444-444444444444', 'Family', ['+16667778888', '+17778889999']),
		],
		next_cursor: null,
	};

	it('pages through GET /v3/chats with the cursor and shows names and participants', async () => {
		const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.get('/v3/chats')
			.query({ limit: '100' })
			.reply(200, page1)
			.get('/v3/chats')
			.query({ limit: '100', cursor: '20' })
			.reply(200, page2);
		const context = loadOptionsContext(chatParams('leaveChat'));
		const { searchGroupChats } = await import('../../../../nodes/Linq/methods/listSearch');

		const first = await searchGroupChats.call(context);
		expect(first.paginationToken).toBe('20');
		// The DM is left out: participant operations only work in group chats.
		expect(first.results.map((r) => r.value)).toEqual([
			'11111111-1111-4111-8111-111111111111',
			'33333333-3333-4333-8333-333333333333',
		]);
		expect(first.results[0].name).toBe('Team (+12223334444, +13334445555)');
		expect(first.results[1].name).toBe('+15556667777, sam@example.com');
		expect(first.results[0].description).toBe('iMessage · 3 participants');

		const second = await searchGroupChats.call(context, undefined, first.paginationToken as string);
		expect(second.results.map((r) => r.name)).toEqual(['Family (+16667778888, +17778889999)']);
		expect(second.paginationToken).toBeUndefined();
		scope.done();
	});

	it('sends a phone-number filter to Linq as `to` (with + encoded)', async () => {
		const scope = nock(BASE_URL)
			.get('/v3/chats?limit=100&to=%2B12223334444')
			.reply(200, { chats: [page1.chats[0]], next_cursor: null });
		const { searchGroupChats } = await import('../../../../nodes/Linq/methods/listSearch');
		const result = await searchGroupChats.call(
			loadOptionsContext(chatParams('leaveChat')),
			'+12223334444',
		);
		expect(result.results).toHaveLength(1);
		scope.done();
	});

	it('filters other text by name on the page', async () => {
		nock(BASE_URL).get('/v3/chats').query(true).reply(200, page1);
		const { searchGroupChats } = await import('../../../../nodes/Linq/methods/listSearch');
		const result = await searchGroupChats.call(loadOptionsContext(chatParams('leaveChat')), 'tea');
		expect(result.results.map((r) => r.value)).toEqual(['11111111-1111-4111-8111-111111111111']);
	});

	it('a Linq error surfaces as a NodeApiError with the hint', async () => {
		nock(BASE_URL)
			.get('/v3/chats')
			.query(true)
			.reply(401, {
				success: false,
				error: {
					status: 401,
					code: 2004,
					message: 'Unauthorized - missing or invalid authentication token',
				},
			});
		const { searchGroupChats } = await import('../../../../nodes/Linq/methods/listSearch');
		await expect(
			searchGroupChats.call(loadOptionsContext(chatParams('leaveChat'))),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Unauthorized - missing or invalid authentication token',
			description: expect.stringContaining('Check the API key in the credential'),
		});
	});
});

describe('Chat picker for every chat (listSearch searchChats)', () => {
	it('lists DMs and groups, and sends an email filter to Linq as `to`', async () => {
		const dm = chat('22222222-2222-4222-8222-222222222222', null, ['sam@example.com'], false);
		const group = chat('11111111-1111-4111-8111-111111111111', 'Team', ['+12223334444']);
		const scope = nock(BASE_URL)
			.get('/v3/chats')
			.query({ limit: '100' })
			.reply(200, { chats: [group, dm], next_cursor: null })
			.get('/v3/chats')
			.query({ limit: '100', to: 'sam@example.com' })
			.reply(200, { chats: [dm], next_cursor: null });
		const { searchChats } = await import('../../../../nodes/Linq/methods/listSearch');
		const context = loadOptionsContext(chatParams('get'));

		const all = await searchChats.call(context);
		expect(all.results.map((r) => r.name)).toEqual(['Team (+12223334444)', 'sam@example.com']);
		expect(all.paginationToken).toBeUndefined();
		// An email is a handle: Linq filters by it, so nothing is matched by name on the page.
		const byEmail = await searchChats.call(context, ' sam@example.com ');
		expect(byEmail.results.map((r) => r.value)).toEqual([dm.id]);
		scope.done();
	});
});

describe('Line pickers (listSearch searchLineNumbers, searchLineIds)', () => {
	const lines = {
		phone_numbers: [
			{ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', phone_number: '+12223334444' },
			{
				id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
				phone_number: '+13334445555',
				reputation: { status: 'good' },
			},
		],
	};

	it('values a line by its number for `from`, and by its ID for the phone number endpoints', async () => {
		const scope = nock(BASE_URL).get('/v3/phone_numbers').twice().reply(200, lines);
		const { searchLineNumbers, searchLineIds } = await import(
			'../../../../nodes/Linq/methods/listSearch'
		);
		const context = loadOptionsContext({ resource: 'chat', operation: 'create' });

		const byNumber = await searchLineNumbers.call(context);
		expect(byNumber.results).toEqual([
			{ name: '+12223334444', value: '+12223334444', description: undefined },
			{ name: '+13334445555', value: '+13334445555', description: 'Reputation: good' },
		]);
		const byId = await searchLineIds.call(context, ' +1333 ');
		expect(byId.results).toEqual([
			{
				name: '+13334445555',
				value: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
				description: 'Reputation: good',
			},
		]);
		scope.done();
	});
});

describe('Message picker (listSearch searchMessages)', () => {
	const message = (id: string, parts: object[], fromMe = false) => ({
		id,
		is_from_me: fromMe,
		from_handle: fromMe ? null : { handle: '+12223334444' },
		created_at: '2026-01-02T03:04:05Z',
		parts,
	});
	const M1 = '11111111-1111-4111-8111-aaaaaaaaaaaa';
	const M2 = '22222222-2222-4222-8222-aaaaaaaaaaaa';
	const M3 = '33333333-3333-4333-8333-aaaaaaaaaaaa';

	/** Counts every request to Linq, matched or not, so a test can bound them. */
	function countRequests() {
		const seen: string[] = [];
		const listener = (req: { path: string }) => seen.push(req.path);
		nock.emitter.on('no match', listener);
		return { seen, stop: () => nock.emitter.removeListener('no match', listener) };
	}

	it("pages through the chosen chat's messages (one Linq call each) and filters on the preview", async () => {
		const scope = nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}/messages`)
			.query({ limit: '50' })
			.reply(200, {
				messages: [
					message(M1, [{ type: 'text', value: '  Order\n shipped  ' }]),
					message(M2, [{ type: 'media', mime_type: 'image/png' }], true),
				],
				next_cursor: 'm2',
			})
			.get(`/v3/chats/${CHAT_ID}/messages`)
			.query({ limit: '50', cursor: 'm2' })
			.reply(200, { messages: [message(M3, [])], next_cursor: null });
		const { searchMessages } = await import('../../../../nodes/Linq/methods/listSearch');
		const context = loadOptionsContext({
			resource: 'message',
			operation: 'getMany',
			chatId: chatLocator(CHAT_ID),
		});

		const first = await searchMessages.call(context);
		expect(first.results.map((r) => r.name)).toEqual([
			'+12223334444: Order shipped',
			'You: [image/png]',
		]);
		expect(first.paginationToken).toBe('m2');
		const second = await searchMessages.call(context, undefined, 'm2');
		expect(second.results.map((r) => r.name)).toEqual(['+12223334444: [empty]']);
		expect(second.paginationToken).toBeUndefined();
		scope.done();
	});

	it('without a chosen chat, one keystroke makes at most 3 Linq calls; scrolling asks for the next chats', async () => {
		const older = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
		const first = chat('11111111-1111-4111-8111-111111111111', 'Team', ['+12223334444']);
		const second = chat('22222222-2222-4222-8222-222222222222', null, ['+13334445555'], false);
		const third = chat(older, 'Old', ['+14445556666']);
		const scope = nock(BASE_URL)
			.get('/v3/chats')
			.query({ limit: '2' })
			.reply(200, { chats: [first, second], next_cursor: 'c2' })
			.get(`/v3/chats/${first.id}/messages`)
			.query({ limit: '10' })
			.reply(200, { messages: [message(M1, [{ type: 'text', value: 'Ship it?' }])] })
			.get(`/v3/chats/${second.id}/messages`)
			.query({ limit: '10' })
			.reply(200, { messages: [message(M2, [{ type: 'text', value: 'Thanks' }], true)] })
			.get('/v3/chats')
			.query({ limit: '2', cursor: 'c2' })
			.reply(200, { chats: [third], next_cursor: null })
			.get(`/v3/chats/${older}/messages`)
			.query({ limit: '10' })
			.reply(200, { messages: [message(M3, [{ type: 'text', value: 'ship date' }])] });
		const unmatched = countRequests();
		const { searchMessages } = await import('../../../../nodes/Linq/methods/listSearch');
		// Message → React has no Chat parameter.
		const context = loadOptionsContext({ resource: 'message', operation: 'react' });

		const typed = await searchMessages.call(context, 'SHIP');
		expect(typed.results).toEqual([
			{
				name: '+12223334444: Ship it?',
				value: M1,
				description: 'Team (+12223334444) · 2026-01-02T03:04:05Z',
			},
		]);
		expect(typed.paginationToken).toBe('c2');
		expect(scope.pendingMocks()).toHaveLength(2);
		const scrolled = await searchMessages.call(context, 'SHIP', 'c2');
		expect(scrolled.results.map((r) => r.value)).toEqual([M3]);
		expect(scrolled.paginationToken).toBeUndefined();
		scope.done();
		unmatched.stop();
		expect(unmatched.seen).toEqual([]);
	});
});
