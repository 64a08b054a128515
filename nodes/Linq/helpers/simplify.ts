import type { IDataObject } from 'n8n-workflow';

import type { Chat } from '../../shared/resources/chats';
import { textOfParts, type Message } from '../../shared/resources/messages';

/**
 * Simplified outputs (the Simplify option, on by default where Linq's objects are large). docs/linq-node.md
 * lists these fields; Simplify off gives Linq's object unchanged.
 */
export function simplifyMessage(message: Message): IDataObject {
	const parts = message.parts ?? [];
	// At most 10 fields (n8n's rule for Simplify): a link preview's URL is what the person sees as its
	// text, so link parts join the text in their place rather than filling a field of their own.
	const text = textOfParts(parts, ['text', 'link']);
	return {
		id: message.id,
		chat_id: message.chat_id,
		from: message.from_handle?.handle ?? (message.from as string | undefined),
		is_from_me: message.is_from_me,
		text,
		media: parts
			.filter((part) => part.type === 'media')
			.map((part) => ({
				id: part.id,
				filename: part.filename,
				mime_type: part.mime_type,
				size_bytes: part.size_bytes,
				url: part.url,
			})),
		reply_to: message.reply_to?.message_id ?? null,
		service: message.service ?? null,
		delivery_status: message.delivery_status,
		created_at: message.created_at,
	};
}

export function simplifyChat(chat: Chat): IDataObject {
	const handles = chat.handles ?? [];
	return {
		id: chat.id,
		name: chat.display_name ?? null,
		is_group: chat.is_group,
		service: chat.service ?? null,
		line: handles.find((h) => h.is_me)?.handle ?? null,
		participants: handles
			.filter((h) => !h.is_me && (h.status ?? 'active') === 'active')
			.map((h) => h.handle),
		health: (chat.health_status as IDataObject | undefined)?.status ?? null,
		created_at: chat.created_at,
		updated_at: chat.updated_at,
	};
}
