import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { chatLabel, chatPage, chatParticipants } from '../shared/resources/chats';
import { listPhoneNumbers } from '../shared/resources/phoneNumbers';
import { LinqClient } from '../shared/transport';

/** Linq's largest page of chats. */
const CHAT_PAGE_SIZE = 100;
/**
 * At most this many Linq calls per load of the chat list (500 chats): opening the filter must stay
 * quick and light on the rate limit on big accounts. Older chats are given by ID in an expression.
 */
export const MAX_CHAT_PAGES = 5;

/** Your Linq lines, for the Phone Lines filter (one call: Linq lists them all at once). */
export async function getPhoneLines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const lines = await listPhoneNumbers(await LinqClient.create(this));
	return lines.map((line) => ({
		name: line.phone_number,
		value: line.phone_number,
		description: line.reputation?.status ? `Reputation: ${line.reputation.status}` : undefined,
	}));
}

/** Your most recent chats, for the Chat IDs filter: up to MAX_CHAT_PAGES pages of GET /v3/chats. */
export async function getChats(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await LinqClient.create(this);
	const options: INodePropertyOptions[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (let page = 0; page < MAX_CHAT_PAGES; page++) {
		const qs: IDataObject = { limit: CHAT_PAGE_SIZE };
		if (cursor) qs.cursor = cursor;
		const { chats = [], next_cursor: next } = await chatPage(client, qs);
		for (const chat of chats) {
			if (seen.has(chat.id)) continue;
			seen.add(chat.id);
			options.push({
				name: chatLabel(chat),
				value: chat.id,
				description: [chat.service, `${chatParticipants(chat).length + 1} participants`]
					.filter(Boolean)
					.join(' · '),
			});
		}
		if (!next || chats.length === 0) break;
		cursor = next;
	}
	return options;
}
