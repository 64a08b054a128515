'use strict';
/**
 * The message store (https://docs.linqapp.com/api/resources/messages/): messages by chat, their REST shapes (Message,
 * SentMessage), their webhook shapes (§5.4), threads, edits, reactions, and cursor pages.
 */
const { randomUUID } = require('node:crypto');

const { LinqError } = require('./state');

const REACTIONS = [
	'love',
	'like',
	'dislike',
	'laugh',
	'emphasize',
	'question',
	'custom',
	'sticker',
];
const EDIT_LIMIT = 5;
const EDIT_WINDOW_MS = 15 * 60 * 1000;

/**
 * One page of a list: `cursor` is an offset (opaque to clients), `limit` 1–100 (default 20).
 * @param {any[]} list @param {URLSearchParams} query
 */
function page(list, query) {
	const rawLimit = query.get('limit');
	const limit = rawLimit === null || rawLimit === '' ? 20 : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100)
		throw new LinqError(400, 1005, 'limit must be an integer from 1 to 100');
	const rawCursor = query.get('cursor');
	const offset = rawCursor === null || rawCursor === '' ? 0 : Number(rawCursor);
	if (!Number.isInteger(offset) || offset < 0)
		throw new LinqError(400, 1005, 'cursor is not valid');
	return {
		items: list.slice(offset, offset + limit),
		next_cursor: offset + limit < list.length ? String(offset + limit) : null,
	};
}

/** A part as REST answers carry it: reactions, or null when there are none. */
function restPart(part) {
	const { interactive: _i, reactions, ...rest } = part;
	return { ...rest, reactions: reactions.length ? reactions.map((r) => ({ ...r })) : null };
}

/** A part as webhooks carry it (§5.4): no reactions. */
function webhookPart(part) {
	switch (part.type) {
		case 'text':
			return {
				type: 'text',
				value: part.value,
				...(part.text_decorations ? { text_decorations: part.text_decorations } : {}),
			};
		case 'media':
			return {
				type: 'media',
				id: part.id,
				filename: part.filename,
				mime_type: part.mime_type,
				size_bytes: part.size_bytes,
				url: part.url,
			};
		case 'link':
			return { type: 'link', value: part.value };
		default:
			return {
				type: 'imessage_app',
				app: part.app,
				layout: part.layout,
				url: part.url,
				fallback_text: part.fallback_text,
			};
	}
}

class MessageStore {
	/** @param {import('./state').SandboxState} state */
	constructor(state) {
		this.state = state;
		/** @type {Map<string, any>} in send order */ this.byId = new Map();
		this.seq = 0;
	}

	reset() {
		this.byId.clear();
	}

	/** Every stored message, oldest first. */
	all() {
		return [...this.byId.values()];
	}

	/**
	 * Stores a message. `fields`: chat, from_handle (a ChatHandle), is_from_me, parts (stored parts),
	 * and optionally effect, preferred_service, reply_to, idempotency_key, id.
	 */
	add(fields) {
		const at = this.state.iso();
		const { chat, ...rest } = fields;
		const message = {
			id: randomUUID(),
			chat_id: chat.id,
			created_at: at,
			updated_at: at,
			delivery_status: fields.is_from_me ? 'queued' : 'received',
			is_read: false,
			effect: null,
			preferred_service: null,
			reply_to: null,
			idempotency_key: null,
			service: chat.service,
			sent_at: fields.is_from_me ? null : at,
			delivered_at: null,
			read_at: null,
			edits: 0,
			seq: ++this.seq,
			...rest,
		};
		this.byId.set(message.id, message);
		return message;
	}

	/** @param {string} id */
	get(id) {
		const message = this.byId.get(id);
		if (!message) throw new LinqError(404, 2002, 'Message not found');
		return message;
	}

	remove(id) {
		this.byId.delete(this.get(id).id);
	}

	/** A chat's messages, newest first. */
	inChat(chatId) {
		return this.all()
			.filter((m) => m.chat_id === chatId)
			.reverse();
	}

	/** The originator of a message's thread: follow reply_to up while the parent is still stored. */
	root(message) {
		let current = message;
		const seen = new Set();
		while (
			current.reply_to &&
			this.byId.has(current.reply_to.message_id) &&
			!seen.has(current.id)
		) {
			seen.add(current.id);
			current = this.byId.get(current.reply_to.message_id);
		}
		return current;
	}

	/** The originator plus every reply below it, oldest first ('asc') or newest first ('desc'). */
	thread(message, order) {
		const root = this.root(message);
		const list = this.all().filter(
			(m) => m.chat_id === root.chat_id && this.root(m).id === root.id,
		);
		return order === 'desc' ? list.reverse() : list;
	}

	/** `Message` (GET message, lists). */
	toMessage(m) {
		return {
			id: m.id,
			chat_id: m.chat_id,
			created_at: m.created_at,
			updated_at: m.updated_at,
			delivery_status: m.delivery_status,
			is_from_me: m.is_from_me,
			is_delivered: m.delivered_at !== null,
			is_read: m.is_read,
			from: m.from_handle?.handle ?? null,
			from_handle: m.from_handle,
			parts: m.parts.map(restPart),
			effect: m.effect,
			preferred_service: m.preferred_service,
			service: m.service,
			reply_to: m.reply_to,
			sent_at: m.sent_at,
			delivered_at: m.delivered_at,
			read_at: m.read_at,
		};
	}

