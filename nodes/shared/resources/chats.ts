import type { IDataObject } from 'n8n-workflow';

import type { LinqClient } from '../transport';

/** A chat participant (https://docs.linqapp.com/api/resources/chats/). */
export interface ChatHandle extends IDataObject {
	id?: string;
	handle: string;
	service?: string;
	is_me?: boolean | null;
	status?: string | null;
	joined_at?: string;
	left_at?: string | null;
}

export interface Chat extends IDataObject {
	id: string;
	display_name?: string | null;
	handles?: ChatHandle[];
	is_group?: boolean;
	service?: string | null;
	created_at?: string;
	updated_at?: string;
}

/** The chat's other active participants (your own line left out). */
export function chatParticipants(chat: Chat): string[] {
	return (chat.handles ?? [])
		.filter((h) => !h.is_me && h.status !== 'left' && h.status !== 'removed' && h.handle)
		.map((h) => h.handle);
}

/** How pickers name a chat: its group name and participants, or just the participants. */
export function chatLabel(chat: Chat): string {
	const participants = chatParticipants(chat);
	const name = chat.display_name?.trim();
	if (name) return participants.length > 0 ? `${name} (${participants.join(', ')})` : name;
	return participants.join(', ') || chat.id;
}

/** Linq's answer to a queued change: { message, status: "accepted", trace_id }. */
export type Queued = IDataObject;

export async function addParticipant(
	client: LinqClient,
	chatId: string,
	handle: string,
	itemIndex?: number,
) {
	return await client.call<Queued>('addParticipant', {
		params: { chatId },
		body: { handle },
		itemIndex,
	});
}

/** The only Linq DELETE that carries a JSON body. */
export async function removeParticipant(
	client: LinqClient,
	chatId: string,
	handle: string,
	itemIndex?: number,
) {
	return await client.call<Queued>('removeParticipant', {
		params: { chatId },
		body: { handle },
		itemIndex,
	});
}

export async function leaveChat(client: LinqClient, chatId: string, itemIndex?: number) {
	return await client.call<Queued>('leaveChat', { params: { chatId }, itemIndex });
}

export async function getChat(client: LinqClient, chatId: string, itemIndex?: number) {
	return await client.call<Chat>('getChat', { params: { chatId }, itemIndex });
}

export interface ChatFilter {
	/** One of your lines (E.164). */
	from?: string;
	/** A participant's handle. */
	to?: string;
}

export async function listChats(
	client: LinqClient,
	filter: ChatFilter,
	limit: number | undefined,
	itemIndex?: number,
) {
	const qs: IDataObject = {};
	if (filter.from) qs.from = filter.from;
	if (filter.to) qs.to = filter.to;
	return await client.paginate<Chat>('listChats', { qs, listKey: 'chats', limit, itemIndex });
}

/** One page of chats, for pickers that page with n8n's pagination token. */
export async function chatPage(client: LinqClient, qs: IDataObject) {
	return await client.call<{ chats?: Chat[]; next_cursor?: string | null }>('listChats', { qs });
}

/** POST /v3/chats: a chat from one of your lines to one person (a DM) or several (a group), with its first message. */
export async function createChat(
	client: LinqClient,
	from: string,
	to: string[],
	message: IDataObject,
	itemIndex?: number,
) {
	return await client.call<{ chat?: Chat & { message?: IDataObject } }>('createChat', {
		body: { from, to, message },
		idempotencyKey: message.idempotency_key as string | undefined,
		itemIndex,
	});
}

/** Group name and icon; Linq applies it later and confirms with chat.group_*_updated events. */
export async function updateChat(
	client: LinqClient,
	chatId: string,
	changes: { display_name?: string; group_chat_icon?: string },
	itemIndex?: number,
) {
	return await client.call<IDataObject>('updateChat', {
		params: { chatId },
		body: changes,
		itemIndex,
	});
}

export async function markChatRead(client: LinqClient, chatId: string, itemIndex?: number) {
	await client.call('markChatRead', { params: { chatId }, itemIndex });
}

export async function setTyping(
	client: LinqClient,
	chatId: string,
	typing: boolean,
	itemIndex?: number,
) {
	await client.call(typing ? 'startTyping' : 'stopTyping', { params: { chatId }, itemIndex });
}

export async function shareContactCard(client: LinqClient, chatId: string, itemIndex?: number) {
	await client.call('shareContactCard', { params: { chatId }, itemIndex });
}

export async function requestLocation(client: LinqClient, chatId: string, itemIndex?: number) {
	return await client.call<IDataObject>('requestLocation', { params: { chatId }, itemIndex });
}

export async function getLocation(client: LinqClient, chatId: string, itemIndex?: number) {
	return await client.call<IDataObject>('getLocation', { params: { chatId }, itemIndex });
}

/** A voice bubble from a public HTTPS URL or an uploaded attachment (exactly one). */
export async function sendVoiceMemo(
	client: LinqClient,
	chatId: string,
	source: { url?: string; attachmentId?: string },
	itemIndex?: number,
) {
	const body: IDataObject = source.url
		? { voice_memo_url: source.url }
		: { attachment_id: source.attachmentId };
	return await client.call<IDataObject>('sendVoiceMemo', { params: { chatId }, body, itemIndex });
}
