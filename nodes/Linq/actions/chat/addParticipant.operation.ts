import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupChatLocator, handleField } from '../common.descriptions';
import { readChatId, readHandle, sendPreparedCall, type LinqCall } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	groupChatLocator,
	{ ...handleField, description: `${handleField.description} They must use the same service as the group.` },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['addParticipant'] } },
	properties,
);

/** POST /v3/chats/{chatId}/participants {handle}. Linq queues it and confirms with participant.added. */
export function prepare(this: IExecuteFunctions, itemIndex: number): LinqCall {
	const chatId = readChatId(this, itemIndex);
	const handle = readHandle(this, itemIndex);
	return {
		request: { method: 'POST', path: `/v3/chats/${chatId}/participants`, body: { handle }, itemIndex },
		context: { chat_id: chatId, handle },
	};
}

/** Sends the prepared call; Linq answers with its queued envelope (message, status, trace_id). */
export const execute = sendPreparedCall;
