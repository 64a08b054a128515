/** Get Many operations follow Linq's cursor over several pages, honour Return All / Limit, and pass filters. */
import nock from 'nock';

import { BASE_URL, runNode } from '../../../helpers/engine';
import { CHAT_ID, chatLocator, linqError } from '../../../helpers/linq';

const chatOf = (n: number) => ({
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	display_name: `Chat ${n}`,
	is_group: true,
	handles: [],
});
const messageOf = (n: number) => ({
	id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	chat_id: CHAT_ID,
	parts: [{ type: 'text', value: `m${n}` }],
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('pagination', () => {
	it('Chat → Get Many, Return All: three pages, filters sent (+ encoded), one item per chat', async () => {
		const scope = nock(BASE_URL)
			.get('/v3/chats')
			.query({ limit: '100', from: '+12025550100', to: 'casey@example.com' })
			.reply(200, { chats: range(0, 100).map(chatOf), next_cursor: '100' })
			.get('/v3/chats')
			.query({ limit: '100', from: '+12025550100', to: 'casey@example.com', cursor: '100' })
			.reply(200, { chats: range(100, 200).map(chatOf), next_cursor: '200' })
			.get('/v3/chats')
			.query({ limit: '100', from: '+12025550100', to: 'casey@example.com', cursor: '200' })
			.reply(200, { chats: range(200, 230).map(chatOf), next_cursor: null });
		const { items, error } = await runNode({
			parameters: {
				resource: 'chat',
				operation: 'getMany',
				returnAll: true,
				filters: {
					from: { __rl: true, mode: 'number', value: '+12025550100' },
					to: 'casey@example.com',
				},
				simplify: false,
			},
		});
		expect(error).toBeUndefined();
		expect(items?.map((i) => i.json.display_name)).toEqual(range(0, 230).map((n) => `Chat ${n}`));
		expect(new Set(items?.map((i) => JSON.stringify(i.pairedItem)))).toEqual(
			new Set(['{"item":0}']),
		);
		scope.done();
	});

	it('the + of an E.164 filter goes out as %2B', async () => {
		let rawPath = '';
		nock(BASE_URL)
			.get(/\/v3\/chats.*/)
			.reply(function () {
				rawPath = this.req.path;
				return [200, { chats: [], next_cursor: null }];
			});
		await runNode({
			parameters: {
				resource: 'chat',
				operation: 'getMany',
				returnAll: true,
				filters: { to: '+14155550101' },
			},
		});
		expect(rawPath).toContain('to=%2B14155550101');
	});

	it('Message → Get Many with a limit of 150 asks for 100, then 50, and stops there', async () => {
		const scope = nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}/messages`)
			.query({ limit: '100' })
			.reply(200, { messages: range(0, 100).map(messageOf), next_cursor: 'c1' })
			.get(`/v3/chats/${CHAT_ID}/messages`)
			.query({ limit: '50', cursor: 'c1' })
			.reply(200, { messages: range(100, 150).map(messageOf), next_cursor: 'c2' });
		const { items } = await runNode({
			parameters: {
				resource: 'message',
				operation: 'getMany',
				chatId: chatLocator(CHAT_ID),
				limit: 150,
			},
		});
		expect(items).toHaveLength(150);
		expect(items?.[149].json).toMatchObject({ text: 'm149', chat_id: CHAT_ID });
		scope.done();
	});

	it('Message → Get Thread passes the order and stops at an empty cursor', async () => {
		const scope = nock(BASE_URL)
			.get(`/v3/messages/${messageOf(1).id}/thread`)
			.query({ order: 'desc', limit: '100' })
			.reply(200, { messages: [messageOf(3), messageOf(2), messageOf(1)], next_cursor: '' });
		const { items } = await runNode({
			parameters: {
				resource: 'message',
				operation: 'getThread',
				messageId: { __rl: true, mode: 'id', value: messageOf(1).id },
				order: 'desc',
				returnAll: true,
			},
		});
		expect(items?.map((i) => i.json.text)).toEqual(['m3', 'm2', 'm1']);
		scope.done();
	});

	it('a failing later page fails the item (reads are retried first)', async () => {
		nock(BASE_URL)
			.get('/v3/chats')
			.query({ limit: '100' })
			.reply(200, { chats: range(0, 100).map(chatOf), next_cursor: '100' })
			.get('/v3/chats')
			.query({ limit: '100', cursor: '100' })
			.times(4)
			.reply(500, linqError(500, 3006, 'Internal server error'));
		const { error } = await runNode({
			parameters: { resource: 'chat', operation: 'getMany', returnAll: true },
		});
		expect(error?.message).toBe('Internal server error');
		expect(error?.description).toContain('Running the node again is safe');
	});

	it('Limit must be a whole number of 1 or more', async () => {
		const { error } = await runNode({
			parameters: { resource: 'chat', operation: 'getMany', limit: 0 },
		});
		expect(error?.message).toBe('Invalid value 0 for parameter "Limit" [item 0]');
	});
});
