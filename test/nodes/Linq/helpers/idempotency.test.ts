/**
 * Sends in an execution a Linq delivery started take their idempotency keys from that delivery,
 * so two executions of one delivery send once; other executions keep keys of their own. The
 * workflow (Linq Trigger → Linq Send) runs through n8n-core's WorkflowExecute in each mode.
 */
import nock from 'nock';
import { WorkflowExecute } from 'n8n-core';
import type { WorkflowExecuteMode } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import {
	BASE_URL,
	CREDENTIALS,
	executionHooks,
	LINQ_NODE_TYPE,
	LINQ_TRIGGER_NODE_TYPE,
	makeAdditionalData,
	nodeTypes,
	TestCredentialsHelper,
} from '../../../helpers/engine';
import { CHAT_ID, chatLocator } from '../../../helpers/linq';
import '../../../helpers/trigger';

function workflowOf(sendParameters: Record<string, unknown> = {}) {
	return new Workflow({
		id: 'wf-reply',
		nodes: [
			{
				id: 'trigger-1',
				name: 'Linq Trigger',
				type: LINQ_TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { events: ['message.received'] },
			},
			{
				id: 'send-1',
				name: 'Reply',
				type: LINQ_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					resource: 'message',
					operation: 'send',
					chatId: chatLocator(CHAT_ID),
					text: 'Got it',
					...sendParameters,
				},
				credentials: { linqAppApi: { id: 'cred-1', name: 'Linq account' } },
			},
		],
		connections: { 'Linq Trigger': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
		active: true,
		nodeTypes,
		staticData: {},
		settings: {},
	});
}

/** Runs the workflow for one delivery and returns the idempotency key its Send used. */
async function keyOfRun(
	executionId: string,
	mode: WorkflowExecuteMode,
	webhookId = 'msg_delivery_1',
	sendParameters: Record<string, unknown> = {},
): Promise<string> {
	let key = '';
	nock(BASE_URL)
		.post(`/v3/chats/${CHAT_ID}/messages`, (body) => {
			key = body.message.idempotency_key;
			return true;
		})
		.reply(200, { chat_id: CHAT_ID, message: { id: 'm-1', parts: [] } });
	const workflow = workflowOf(sendParameters);
	const { hooks, finished } = executionHooks(mode, executionId, {
		id: workflow.id as string,
		name: 'Reply',
		active: true,
		nodes: [],
	});
	const additionalData = makeAdditionalData(
		new TestCredentialsHelper({ linqAppApi: CREDENTIALS }),
		{
			hooks,
			executionId,
		},
	);
	const item = {
		json: { event_type: 'message.received', webhook_id: webhookId, chat_id: CHAT_ID },
	};
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode('Linq Trigger')!, data: { main: [[item]] }, source: null },
			],
		},
	});
	await new WorkflowExecute(additionalData, mode, runData).processRunExecutionData(workflow);
	const run = await finished.promise;
	expect(run.data.resultData.error).toBeUndefined();
	return key;
}

describe('idempotency keys of sends started by a Linq delivery', () => {
	it('two executions of one delivery send with the same key; another delivery gets another', async () => {
		const first = await keyOfRun('exec-101', 'webhook');
		const again = await keyOfRun('exec-102', 'webhook');
		const other = await keyOfRun('exec-103', 'webhook', 'msg_delivery_2');
		expect(first).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(again).toBe(first);
		expect(other).not.toBe(first);
	});

	it('a retry of a failed execution, or a manual run, derives its keys from its own execution, so it can still send', async () => {
		const delivered = await keyOfRun('exec-201', 'webhook');
		const retried = await keyOfRun('exec-202', 'retry');
		const manual = await keyOfRun('exec-203', 'manual');
		expect(new Set([delivered, retried, manual]).size).toBe(3);
	});

	it("the user's own Idempotency Key still wins", async () => {
		const key = await keyOfRun('exec-301', 'webhook', 'msg_delivery_1', {
			messageOptions: { idempotencyKey: 'my-own-key' },
		});
		expect(key).toBe('my-own-key');
	});
});
