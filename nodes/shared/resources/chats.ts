import type { IDataObject } from 'n8n-workflow';

import type { LinqClient } from '../transport';

/** A chat participant (linq-api.md §3). */
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

/** Linq's answer to a queued change: { message, status: "accepted", trace_id }. */
export type Queued = IDataObject;

export async function addParticipant(client: LinqClient, chatId: string, handle: string, itemIndex?: number) {
	return await client.call<Queued>('addParticipant', { params: { chatId }, body: { handle }, itemIndex });
}

/** The only Linq DELETE that carries a JSON body. */
export async function removeParticipant(client: LinqClient, chatId: string, handle: string, itemIndex?: number) {
	return await client.call<Queued>('removeParticipant', { params: { chatId }, body: { handle }, itemIndex });
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

export async function listChats(client: LinqClient, filter: ChatFilter, limit: number | undefined, itemIndex?: number) {
	const qs: IDataObject = {};
	if (filter.from) qs.from = filter.from;
	if (filter.to) qs.to = filter.to;
	return await client.paginate<Chat>('listChats', { qs, listKey: 'chats', limit, itemIndex });
}

/** One page of chats, for pickers that page with n8n's pagination token. */
export async function chatPage(client: LinqClient, qs: IDataObject) {
	return await client.call<{ chats?: Chat[]; next_cursor?: string | null }>('listChats', { qs });
}
