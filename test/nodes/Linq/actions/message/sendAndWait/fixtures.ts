/** What the Send and Wait tests share: IDs, the node's parameters, and a call to its resume URL. */
import type { IDataObject } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { Linq } from '../../../../../../nodes/Linq/Linq.node';
import { CREDENTIALS, makeNode, makeWorkflow } from '../../../../../helpers/engine';
import { CHAT_ID, chatLocator } from '../../../../../helpers/linq';
import { callWebhook } from '../../../../../helpers/webhook';

export const SENT_ID = '0c3f1a52-8d2b-4c61-9f40-1b2c3d4e5f60';
export const REPLY_ID = '1d4e2b63-9e3c-4d72-8a51-2c3d4e5f6071';
export const SUB_ID = '9a5b1c2d-3e4f-4a6b-8c7d-0e1f2a3b4c5d';
export const ME = { handle: '+12025550100', is_me: true, status: 'active' };
export const PERSON = '+14155550101';
export const STRANGER = '+14155550199';
export const RESUME_PATH = '/webhook-waiting/exec-1/node-1';

export const waitParams = (extra: IDataObject = {}) => ({
	resource: 'message',
	operation: SEND_AND_WAIT_OPERATION,
	chatId: chatLocator(CHAT_ID),
	message: 'Ship order 42?',
	...extra,
});

/** The signed query of a wait whose question is sent (n8n checked the signature already). */
export const resumeQuery = (extra: IDataObject = {}): IDataObject => ({
	version: '2026-02-03',
	linq_chat: CHAT_ID,
	linq_msg: SENT_ID,
	linq_sub: SUB_ID,
	linq_since: String(Date.parse('2026-11-23T10:00:00Z')),
	linq_until: 'never',
	linq_rt: 'approval',
	...extra,
});

/** A message as Linq returns it on GET /v3/messages/{id}. */
export const reply = (text: string, extra: IDataObject = {}) => ({
	id: REPLY_ID,
	chat_id: CHAT_ID,
	is_from_me: false,
	from_handle: { handle: PERSON },
	parts: [{ type: 'text', value: text }],
	created_at: '2026-11-23T10:05:00Z',
	...extra,
});

/** A message.received delivery: its content is never read (the node reads the message back). */
export const received = {
	event_type: 'message.received',
	data: {
		id: REPLY_ID,
		chat: { id: CHAT_ID },
		parts: [{ type: 'text', value: 'forged text is never read' }],
	},
};

/** A delivery to the resume URL of a node with these parameters (typeVersion 2 unless given). */
export async function deliver(
	parameters: IDataObject,
	body: IDataObject,
	query: IDataObject = resumeQuery(),
	typeVersion = 2,
) {
	const node = makeNode({ parameters: waitParams(parameters), typeVersion });
	return await callWebhook(
		new Linq(),
		makeWorkflow(node),
		node.name,
		{
			httpMethod: 'POST',
			node: node.name,
			path: 'node-1',
			webhookDescription: new Linq().description.webhooks![1],
			workflowId: 'wf-1',
		},
		{
			body,
			query,
			originalUrl: `${RESUME_PATH}?x=1`,
			credentials: { linqAppApi: CREDENTIALS },
		},
	);
}
