import nock from 'nock';

import { BASE_URL, runNode } from '../../../../helpers/engine';
import { countAllRequests } from '../../../../helpers/linq';

const CHAT = '9e8d7c6b-5a49-4838-9271-605f4e3d2c1b';
const params = (extra: object = {}) => ({
	resource: 'chat',
	operation: 'create',
	from: { __rl: true, mode: 'list', value: '+12025550100' },
	to: '+14155550101, casey@example.com',
	text: 'Welcome to the team',
	...extra,
});

describe('Chat → Create', () => {
	it('POSTs from, to and the first message with its idempotency key; outputs the chat', async () => {
		let body:
			| { from: string; to: string[]; message: { parts: unknown[]; idempotency_key: string } }
			| undefined;
		const scope = nock(BASE_URL)
			.post('/v3/chats', (b) => {
				body = b;
				return true;
			})
			.reply(201, {
				chat: {
					id: CHAT,
					display_name: null,
					is_group: true,
					service: 'iMessage',
					handles: [],
					message: { id: 'msg-1' },
				},
			});
		const { items, error } = await runNode({ parameters: params() });
		expect(error).toBeUndefined();
		expect(body).toEqual({
			from: '+12025550100',
			to: ['+14155550101', 'casey@example.com'],
			message: {
				parts: [{ type: 'text', value: 'Welcome to the team' }],
				idempotency_key: expect.stringMatching(/^n8n-/),
			},
		});
		expect(items?.[0].json).toMatchObject({ chat_id: CHAT, message_id: 'msg-1', is_group: true });
		scope.done();
	});

	it.each([
		['a URL in the text', { text: 'See https://example.com/start' }, 'Text'],
		['a bare domain in the text', { text: 'See example.com for details' }, 'Text'],
		[
			'a link preview',
			{ text: 'https://example.com', messageOptions: { linkPreview: true } },
			'Send Text as Link Preview',
		],
	])(
		'refuses %s in the first message of a new chat, before sending',
		async (_label, extra, parameter) => {
			const counter = countAllRequests();
			const { error } = await runNode({ parameters: params(extra) });
			expect(error?.message).toContain(`for parameter "${parameter}" [item 0]`);
			expect(error?.description).toContain('first message of a new chat may not contain a link');
			expect(counter.count).toBe(0);
		},
	);

	it.each([
		// Expressions: a literal malformed value is already refused by n8n itself ("The workflow has issues").
		[
			'From is not a phone number',
			{ from: { __rl: true, mode: 'number', value: '={{ "me@example.com" }}' } },
			'From',
		],
		['To is empty', { to: '={{ "" }}' }, 'To'],
		['To has a malformed number', { to: '+14155550101, 415-555-0102' }, 'To'],
	])('%s: a clear error, nothing sent', async (_label, extra, parameter) => {
		const counter = countAllRequests();
		const { error } = await runNode({ parameters: params(extra) });
		expect(error?.message).toContain(`for parameter "${parameter}" [item 0]`);
		expect(counter.count).toBe(0);
	});
});
