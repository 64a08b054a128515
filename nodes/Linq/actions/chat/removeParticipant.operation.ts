import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupChatLocator, handleField } from '../common.descriptions';
import { readChatId, readHandle, sendPreparedCall, type LinqCall } from '../../helpers/parameters';

const properties: INodeProperties[] = [groupChatLocator, handleField];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['removeParticipant'] } },
	properties,
);

/**
 * DELETE /v3/chats/{chatId}/participants with the JSON body {handle}: the only Linq DELETE that
 * carries a body. Linq queues it and confirms with participant.removed.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): LinqCall {
	const chatId = readChatId(this, itemIndex);
	const handle = readHandle(this, itemIndex);
	return {
		request: { method: 'DELETE', path: `/v3/chats/${chatId}/participants`, body: { handle }, itemIndex },
		context: { chat_id: chatId, handle },
	};
}

/** Sends the prepared call; Linq answers with its queued envelope (message, status, trace_id). */
export const execute = sendPreparedCall;
