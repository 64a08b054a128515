import nock from 'nock';

import { API_KEY, BASE_URL, loadOptionsContext } from '../../../helpers/engine';
import { chatParams } from '../../../helpers/linq';

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
