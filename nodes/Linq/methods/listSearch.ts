import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { LinqClient } from '../transport';
import { isE164, isEmail } from '../helpers/validation';

interface ChatHandle {
	handle?: string;
	is_me?: boolean | null;
	status?: string | null;
}

interface ChatSummary {
	id: string;
	display_name?: string | null;
	handles?: ChatHandle[];
	is_group?: boolean;
	service?: string | null;
}

interface ChatPage {
	chats?: ChatSummary[];
	next_cursor?: string | null;
}

/** Linq's maximum page size for GET /v3/chats. */
const PAGE_SIZE = 100;

function participantsOf(chat: ChatSummary): string[] {
	return (chat.handles ?? [])
		.filter((h) => !h.is_me && h.status !== 'left' && h.status !== 'removed' && h.handle)
		.map((h) => h.handle as string);
}

function labelOf(chat: ChatSummary): string {
	const participants = participantsOf(chat);
	const name = chat.display_name?.trim() || participants.join(', ') || chat.id;
	const who = participants.length > 0 ? ` (${participants.join(', ')})` : '';
	return chat.display_name?.trim() ? `${name}${who}` : name;
}

/**
 * Group chats for the Chat picker, one Linq page per call; n8n asks for the next page with the
 * cursor. A filter that is a phone number or email goes to Linq as the `to` filter; any other text
 * is matched against names and participants on the page.
 */
export async function searchGroupChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await LinqClient.create(this);
	const term = filter?.trim() ?? '';
	const qs: IDataObject = { limit: PAGE_SIZE };
	if (paginationToken) qs.cursor = paginationToken;
	if (term && (isE164(term) || isEmail(term))) qs.to = term;

	const page = await client.request<ChatPage>({ method: 'GET', path: '/v3/chats', qs });
	const needle = qs.to ? '' : term.toLowerCase();
	const results = (page.chats ?? [])
		.filter((chat) => chat.is_group !== false)
		.map((chat) => ({
			name: labelOf(chat),
			value: chat.id,
			description: [chat.service, `${participantsOf(chat).length + 1} participants`].filter(Boolean).join(' · '),
		}))
		.filter((item) => !needle || item.name.toLowerCase().includes(needle) || item.value === needle);

	return { results, paginationToken: page.next_cursor || undefined };
}
