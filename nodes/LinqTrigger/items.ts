import type { IDataObject } from 'n8n-workflow';

import { handleOf, textOfParts } from '../shared/resources/messages';
import type { HeaderValue } from '../shared/signature';

/** The chat an event belongs to, where the payload says. */
export function chatIdOf(eventType: string, data: IDataObject): string | undefined {
	const chat = data.chat as IDataObject | undefined;
	const id = data.chat_id ?? chat?.id ?? (eventType === 'chat.created' ? data.id : undefined);
	return typeof id === 'string' ? id : undefined;
}

/**
 * Who did what the event reports, where the payload says: the handle the From filter checks.
 * Messages: the sender (your line for outbound ones); reactions: who reacted; participant events:
 * the person who joined or left (Linq does not say who added or removed them); group renames and
 * icon changes: who changed it. Other events (chat.created, typing, failures, line status, calls,
 * location) name nobody, so a From filter drops them.
 */
export function senderOf(eventType: string, data: IDataObject): string | undefined {
	if (eventType === 'message.failed') return undefined;
	if (eventType.startsWith('message.')) return handleOf(data.sender_handle);
	if (eventType.startsWith('reaction.')) return handleOf(data.from_handle) ?? handleOf(data.from);
	if (eventType.startsWith('participant.'))
		return handleOf(data.participant) ?? handleOf(data.handle);
	if (eventType === 'chat.group_name_updated' || eventType === 'chat.group_icon_updated')
		return handleOf(data.changed_by_handle);
	return undefined;
}

/** Shortcuts for message events (payload version 2026-02-03): who, what, where, in reply to what. */
function messageShortcuts(eventType: string, data: IDataObject): IDataObject {
	const parts = (Array.isArray(data.parts) ? data.parts : []) as IDataObject[];
	if (eventType === 'message.failed') {
		return { message_id: data.message_id, failure_code: data.code, failure_reason: data.reason };
	}
	if (eventType === 'message.edited') {
		const part = (data.part ?? {}) as IDataObject;
		return {
			message_id: data.id,
			sender: handleOf(data.sender_handle),
			direction: data.direction,
			text: part.text,
			part_index: part.index,
		};
	}
	return {
		message_id: data.id,
		sender: handleOf(data.sender_handle),
		direction: data.direction,
		is_from_me: data.direction === undefined ? undefined : data.direction === 'outbound',
		text: textOfParts(parts),
		media_count: parts.filter((p) => p.type === 'media').length,
		reply_to_message_id: (data.reply_to as IDataObject | null | undefined)?.message_id ?? null,
		service: data.service,
	};
}

/**
 * The whole envelope, plus the delivery's `webhook_id` (Linq's idempotency key, for deduplicating
 * downstream) and top-level shortcuts that save users digging into `data`.
 */
export function eventItem(
	envelope: IDataObject,
	webhookId: string,
	headers?: Record<string, HeaderValue>,
): IDataObject {
	const eventType = String(envelope.event_type ?? '');
	const data = (envelope.data ?? {}) as IDataObject;
	const item: IDataObject = { ...envelope, webhook_id: webhookId };
	const chatId = chatIdOf(eventType, data);
	if (chatId) item.chat_id = chatId;
	if (eventType === 'participant.added' || eventType === 'participant.removed') {
		const participant = (data.participant ?? {}) as IDataObject;
		item.participant_handle = participant.handle ?? data.handle;
		if (participant.service) item.service = participant.service;
		if (participant.is_me !== undefined) item.is_me = participant.is_me;
		if (data.added_at) item.added_at = data.added_at;
		if (data.removed_at) item.removed_at = data.removed_at;
	}
	if (eventType.startsWith('message.')) {
		for (const [key, value] of Object.entries(messageShortcuts(eventType, data)))
			if (value !== undefined) item[key] = value;
	}
	if (eventType.startsWith('reaction.')) {
		item.message_id = data.message_id;
		item.reaction = data.reaction_type;
		if (data.custom_emoji) item.custom_emoji = data.custom_emoji;
		item.part_index = data.part_index ?? 0;
		item.sender = handleOf(data.from_handle) ?? data.from;
		item.is_from_me = data.is_from_me;
	}
	if (headers) item.headers = headers as IDataObject;
	return item;
}

/** Media parts of a message event: what Download Media fetches (voice memos are audio media parts). */
export function mediaPartsOf(envelope: IDataObject): IDataObject[] {
	const data = (envelope.data ?? {}) as IDataObject;
	const parts = (Array.isArray(data.parts) ? data.parts : []) as IDataObject[];
	return parts.filter((part) => part.type === 'media' && typeof part.url === 'string');
}
