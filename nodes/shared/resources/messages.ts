import type { IDataObject } from 'n8n-workflow';

import type { ChatHandle } from './chats';
import type { LinqClient } from '../transport';

/** A message as Linq lists and returns it (https://docs.linqapp.com/api/resources/messages/). */
export interface Message extends IDataObject {
	id: string;
	chat_id?: string;
	created_at?: string;
	is_from_me?: boolean;
	delivery_status?: string;
	from_handle?: ChatHandle | null;
	parts?: IDataObject[] | null;
	reply_to?: { message_id?: string; part_index?: number } | null;
	service?: string | null;
}

/** A person's handle, whether Linq gives it as text or as a handle object (`{ handle: '+1…' }`). */
export function handleOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	const handle = (value as IDataObject | undefined)?.handle;
	return typeof handle === 'string' ? handle : undefined;
}

/**
 * The text of a message's parts as the person reads it, one part per line: its text parts, and
 * whatever other types of part (link previews) the caller counts as text.
 */
export function textOfParts(
	parts: IDataObject[] | null | undefined,
	types: readonly string[] = ['text'],
): string {
	return (parts ?? [])
		.filter((part) => types.includes(String(part.type)) && typeof part.value === 'string')
		.map((part) => part.value as string)
		.join('\n');
}

export interface MessagePage {
	messages?: Message[];
	next_cursor?: string | null;
}

/** One page of a chat's messages, for pickers. */
export async function messagePage(client: LinqClient, chatId: string, qs: IDataObject) {
	return await client.call<MessagePage>('listMessages', { params: { chatId }, qs });
}

/** What a send answers: the chat and the message Linq queued. */
export interface SentMessageAnswer extends IDataObject {
	chat_id?: string;
	message?: Message;
}

/** POST /v3/chats/{chatId}/messages. `message` carries its idempotency_key, so a retry sends once. */
export async function sendMessage(
	client: LinqClient,
	chatId: string,
	message: IDataObject,
	itemIndex?: number,
) {
	return await client.call<SentMessageAnswer>('sendMessage', {
		params: { chatId },
		body: { message },
		idempotencyKey: message.idempotency_key as string | undefined,
		itemIndex,
	});
}

/** POST /v3/messages: Linq picks the line and the chat for these recipients. */
export async function sendToHandles(
	client: LinqClient,
	to: string[],
	message: IDataObject,
	continuationText: string | undefined,
	itemIndex?: number,
) {
	const key = message.idempotency_key as string | undefined;
	const body: IDataObject = { to, message };
	if (continuationText) body.continuation_message = { text: continuationText };
	return await client.call<SentMessageAnswer & IDataObject>('sendToHandles', {
		body,
		headers: key ? { 'Idempotency-Key': key } : undefined,
		idempotencyKey: key,
		itemIndex,
	});
}

export async function getMessage(client: LinqClient, messageId: string, itemIndex?: number) {
	return await client.call<Message>('getMessage', { params: { messageId }, itemIndex });
}

export async function listMessages(
	client: LinqClient,
	chatId: string,
	limit: number | undefined,
	itemIndex?: number,
) {
	return await client.paginate<Message>('listMessages', {
		params: { chatId },
		listKey: 'messages',
		limit,
		itemIndex,
	});
}

/** The originator message and its replies. */
export async function getThread(
	client: LinqClient,
	messageId: string,
	order: 'asc' | 'desc',
	limit: number | undefined,
	itemIndex?: number,
) {
	return await client.paginate<Message>('getThread', {
		params: { messageId },
		qs: { order },
		listKey: 'messages',
		limit,
		itemIndex,
	});
}

/** Text parts only; at most 5 edits within 15 minutes of sending. */
export async function editMessage(
	client: LinqClient,
	messageId: string,
	text: string,
	partIndex: number,
	itemIndex?: number,
) {
	return await client.call<Message>('editMessage', {
		params: { messageId },
		body: { text, part_index: partIndex },
		itemIndex,
	});
}

/** Removes the message from Linq's store only: recipients still see it. */
export async function deleteMessage(client: LinqClient, messageId: string, itemIndex?: number) {
	await client.call('deleteMessage', { params: { messageId }, itemIndex });
}

export interface ReactionInput {
	operation: 'add' | 'remove';
	type: string;
	customEmoji?: string;
	partIndex?: number;
}

export async function reactToMessage(
	client: LinqClient,
	messageId: string,
	reaction: ReactionInput,
	itemIndex?: number,
) {
	const body: IDataObject = { operation: reaction.operation, type: reaction.type };
	if (reaction.customEmoji) body.custom_emoji = reaction.customEmoji;
	if (reaction.partIndex !== undefined) body.part_index = reaction.partIndex;
	return await client.call<IDataObject>('reactToMessage', {
		params: { messageId },
		body,
		itemIndex,
	});
}

/** Replaces a delivered iMessage app card you sent with a new message (a new id). */
export async function updateAppCard(
	client: LinqClient,
	messageId: string,
	body: IDataObject,
	itemIndex?: number,
) {
	return await client.call<SentMessageAnswer>('updateAppCard', {
		params: { messageId },
		body,
		itemIndex,
	});
}
