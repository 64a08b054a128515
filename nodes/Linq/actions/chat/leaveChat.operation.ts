import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { groupChatLocator } from '../common.descriptions';
import { readChatId, sendPreparedCall, type LinqCall } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'Leaving is final: once Linq processes it, a participant.removed event fires for your line and the chat answers every later request with Linq error 2013',
		name: 'leaveNotice',
		type: 'notice',
		default: '',
	},
	groupChatLocator,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['leaveChat'] } },
	properties,
);

/** POST /v3/chats/{chatId}/leave, with no body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): LinqCall {
	const chatId = readChatId(this, itemIndex);
	return {
		request: { method: 'POST', path: `/v3/chats/${chatId}/leave`, itemIndex },
		context: { chat_id: chatId },
	};
}

/** Sends the prepared call; Linq answers with its queued envelope (message, status, trace_id). */
export const execute = sendPreparedCall;
