/**
 * The Linq node as an AI agent's tool: the operations an agent needs are described for a model, take
 * a few flat parameters, and answer with lean output whenever n8n runs the node as a tool. n8n offers
 * the node to agents as the type `linqTool` (its loader copies the description and appends "Tool" to
 * the name); here that variant is the same node class under that name, the way n8n loads it. The
 * end-to-end suite (test/e2e/agentTool.e2e.test.ts) runs n8n's own conversion and agents.
 */
import { ExecuteContext } from 'n8n-core';
import nock from 'nock';
import { NodeHelpers, type INode } from 'n8n-workflow';

import { Linq } from '../../../../nodes/Linq/Linq.node';
import { findOperation, OPERATIONS } from '../../../../nodes/Linq/actions/registry';
import {
	BASE_URL,
	LINQ_NODE_TYPE,
	PACKAGE,
	registerNodeType,
	runNode,
} from '../../../helpers/engine';
import { CHAT_ID, chatLocator } from '../../../helpers/linq';

const TOOL_TYPE = `${PACKAGE}.linqTool`;

/** The tool variant as n8n's loader makes it: the same node, its name plus "Tool". */
function toolVariant(): Linq {
	const node = new Linq();
	node.description = { ...node.description, name: `${node.description.name}Tool` };
	return node;
}
const tool = toolVariant();
registerNodeType(TOOL_TYPE, tool);

const AGENT_OPERATIONS: Array<[string, string]> = [
	['message', 'send'],
	['message', 'sendToHandles'],
	['message', 'react'],
	['message', 'getThread'],
	['chat', 'startTyping'],
	['chat', 'stopTyping'],
];

function sendReply() {
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
}
const SEND = { resource: 'message', operation: 'send', chatId: chatLocator(CHAT_ID), text: 'Hi' };
const LEAN_SEND = { sent: true, chat_id: CHAT_ID, message_id: 'msg-1' };

/** What n8n tells the model the tool does (n8n-workflow's getToolDescriptionForNode), for a node as saved. */
function toolDescriptionOf(type: string, parameters: Record<string, unknown>) {
	const nodeType = type === TOOL_TYPE ? tool : new Linq();
	const node = { name: 'Linq', type, typeVersion: 1, position: [0, 0], parameters } as INode;
	node.parameters = NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		node.parameters,
		true,
		false,
		node,
		nodeType.description,
	)!;
	return {
		parameters: node.parameters,
		told: NodeHelpers.getToolDescriptionForNode(node, nodeType),
	};
}

describe('the Linq node as an AI tool', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each(AGENT_OPERATIONS)(
		'%s → %s: at most two required parameters, and a tool description saying what it answers',
		(resource, operation) => {
			const op = findOperation(resource, operation)!;
			const required = op.properties.filter((p) => p.required && p.type !== 'notice');
			expect(required.length).toBeLessThanOrEqual(2);
			for (const property of required)
				expect(['string', 'resourceLocator', 'options']).toContain(property.type);
			expect(op.toolDescription).toMatch(/Answers /);
			expect(op.toolDescription!.length).toBeLessThanOrEqual(1024);
		},
	);

	it('as the tool variant (AI Agent 3.x, any n8n line), Send answers { sent, chat_id, message_id } only', async () => {
		sendReply();
		const { items } = await runNode({ type: TOOL_TYPE, parameters: SEND });
		expect(items?.map((i) => i.json)).toEqual([LEAN_SEND]);
	});

	it("when n8n's older agents call it in-process (isToolExecution), Send is lean too", async () => {
		jest.spyOn(ExecuteContext.prototype, 'isToolExecution').mockReturnValue(true);
		sendReply();
		const { items } = await runNode({ parameters: SEND });
		expect(items?.map((i) => i.json)).toEqual([LEAN_SEND]);
	});

	it('as an ordinary node, Send answers the full message', async () => {
		sendReply();
		const { items } = await runNode({ type: LINQ_NODE_TYPE, parameters: SEND });
		expect(items?.[0].json).toMatchObject({
			chat_id: CHAT_ID,
			message_id: 'msg-1',
			delivery_status: 'queued',
			idempotency_key: expect.stringMatching(/^n8n-/),
		});
	});

	it("React answers the tool with what it did, without Linq's acknowledgement", async () => {
		const messageId = '10000000-0000-4000-8000-000000000001';
		const ack = { message: 'Reaction addition queued', status: 'accepted', trace_id: 'trace_1' };
		nock(BASE_URL).post(`/v3/messages/${messageId}/reactions`).twice().reply(200, ack);
		const parameters = {
			resource: 'message',
			operation: 'react',
			messageId: { __rl: true, mode: 'id', value: messageId },
			reaction: 'like',
		};
		const asTool = await runNode({ type: TOOL_TYPE, parameters });
		expect(asTool.items?.[0].json).toEqual({
			message_id: messageId,
			reaction: 'like',
			action: 'add',
		});
		const asNode = await runNode({ parameters });
		expect(asNode.items?.[0].json).toMatchObject(ack);
	});

	it('a React tool whose Reaction the model fills in ($fromAI) can be published: n8n finds no issues', () => {
		const { parameters } = toolDescriptionOf(TOOL_TYPE, {
			resource: 'message',
			operation: 'react',
			messageId: { __rl: true, mode: 'id', value: "={{ $fromAI('message_id') }}" },
			reaction: "={{ $fromAI('reaction') }}",
		});
		const node = { name: 'React', type: TOOL_TYPE, typeVersion: 1, position: [0, 0], parameters };
		expect(
			NodeHelpers.getNodeParametersIssues(
				tool.description.properties,
				node as INode,
				tool.description,
			),
		).toBeNull();
	});

	it('Reaction "custom" without an emoji fails naming the Emoji and the item, and sends nothing', async () => {
		const { error } = await runNode({
			type: TOOL_TYPE,
			parameters: {
				resource: 'message',
				operation: 'react',
				messageId: { __rl: true, mode: 'id', value: '10000000-0000-4000-8000-000000000001' },
				reaction: 'custom',
			},
		});
		expect(error?.message).toBe('Invalid value "" for parameter "Emoji" [item 0]');
		expect(error?.description).toBe('Enter the emoji to react with, like 🎉.');
	});

	it('Get Thread answers the tool with simplified messages, whatever Simplify says', async () => {
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
			type: TOOL_TYPE,
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

	it.each(OPERATIONS.filter((op) => !op.waitsForResponse).map((op) => [op.resource, op.operation]))(
		"%s → %s: the model is told the operation's tool description, not n8n's one-line default",
		(resource, operation) => {
			const op = findOperation(resource, operation)!;
			const { told } = toolDescriptionOf(TOOL_TYPE, { resource, operation });
			expect(told).toBe(op.toolDescription ?? op.description);
		},
	);

	it('a Tool Description the user wrote is what the model is told; the ordinary node has no such field', () => {
		const mine = 'Tell the customer about their order.';
		expect(toolDescriptionOf(TOOL_TYPE, { ...SEND, toolDescription: mine }).told).toBe(mine);
		expect(toolDescriptionOf(LINQ_NODE_TYPE, SEND).parameters.toolDescription).toBeUndefined();
	});

	it('Send and Wait has no Tool Description: as Human Review it describes the tool it gates', () => {
		const { parameters } = toolDescriptionOf(TOOL_TYPE, {
			resource: 'message',
			operation: 'sendAndWait',
		});
		expect(parameters.toolDescription).toBeUndefined();
	});
});
