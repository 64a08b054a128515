import type { IDataObject } from 'n8n-workflow';

import type { ChatHandle } from './chats';
import type { LinqClient } from '../transport';

/** A message as Linq lists and returns it (linq-api.md §3.3). */
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

export interface MessagePage {
	messages?: Message[];
	next_cursor?: string | null;
}

/** One page of a chat's messages, for pickers. */
export async function messagePage(client: LinqClient, chatId: string, qs: IDataObject) {
	return await client.call<MessagePage>('listMessages', { params: { chatId }, qs });
}
