/**
 * The Linq node as an AI agent's tool: the operations an agent needs are described for a model, take
 * a few flat parameters, and answer with lean output when n8n runs the node as a tool.
 */
import { ExecuteContext } from 'n8n-core';
import nock from 'nock';

import { findOperation } from '../../../../nodes/Linq/actions/registry';
import { BASE_URL, runNode } from '../../../helpers/engine';
import { CHAT_ID, chatLocator } from '../../../helpers/linq';

const AGENT_OPERATIONS: Array<[string, string]> = [
	['message', 'send'],
	['message', 'sendToHandles'],
	['message', 'react'],
	['message', 'getThread'],
	['chat', 'startTyping'],
	['chat', 'stopTyping'],
];

describe('the Linq node as an AI tool', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each(AGENT_OPERATIONS)(
		'%s → %s: a description a model can act on, and at most two required parameters',
		(resource, operation) => {
			const op = findOperation(resource, operation)!;
			expect(op.description.length).toBeGreaterThan(60);
			const required = op.properties.filter((p) => p.required && p.type !== 'notice');
			expect(required.length).toBeLessThanOrEqual(2);
			for (const property of required)
				expect(['string', 'resourceLocator', 'options']).toContain(property.type);
		},
	);

	it('Send answers a tool call with { sent, chat_id, message_id } only', async () => {
		jest.spyOn(ExecuteContext.prototype, 'isToolExecution').mockReturnValue(true);
		nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/messages`)
			.reply(200, {
				chat_id: CHAT_ID,
				message: {
					id: 'msg-1',
					delivery_status: 'queued',
					parts: [{ type: 'text', value: 'Hi' }],
					created_at: 'x',
				},
			});
		const { items } = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				chatId: chatLocator(CHAT_ID),
				text: 'Hi',
			},
		});
		expect(items?.[0].json).toEqual({ sent: true, chat_id: CHAT_ID, message_id: 'msg-1' });
	});

	it('Get Thread answers a tool call with simplified messages, whatever Simplify says', async () => {
		jest.spyOn(ExecuteContext.prototype, 'isToolExecution').mockReturnValue(true);
		const messageId = '10000000-0000-4000-8000-000000000001';
		nock(BASE_URL)
			.get(`/v3/messages/${messageId}/thread`)
			.query(true)
			.reply(200, {
				messages: [
					{
						id: messageId,
						chat_id: CHAT_ID,
						is_from_me: false,
						from_handle: { handle: '+1415' },
						parts: [{ type: 'text', value: 'Yes' }],
					},
				],
				next_cursor: null,
			});
		const { items } = await runNode({
			parameters: {
				resource: 'message',
				operation: 'getThread',
				messageId: { __rl: true, mode: 'id', value: messageId },
				simplify: false,
			},
		});
		expect(items?.[0].json).toMatchObject({ id: messageId, text: 'Yes', from: '+1415' });
		expect(items?.[0].json.parts).toBeUndefined();
	});
});
