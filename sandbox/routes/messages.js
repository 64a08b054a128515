'use strict';
/**
 * Message routes (https://docs.linqapp.com/api/resources/messages/): send and list in a chat, the auto-from send, get,
 * thread, edit, delete, react, and app card updates.
 */
const { LinqError } = require('../state');
const { queued } = require('../http');
const { page } = require('../messages');
const { checkLayout, checkAppExtras, isObject } = require('../content');

/** @param {any} ctx the route context server.js builds */
function messageRoutes(ctx) {
	const { state, messages, flows, later, publish } = ctx;

	function sendInChat(id, body) {
		const chat = state.usableChat(id);
		const content = ctx.resolve(body?.message);
		flows.checkService(content, chat.service);
		flows.checkReplyChat(content, chat);
		const message = flows.sendOutbound(chat, content);
		return [200, { chat_id: chat.id, message: messages.toSent(message) }];
	}

	/** POST /v3/messages: Linq picks the chat (reused, new on the best line, or failover) and the line. */
	function sendToHandles(body, headers) {
		const to = state.validRecipients(body?.to);
		const content = ctx.resolve(body?.message);
		const headerKey = headers['idempotency-key'];
		if (typeof headerKey === 'string' && headerKey !== '' && !content.idempotency_key)
			content.idempotency_key = headerKey;
		const continuation = body?.continuation_message;
		if (
			continuation !== undefined &&
			continuation !== null &&
			(!isObject(continuation) || typeof continuation.text !== 'string' || continuation.text === '')
		) {
			throw new LinqError(400, 1005, 'continuation_message.text must be a non-empty string');
		}
		const existing = state.findChatWith(to);
		let chat = existing;
		let reason = 'reused_active_chat';
		let previous = null;
		let sent = content;
		if (!existing || state.lineFlagged(existing)) {
			reason = existing ? 'failover_flagged' : 'new_best_number';
			previous = existing?.id ?? null;
			const line = state.bestLine(existing ? state.lineOf(existing) : undefined);
			const service = state.serviceFor(to, content.preferred_service);
			if (existing && continuation) {
				sent = {
					...content,
					parts: [
						{ type: 'text', value: continuation.text, text_decorations: null, reactions: [] },
					],
					effect: null,
				};
			}
			flows.checkService(sent, service);
			flows.checkReplyChat(sent, { id: null });
			chat = state.createChat(line.phone_number, to, service);
		} else {
			flows.checkService(content, existing.service);
			flows.checkReplyChat(content, existing);
		}
		const message = flows.sendOutbound(chat, sent, { created: chat !== existing });
		return [
			202,
			{
				chat_id: chat.id,
				created_new_chat: chat !== existing,
				from: state.lineOf(chat),
				from_selection: { reason, reused_existing_chat: chat === existing },
				handles: chat.handles,
				is_group: chat.is_group,
				service: chat.service,
				message: messages.toSent(message),
				previous_chat_id: previous,
			},
		];
	}

	function thread(id, query) {
		const message = messages.get(id);
		const order = query.get('order') || 'asc';
		if (order !== 'asc' && order !== 'desc')
			throw new LinqError(400, 1005, 'order must be asc or desc');
		const { items, next_cursor } = page(messages.thread(message, order), query);
		return [200, { messages: items.map((m) => messages.toMessage(m)), next_cursor }];
	}

	function edit(id, body) {
		const message = messages.get(id);
		const chat = state.usableChat(message.chat_id);
		const index = messages.edit(message, body);
		const data = messages.editedEvent(message, chat, index);
		later(() => publish('message.edited', data, chat));
		return [200, messages.toMessage(message)];
	}

	function react(id, body) {
		const message = messages.get(id);
		const chat = state.usableChat(message.chat_id);
		const reaction = messages.checkReaction(message, body, false);
		const me = state.me(chat);
		messages.applyReaction(message, reaction, me);
		const data = messages.reactionEvent(message, reaction, me);
		later(() =>
			publish(reaction.operation === 'add' ? 'reaction.added' : 'reaction.removed', data, chat),
		);
		return [
			202,
			queued(reaction.operation === 'add' ? 'Reaction addition queued' : 'Reaction removal queued'),
		];
	}

	/** POST /v3/messages/{id}/update: a delivered app card of ours, replaced by a new message. */
	function updateAppCard(id, body) {
		const message = messages.get(id);
		const chat = state.usableChat(message.chat_id);
		const card = message.parts.find((p) => p.type === 'imessage_app');
		if (!message.is_from_me)
			throw new LinqError(400, 1005, 'Only app cards you sent can be updated');
		if (!card) throw new LinqError(400, 1005, 'This message is not an iMessage app card');
		if (!['delivered', 'read'].includes(message.delivery_status))
			throw new LinqError(409, 2015, 'The app card has not been delivered yet');
		if (body?.layout === undefined || body?.layout === null)
			throw new LinqError(400, 1001, 'Missing required field: layout');
		checkLayout(body.layout);
		checkAppExtras(body);
		if (body.app !== undefined && JSON.stringify(body.app) !== JSON.stringify(card.app))
			throw new LinqError(400, 1008, 'The app of a card cannot change');
		const part = {
			type: 'imessage_app',
			app: card.app,
			layout: body.layout,
			url: body.url ?? null,
			fallback_text: body.fallback_text ?? null,
			interactive: body.interactive ?? true,
			reactions: [],
		};
		const replacement = flows.sendOutbound(chat, {
			parts: [part],
			effect: null,
			preferred_service: message.preferred_service,
			reply_to: null,
			idempotency_key: null,
		});
		return [200, { chat_id: chat.id, message: messages.toSent(replacement) }];
	}

	return [
		[
			'POST',
			/^\/v3\/chats\/([^/]+)\/messages$/,
			([id], body) => sendInChat(id, body),
			{ idempotency: 'body' },
		],
		[
			'GET',
			/^\/v3\/chats\/([^/]+)\/messages$/,
			([id], _b, query) => {
				const chat = state.chat(id);
				const { items, next_cursor } = page(messages.inChat(chat.id), query);
				return [200, { messages: items.map((m) => messages.toMessage(m)), next_cursor }];
			},
		],
		[
			'POST',
			/^\/v3\/messages$/,
			(_p, body, _q, request) => sendToHandles(body, request.headers),
			{ idempotency: 'header+body' },
		],
		['GET', /^\/v3\/messages\/([^/]+)$/, ([id]) => [200, messages.toMessage(messages.get(id))]],
		['GET', /^\/v3\/messages\/([^/]+)\/thread$/, ([id], _b, query) => thread(id, query)],
		['PATCH', /^\/v3\/messages\/([^/]+)$/, ([id], body) => edit(id, body)],
		[
			'DELETE',
			/^\/v3\/messages\/([^/]+)$/,
			([id]) => {
				messages.remove(id);
				return [204, undefined];
			},
		],
		['POST', /^\/v3\/messages\/([^/]+)\/reactions$/, ([id], body) => react(id, body)],
		['POST', /^\/v3\/messages\/([^/]+)\/update$/, ([id], body) => updateAppCard(id, body)],
	];
}

module.exports = { messageRoutes };
