import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { chatPage, type Chat } from '../../shared/resources/chats';
import { messagePage, type Message } from '../../shared/resources/messages';
import { listPhoneNumbers } from '../../shared/resources/phoneNumbers';
import {
	listSubscriptions,
	type WebhookSubscription,
} from '../../shared/resources/webhookSubscriptions';
import { LinqClient } from '../../shared/transport';
import { isE164, isEmail, isUuid } from '../../shared/validation';

/** Linq's maximum page size for GET /v3/chats. */
const PAGE_SIZE = 100;

function participantsOf(chat: Chat): string[] {
	return (chat.handles ?? [])
		.filter((h) => !h.is_me && h.status !== 'left' && h.status !== 'removed' && h.handle)
		.map((h) => h.handle);
}

function labelOf(chat: Chat): string {
	const participants = participantsOf(chat);
	const name = chat.display_name?.trim() || participants.join(', ') || chat.id;
	const who = participants.length > 0 ? ` (${participants.join(', ')})` : '';
	return chat.display_name?.trim() ? `${name}${who}` : name;
}

/**
 * One Linq page of chats per call; n8n asks for the next page with the cursor. A filter that is a
 * phone number or email goes to Linq as the `to` filter; any other text is matched against names
 * and participants on the page.
 */
async function searchChatPage(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	keep: (chat: Chat) => boolean,
): Promise<INodeListSearchResult> {
	const client = await LinqClient.create(context);
	const term = filter?.trim() ?? '';
	const qs: IDataObject = { limit: PAGE_SIZE };
	if (paginationToken) qs.cursor = paginationToken;
	if (term && (isE164(term) || isEmail(term))) qs.to = term;

	const page = await chatPage(client, qs);
	const needle = qs.to ? '' : term.toLowerCase();
	const results = (page.chats ?? [])
		.filter(keep)
		.map((chat) => ({
			name: labelOf(chat),
			value: chat.id,
			description: [chat.service, `${participantsOf(chat).length + 1} participants`]
				.filter(Boolean)
				.join(' · '),
		}))
		.filter((item) => !needle || item.name.toLowerCase().includes(needle) || item.value === needle);
	return { results, paginationToken: page.next_cursor || undefined };
}

/** Every chat, for operations that work in DMs and groups. */
export async function searchChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchChatPage(this, filter, paginationToken, () => true);
}

/** Group chats only, for operations that Linq allows only in groups (participants, leaving). */
export async function searchGroupChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchChatPage(this, filter, paginationToken, (chat) => chat.is_group !== false);
}

async function searchLines(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	valueIs: 'number' | 'id',
) {
	const lines = await listPhoneNumbers(await LinqClient.create(context));
	const term = filter?.trim() ?? '';
	return {
		results: lines
			.filter((line) => !term || line.phone_number.includes(term))
			.map((line) => ({
				name: line.phone_number,
				value: valueIs === 'number' ? line.phone_number : line.id,
				description: line.reputation?.status ? `Reputation: ${line.reputation.status}` : undefined,
			})),
	};
}

/** Your lines, valued by their phone number (what `from` takes). */
export async function searchLineNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchLines(this, filter, 'number');
}

/** Your lines, valued by their ID (what the phone number endpoints take). */
export async function searchLineIds(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchLines(this, filter, 'id');
}

function previewOf(message: Message): string {
	const parts = message.parts ?? [];
	const text = parts.find((part) => part.type === 'text')?.value;
	if (typeof text === 'string' && text.trim()) return text.trim().replace(/\s+/g, ' ').slice(0, 60);
	const first = parts[0];
	if (first?.type === 'media') return `[${String(first.mime_type ?? 'media')}]`;
	return first ? `[${String(first.type)}]` : '[empty]';
}

function messageItem(message: Message): INodeListSearchItems {
	const who = message.is_from_me ? 'You' : (message.from_handle?.handle ?? 'Someone');
	return {
		name: `${who}: ${previewOf(message)}`,
		value: message.id,
		description: message.created_at,
	};
}

/**
 * Without a chosen chat, the picker shows the latest messages of your most recent chats, a few chats
 * per call: n8n calls a list search on every keystroke of its filter, so one call makes at most
 * 1 + RECENT_CHATS_PER_CALL Linq requests. Scrolling on asks for the next chats.
 */
const RECENT_CHATS_PER_CALL = 2;
const RECENT_MESSAGES = 10;
/** Messages per call when a chat is chosen (one Linq page). */
const CHAT_MESSAGES = 50;

/**
 * Latest messages of the chat chosen in the node's Chat parameter, one Linq page per call; without
 * a chosen chat, the latest messages of your most recent chats. Text filters on the preview.
 */
export async function searchMessages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await LinqClient.create(this);
	let chosen: unknown;
	try {
		chosen = this.getCurrentNodeParameter('chatId', { extractValue: true });
	} catch {
		chosen = undefined;
	}
	const needle = filter?.trim().toLowerCase() ?? '';
	const keep = (item: INodeListSearchItems) => !needle || item.name.toLowerCase().includes(needle);
	const cursor = paginationToken ? { cursor: paginationToken } : {};
	if (typeof chosen === 'string' && isUuid(chosen.trim())) {
		const page = await messagePage(client, chosen.trim(), { limit: CHAT_MESSAGES, ...cursor });
		return {
			results: (page.messages ?? []).map(messageItem).filter(keep),
			paginationToken: page.next_cursor || undefined,
		};
	}
	const chats = await chatPage(client, { limit: RECENT_CHATS_PER_CALL, ...cursor });
	const results: INodeListSearchItems[] = [];
	for (const chat of chats.chats ?? []) {
		const page = await messagePage(client, chat.id, { limit: RECENT_MESSAGES });
		results.push(
			...(page.messages ?? []).map((m) => ({
				...messageItem(m),
				description: `${labelOf(chat)} · ${m.created_at ?? ''}`,
			})),
		);
	}
	return { results: results.filter(keep), paginationToken: chats.next_cursor || undefined };
}

/** How many event names a subscription's description shows before "+N more". */
const EVENTS_SHOWN = 3;

function eventsOf(subscription: WebhookSubscription): string {
	const events = subscription.subscribed_events ?? [];
	const shown = events.slice(0, EVENTS_SHOWN).join(', ');
	return events.length > EVENTS_SHOWN ? `${shown} +${events.length - EVENTS_SHOWN} more` : shown;
}

/**
 * Your webhook subscriptions (Linq lists them all at once): named by their target URL, described
 * by their events, and marked when paused. The filter matches the URL, an event or the ID.
 */
export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const subscriptions = await listSubscriptions(await LinqClient.create(this));
	const needle = filter?.trim().toLowerCase() ?? '';
	return {
		results: subscriptions
			.filter(
				(s) =>
					!needle ||
					s.target_url?.toLowerCase().includes(needle) ||
					s.id.toLowerCase() === needle ||
					(s.subscribed_events ?? []).some((event) => event.toLowerCase().includes(needle)),
			)
			.map((s) => ({
				name: s.target_url || s.id,
				value: s.id,
				description: [s.is_active === false ? 'Paused' : undefined, eventsOf(s)]
					.filter(Boolean)
					.join(' · '),
			})),
	};
}
