/** Chat → Request Location (1:1 iMessage only, checked first) and Get Location through n8n's engine. */
import nock from 'nock';

import { BASE_URL, runNode } from '../../../../helpers/engine';
import { CHAT_ID, chatParams, countAllRequests, linqError } from '../../../../helpers/linq';

const me = { handle: '+12025550100', is_me: true, service: 'iMessage', status: 'active' };
const person = (handle: string, service = 'iMessage', status = 'active') => ({
	handle,
	is_me: false,
	service,
	status,
});
const dm = {
	id: CHAT_ID,
	is_group: false,
	service: 'iMessage',
	display_name: null,
	handles: [me, person('+14155550101')],
};

describe('Chat → Request Location', () => {
	it("reads the chat, then POSTs the request with no body, and outputs Linq's answer", async () => {
		let requestBody: unknown = 'unset';
		let contentType: unknown = 'unset';
		const scope = nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(200, dm)
			.post(`/v3/chats/${CHAT_ID}/location/request`, (b) => {
				requestBody = b === '' || b === undefined ? 'none' : b;
				return true;
			})
			.reply(function () {
				contentType = this.req.headers['content-type'];
				return [200, { success: true, message: 'Location request sent' }];
			});
		const { items, error } = await runNode({ parameters: chatParams('requestLocation') });
		expect(error).toBeUndefined();
		expect(requestBody).toBe('none');
		expect(contentType).toBeUndefined();
		expect(items?.map((i) => i.json)).toEqual([
			{ success: true, message: 'Location request sent', chat_id: CHAT_ID },
		]);
		scope.done();
	});

	it('a DM whose service only its participant names (service null) is requested', async () => {
		const scope = nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(200, { ...dm, service: null })
			.post(`/v3/chats/${CHAT_ID}/location/request`)
			.reply(200, { success: true, message: 'ok' });
		const { error } = await runNode({ parameters: chatParams('requestLocation') });
		expect(error).toBeUndefined();
		scope.done();
	});

	it.each([
		[
			'a group chat',
			{ ...dm, is_group: true, handles: [me, person('+14155550101'), person('+14155550102')] },
			'group chat',
		],
		[
			'a DM marked is_group false but with two others',
			{ ...dm, handles: [me, person('+14155550101'), person('+14155550102')] },
			'group chat',
		],
		[
			'an SMS chat',
			{ ...dm, service: 'SMS', handles: [me, person('+14155550101', 'SMS')] },
			'on SMS',
		],
		[
			'an RCS chat (service from the participant)',
			{ ...dm, service: null, handles: [me, person('+14155550101', 'RCS')] },
			'on RCS',
		],
	])(
		'%s is refused, naming the Chat and the item, before the request is sent',
		async (_label, chat, reason) => {
			nock(BASE_URL).get(`/v3/chats/${CHAT_ID}`).reply(200, chat);
			const counter = countAllRequests();
			const { error } = await runNode({ parameters: chatParams('requestLocation') });
			expect(error?.message).toBe(`Invalid value "${CHAT_ID}" for parameter "Chat" [item 0]`);
			expect(error?.description).toContain('1:1 iMessage');
			expect(error?.description).toContain(reason);
			expect(counter.count).toBe(0);
		},
	);

	it('with continue-on-fail, a refused chat is an error item and the other items go on', async () => {
		const OTHER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
		const scope = nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(200, {
				...dm,
				is_group: true,
				handles: [me, person('+14155550101'), person('+14155550102')],
			})
			.get(`/v3/chats/${OTHER}`)
			.reply(200, { ...dm, id: OTHER })
			.post(`/v3/chats/${OTHER}/location/request`)
			.reply(200, { success: true, message: 'sent' });
		const { items } = await runNode(
			{
				parameters: {
					resource: 'chat',
					operation: 'requestLocation',
					chatId: { __rl: true, mode: 'id', value: '={{ $json.chat }}' },
				},
				continueOnFail: true,
			},
			[{ chat: CHAT_ID }, { chat: OTHER }],
		);
		expect(items?.map((i) => i.json)).toEqual([
			expect.objectContaining({
				chat_id: CHAT_ID,
				error: `Invalid value "${CHAT_ID}" for parameter "Chat" [item 0]`,
			}),
			{ success: true, message: 'sent', chat_id: OTHER },
		]);
		scope.done();
	});

	it('a chat that Linq does not know fails with its 404, and no location request is sent', async () => {
		nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(404, linqError(404, 2001, 'Chat not found'));
		const counter = countAllRequests();
		const { error } = await runNode({ parameters: chatParams('requestLocation') });
		expect(error?.message).toContain('Chat not found');
		expect(counter.count).toBe(0);
	});
});

