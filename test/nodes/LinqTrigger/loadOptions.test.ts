import nock from 'nock';
import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { getChats, getPhoneLines, MAX_CHAT_PAGES } from '../../../nodes/LinqTrigger/loadOptions';
import { LinqTrigger } from '../../../nodes/LinqTrigger/LinqTrigger.node';
import {
	API_KEY,
	BASE_URL,
	LINQ_TRIGGER_NODE_TYPE,
	loadOptionsContext,
	registerNodeType,
} from '../../helpers/engine';

registerNodeType(LINQ_TRIGGER_NODE_TYPE, new LinqTrigger());

// The editor sends the node's parameters with their defaults filled in, as here.
const context = (path: string, subscriptionMode = 'automatic') =>
	loadOptionsContext({ subscriptionMode, events: ['message.received'], filters: {} }, undefined, {
		name: 'Linq Trigger',
		type: LINQ_TRIGGER_NODE_TYPE,
		typeVersion: 1.1,
		path,
	});

const me = { handle: '+15550000000', is_me: true, service: 'iMessage' };
const chat = (n: number, name: string | null, handles: string[], isGroup = true) => ({
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	display_name: name,
	is_group: isGroup,
	service: 'iMessage',
	handles: [me, ...handles.map((handle) => ({ handle, is_me: false, status: 'active' }))],
});

describe('Linq Trigger filter lists (loadOptions)', () => {
	afterEach(() => nock.cleanAll());

	it('the trigger registers the loaders its multiOptions filters name', () => {
		const trigger = new LinqTrigger();
		const filters = trigger.description.properties.find((p) => p.name === 'filters');
		const methods = (filters?.options ?? [])
			.map((o) => ('typeOptions' in o ? o.typeOptions?.loadOptionsMethod : undefined))
			.filter(Boolean);
		expect(methods.sort()).toEqual(['getChats', 'getPhoneLines']);
		expect(Object.keys(trigger.methods.loadOptions).sort()).toEqual(methods);
	});

	it('workflows saved with version 1 keep their comma-list text fields; version 1.1 shows the lists', () => {
		const description = new LinqTrigger().description;
		const filters = description.properties.find((p) => p.name === 'filters')!;
		const shown = (typeVersion: number) =>
			(filters.options as INodeProperties[])
				.filter((option) =>
					NodeHelpers.displayParameter({}, option, { typeVersion } as never, description),
				)
				.map((option) => `${option.name}:${option.type}`);
		expect(shown(1)).toEqual(['chatIds:string', 'from:string', 'phoneNumbers:string']);
		expect(shown(1.1)).toEqual([
			'chatIds:multiOptions',
			'from:string',
			'phoneNumbers:multiOptions',
		]);
		expect(description.defaultVersion).toBe(1.1);
	});

	it('Phone Lines: your lines from one GET /v3/phone_numbers, valued by number', async () => {
		const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.get('/v3/phone_numbers')
			.reply(200, {
				phone_numbers: [
					{ id: 'l1', phone_number: '+12223334444', reputation: { status: 'HEALTHY' } },
					{ id: 'l2', phone_number: '+13334445555' },
				],
			});
		await expect(getPhoneLines.call(context('filters.phoneNumbers'))).resolves.toEqual([
			{ name: '+12223334444', value: '+12223334444', description: 'Reputation: HEALTHY' },
			{ name: '+13334445555', value: '+13334445555', description: undefined },
		]);
		scope.done();
	});

	it('Chat IDs: pages through GET /v3/chats with the cursor, named by group name and participants', async () => {
		const scope = nock(BASE_URL)
			.get('/v3/chats')
			.query({ limit: '100' })
			.reply(200, {
				chats: [
					chat(1, 'Team', ['+12223334444', 'sam@example.com']),
					chat(2, null, ['+14445556666'], false),
				],
				next_cursor: '100',
			})
			.get('/v3/chats')
			.query({ limit: '100', cursor: '100' })
			.reply(200, { chats: [chat(3, '  ', ['+17778889999'])], next_cursor: null });
		const options = await getChats.call(context('filters.chatIds'));
		expect(options).toEqual([
			{
				name: 'Team (+12223334444, sam@example.com)',
				value: chat(1, null, []).id,
				description: 'iMessage · 3 participants',
			},
			{
				name: '+14445556666',
				value: chat(2, null, []).id,
				description: 'iMessage · 2 participants',
			},
			{
				name: '+17778889999',
				value: chat(3, null, []).id,
				description: 'iMessage · 2 participants',
			},
		]);
		scope.done();
	});

	it(`Chat IDs: a big account costs at most ${MAX_CHAT_PAGES} Linq calls per load`, async () => {
		let calls = 0;
		nock(BASE_URL)
			.persist()
			.get('/v3/chats')
			.query(true)
			.reply(() => {
				calls++;
				return [
					200,
					{ chats: [chat(calls, `Chat ${calls}`, ['+12223334444'])], next_cursor: String(calls) },
				];
			});
		const options = await getChats.call(context('filters.chatIds'));
		expect(calls).toBe(MAX_CHAT_PAGES);
		expect(options).toHaveLength(MAX_CHAT_PAGES);
	});

	it('with a signing-secret connection there is no API key to list with: the loader fails and calls nothing', async () => {
		const scope = nock(BASE_URL).get('/v3/phone_numbers').reply(200, { phone_numbers: [] });
		await expect(getPhoneLines.call(context('filters.phoneNumbers', 'manual'))).rejects.toThrow(
			'Credentials not found',
		);
		expect(scope.isDone()).toBe(false);
	});

	it("a Linq error reaches the editor as the node's error, with Linq's message", async () => {
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
		await expect(getChats.call(context('filters.chatIds'))).rejects.toThrow(
			/authentication token|API key/i,
		);
	});
});