	/** `SentMessage` (the answer of a send). */
	toSent(m) {
		return {
			id: m.id,
			created_at: m.created_at,
			delivery_status: m.delivery_status,
			is_read: m.is_read,
			parts: m.parts.map(restPart),
			sent_at: m.sent_at,
			delivered_at: m.delivered_at,
			effect: m.effect,
			from_handle: m.from_handle,
			preferred_service: m.preferred_service,
			reply_to: m.reply_to,
			service: m.service,
		};
	}

	/** The `chat` object of V2 message webhooks. */
	eventChat(chat) {
		return {
			id: chat.id,
			health_status: chat.health_status,
			is_group: chat.is_group,
			owner_handle: this.state.me(chat),
		};
	}

	/** V2 `MessageEventV2` (message.sent/received/delivered/read): only the timestamps reached so far. */
	eventV2(m, chat) {
		return {
			id: m.id,
			direction: m.is_from_me ? 'outbound' : 'inbound',
			service: m.service,
			sender_handle: m.from_handle,
			chat: this.eventChat(chat),
			parts: m.parts.map(webhookPart),
			sent_at: m.sent_at,
			...(m.delivered_at ? { delivered_at: m.delivered_at } : {}),
			...(m.read_at ? { read_at: m.read_at } : {}),
			effect: m.effect,
			idempotency_key: m.idempotency_key,
			preferred_service: m.preferred_service,
			reply_to: m.reply_to,
		};
	}

	/** PATCH /v3/messages/{id}: own text parts, at most 5 edits, within 15 minutes (else 409/2015). */
	edit(m, body) {
		if (typeof body?.text !== 'string' || body.text === '')
			throw new LinqError(400, 1001, 'Missing required field: text');
		if (!m.is_from_me) throw new LinqError(409, 2015, 'Only messages you sent can be edited');
		const index = body.part_index ?? 0;
		if (!Number.isInteger(index) || index < 0 || index >= m.parts.length)
			throw new LinqError(400, 1005, 'part_index does not name a part of this message');
		if (m.parts[index].type !== 'text')
			throw new LinqError(400, 1005, 'Only text parts can be edited');
		if (m.edits >= EDIT_LIMIT)
			throw new LinqError(409, 2015, `A message can be edited at most ${EDIT_LIMIT} times`);
		if (this.state.now() - Date.parse(m.sent_at ?? m.created_at) > EDIT_WINDOW_MS) {
			throw new LinqError(409, 2015, 'A message can only be edited within 15 minutes of sending');
		}
		m.parts[index] = { ...m.parts[index], value: body.text, text_decorations: null };
		m.edits++;
		m.updated_at = this.state.iso();
		return index;
	}

	/** message.edited (V2 only). */
	editedEvent(m, chat, index) {
		return {
			id: m.id,
			direction: m.is_from_me ? 'outbound' : 'inbound',
			edited_at: m.updated_at,
			sender_handle: m.from_handle,
			part: { index, text: m.parts[index].value },
			chat: this.eventChat(chat),
		};
	}

	/**
	 * Checks a reaction request (POST …/reactions, or the other side's via the control route).
	 * @param {any} body { operation, type, custom_emoji?, part_index? } @param {boolean} inbound whether stickers are allowed
	 */
	checkReaction(m, body, inbound) {
		const { operation, type } = body ?? {};
		if (operation === undefined)
			throw new LinqError(400, 1001, 'Missing required field: operation');
		if (operation !== 'add' && operation !== 'remove')
			throw new LinqError(400, 1005, 'operation must be add or remove');
		if (type === undefined) throw new LinqError(400, 1001, 'Missing required field: type');
		if (!REACTIONS.includes(type) || (type === 'sticker' && !inbound)) {
			throw new LinqError(
				400,
				1005,
				`type must be one of ${REACTIONS.filter((r) => inbound || r !== 'sticker').join(', ')}`,
			);
		}
		if (type === 'custom' && (typeof body.custom_emoji !== 'string' || body.custom_emoji === '')) {
			throw new LinqError(
				400,
				1001,
				'Missing required field: custom_emoji (required when type is custom)',
			);
		}
		const index = body.part_index ?? 0;
		if (!Number.isInteger(index) || index < 0 || index >= m.parts.length)
			throw new LinqError(400, 1005, 'part_index does not name a part of this message');
		return {
			operation,
			type,
			custom_emoji: type === 'custom' ? body.custom_emoji : null,
			part_index: index,
		};
	}

	/** Records a checked reaction on its part (one per person per part: a new one replaces theirs). */
	applyReaction(m, reaction, handle, sticker = null) {
		const part = m.parts[reaction.part_index];
		const mine = (r) => r.handle.handle === handle.handle;
		if (reaction.operation === 'add') {
			part.reactions = part.reactions.filter((r) => !mine(r));
			part.reactions.push({
				handle,
				is_me: Boolean(handle.is_me),
				type: reaction.type,
				custom_emoji: reaction.custom_emoji,
				sticker,
			});
		} else {
			part.reactions = part.reactions.filter(
				(r) =>
					!(
						mine(r) &&
						r.type === reaction.type &&
						(reaction.type !== 'custom' || r.custom_emoji === reaction.custom_emoji)
					),
			);
		}
	}

	/** reaction.added / reaction.removed. */
	reactionEvent(m, reaction, handle, sticker = null) {
		return {
			is_from_me: Boolean(handle.is_me),
			reaction_type: reaction.type,
			chat_id: m.chat_id,
			message_id: m.id,
			part_index: reaction.part_index,
			reacted_at: this.state.iso(),
			custom_emoji: reaction.custom_emoji,
			from_handle: handle,
			from: handle.handle,
			service: m.service,
			sticker,
		};
	}
}

module.exports = { MessageStore, page, REACTIONS };
