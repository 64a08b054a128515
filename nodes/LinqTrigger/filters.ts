import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

import { listValues, validateHandle } from '../shared/validation';
import { chatIdOf, senderOf } from './items';

/** Handles compare as Linq treats them: emails case-insensitively, phone numbers exactly (E.164). */
const handleKey = (handle: string) => (handle.includes('@') ? handle.toLowerCase() : handle);

/** The From filter's handles, checked with the one handle validator: a bad one is an error naming "From". */
export function fromHandles(node: INode, raw: unknown): Set<string> {
	return new Set(listValues(raw).map((value) => handleKey(validateHandle(node, 'From', value, 0))));
}

/** Checks the From filter when the trigger is activated, so a typo fails there rather than on receipt. */
export function checkFromFilter(context: IHookFunctions): void {
	fromHandles(context.getNode(), context.getNodeParameter('filters.from', ''));
}

/**
 * Why this trigger does not want the event, or undefined when it does. The chat filter drops events
 * that belong to no chat; the From filter drops events whose payload names no sender (see senderOf).
 */
export function filteredOut(
	context: IWebhookFunctions,
	eventType: string,
	data: IDataObject,
): string | undefined {
	const chats = listValues(context.getNodeParameter('filters.chatIds', ''));
	if (chats.length > 0) {
		const chatId = chatIdOf(eventType, data);
		if (!chatId || !chats.includes(chatId)) return 'chat not in filter';
	}
	const from = fromHandles(context.getNode(), context.getNodeParameter('filters.from', ''));
	if (from.size > 0) {
		const sender = senderOf(eventType, data);
		if (!sender || !from.has(handleKey(sender))) return 'sender not in filter';
	}
	return undefined;
}
