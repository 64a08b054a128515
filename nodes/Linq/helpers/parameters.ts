import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LinqClient, LinqRequest } from '../transport';
import { validateHandle, validateUuid } from './validation';

/** One item's validated request, and the fields that give its output context. */
export interface LinqCall {
	request: LinqRequest;
	context: IDataObject;
}

export function readChatId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('chatId', itemIndex, '', { extractValue: true });
	return validateUuid(context.getNode(), 'Chat', raw, itemIndex);
}

export function readHandle(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('handle', itemIndex, '');
	return validateHandle(context.getNode(), 'Handle', raw, itemIndex);
}

/** Sends a prepared call; the output is Linq's answer plus the call's context fields. */
export async function sendPreparedCall(
	this: IExecuteFunctions,
	call: LinqCall,
	client: LinqClient,
): Promise<IDataObject> {
	const response = await client.request<IDataObject>(call.request);
	return { ...response, ...call.context };
}