describe('Chat → Get Location', () => {
	const collection = {
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				geometry: { type: 'Point', coordinates: [-122.4194, 37.7749] },
				properties: {
					handle: '+14155550101',
					address: '1 Market St',
					locality: 'San Francisco',
					updated_at: '2026-11-23T10:00:00Z',
				},
			},
			{
				type: 'Feature',
				geometry: { type: 'Point', coordinates: [2.3522, 48.8566, 35] },
				properties: { handle: 'alex@example.com' },
			},
		],
	};

	it('GETs with Accept application/geo+json and outputs one simplified item per person sharing', async () => {
		const scope = nock(BASE_URL, { reqheaders: { accept: 'application/geo+json' } })
			.get(`/v3/chats/${CHAT_ID}/location`)
			.reply(200, JSON.stringify({ success: true, data: collection }), {
				'Content-Type': 'application/geo+json',
			});
		const { items, error } = await runNode({ parameters: chatParams('getLocation') });
		expect(error).toBeUndefined();
		expect(items?.map((i) => i.json)).toEqual([
			{
				chat_id: CHAT_ID,
				sharing: true,
				handle: '+14155550101',
				longitude: -122.4194,
				latitude: 37.7749,
				address: '1 Market St',
				locality: 'San Francisco',
				updated_at: '2026-11-23T10:00:00Z',
			},
			{
				chat_id: CHAT_ID,
				sharing: true,
				handle: 'alex@example.com',
				longitude: 2.3522,
				latitude: 48.8566,
				address: null,
				locality: null,
				updated_at: null,
			},
		]);
		expect(items?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		scope.done();
	});

	it('works in group chats too (Linq reads locations in DMs and groups): nothing is checked first', async () => {
		const scope = nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}/location`)
			.reply(200, { success: true, data: collection });
		const { items } = await runNode({ parameters: chatParams('getLocation') });
		expect(items).toHaveLength(2);
		scope.done();
	});

	it('with Simplify off, outputs the FeatureCollection as Linq sends it', async () => {
		nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}/location`)
			.reply(200, { success: true, data: collection });
		const { items } = await runNode({ parameters: chatParams('getLocation', { simplify: false }) });
		expect(items?.map((i) => i.json)).toEqual([collection]);
	});

	it('when nobody shares, one item says so', async () => {
		nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}/location`)
			.reply(200, { success: true, data: { type: 'FeatureCollection', features: [] } });
		const { items } = await runNode({ parameters: chatParams('getLocation') });
		expect(items?.map((i) => i.json)).toEqual([
			{
				chat_id: CHAT_ID,
				sharing: false,
				message: 'Nobody in this chat shares their location with your line',
			},
		]);
	});

	it('a malformed chat ID is refused before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{
				parameters: {
					resource: 'chat',
					operation: 'getLocation',
					chatId: { __rl: true, mode: 'id', value: '={{ $json.chat }}' },
				},
			},
			[{ chat: 'chat-1' }],
		);
		expect(error?.message).toBe('Invalid value "chat-1" for parameter "Chat" [item 0]');
		expect(counter.count).toBe(0);
	});
});
