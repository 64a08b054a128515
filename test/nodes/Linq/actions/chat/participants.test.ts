import nock from 'nock';

import { API_KEY, BASE_URL, runNode } from '../../../../helpers/engine';
import { CHAT_ID, chatParams, queued } from '../../../../helpers/linq';

describe('Chat → Add Participant', () => {
	it("POSTs {handle} as JSON with the Bearer key and returns Linq's answer with context", async () => {
		const scope = nock(BASE_URL, {
			reqheaders: {
				authorization: `Bearer ${API_KEY}`,
				'content-type': /application\/json/,
				accept: /application\/json/,
			},
		})
			.post(
				`/v3/chats/${CHAT_ID}/participants`,
				(body) => JSON.stringify(body) === '{"handle":"+12223334444"}',
			)
			.reply(202, queued('Participant addition queued', 'trace-add'));

		const { items, error } = await runNode({
			parameters: chatParams('addParticipant', { handle: '  +12223334444\t' }),
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					message: 'Participant addition queued',
					status: 'accepted',
					trace_id: 'trace-add',
					chat_id: CHAT_ID,
					handle: '+12223334444',
				},
				pairedItem: { item: 0 },
			},
		]);
		scope.done();
	});

	it('accepts an email handle and a chat picked from the list', async () => {
		const scope = nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/participants`, { handle: 'alex@example.com' })
			.reply(202, queued());
		const { items } = await runNode({
			parameters: {
				resource: 'chat',
				operation: 'addParticipant',
				chatId: { __rl: true, mode: 'list', value: CHAT_ID, cachedResultName: 'Team' },
				handle: 'alex@example.com',
			},
		});
		expect(items?.[0].json.handle).toBe('alex@example.com');
		scope.done();
	});

	it('takes the handle from each item through an expression', async () => {
		const scope = nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/participants`, { handle: '+442071234567' })
			.reply(202, queued('q', 't1'))
			.post(`/v3/chats/${CHAT_ID}/participants`, { handle: '+81312345678' })
			.reply(202, queued('q', 't2'));
		const { items } = await runNode(
			{ parameters: chatParams('addParticipant', { handle: '={{ $json.phone }}' }) },
			[{ phone: '+442071234567' }, { phone: '+81312345678' }],
		);
		expect(items?.map((i) => [i.json.handle, i.json.trace_id, i.pairedItem])).toEqual([
			['+442071234567', 't1', { item: 0 }],
			['+81312345678', 't2', { item: 1 }],
		]);
		scope.done();
	});
});

describe('Chat → Remove Participant', () => {
	it('sends DELETE with the JSON body {handle}', async () => {
		const scope = nock(BASE_URL, {
			reqheaders: { authorization: `Bearer ${API_KEY}`, 'content-type': /application\/json/ },
		})
			.delete(
				`/v3/chats/${CHAT_ID}/participants`,
				(body) => JSON.stringify(body) === '{"handle":"+12052499136"}',
			)
			.reply(200, queued('Participant removal queued', 'trace-rm'));

		const { items, error } = await runNode({
			parameters: chatParams('removeParticipant', { handle: '+12052499136' }),
		});

		expect(error).toBeUndefined();
		expect(items?.[0].json).toEqual({
			message: 'Participant removal queued',
			status: 'accepted',
			trace_id: 'trace-rm',
			chat_id: CHAT_ID,
			handle: '+12052499136',
		});
		scope.done();
	});
});

describe('Chat → Leave Chat', () => {
	it('POSTs to /leave with no body and no content type', async () => {
		let seenBody: unknown = 'unset';
		const scope = nock(BASE_URL, {
			reqheaders: { authorization: `Bearer ${API_KEY}` },
			badheaders: ['content-type'],
		})
			.post(`/v3/chats/${CHAT_ID}/leave`, (body) => {
				seenBody = body;
				return true;
			})
			.reply(202, queued('Leave group chat queued', 'trace-leave'));

		const { items, error } = await runNode({ parameters: chatParams('leaveChat') });

		expect(error).toBeUndefined();
		expect(seenBody).toEqual('');
		expect(items?.[0]).toEqual({
			json: {
				message: 'Leave group chat queued',
				status: 'accepted',
				trace_id: 'trace-leave',
				chat_id: CHAT_ID,
			},
			pairedItem: { item: 0 },
		});
		scope.done();
	});

	it('tolerates a trailing slash on the Base URL', async () => {
		const scope = nock('http://127.0.0.1:4010')
			.post(`/api/partner/v3/chats/${CHAT_ID}/leave`)
			.reply(202, queued());
		const { items } = await runNode({ parameters: chatParams('leaveChat') }, [{}], {
			apiKey: API_KEY,
			baseUrl: 'http://127.0.0.1:4010/api/partner/',
		});
		expect(items?.[0].json.status).toBe('accepted');
		scope.done();
	});

	it('treats an empty 2xx body as success', async () => {
		const scope = nock(BASE_URL).post(`/v3/chats/${CHAT_ID}/leave`).reply(204);
		const { items, error } = await runNode({ parameters: chatParams('leaveChat') });
		expect(error).toBeUndefined();
		expect(items?.[0].json).toEqual({ chat_id: CHAT_ID });
		scope.done();
	});
});
