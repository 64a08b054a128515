'use strict';
/**
 * What happens after a send or a receive: the message is stored at once, and its webhooks follow
 * a moment later as Linq's do (chat.created for a new chat, then message.sent and message.delivered;
 * message.received for the other side's messages).
 */
const { LinqError } = require('./state');

/**
 * @param {{ state: import('./state').SandboxState, messages: import('./messages').MessageStore,
 *   later: (job: () => void) => void, publish: (eventType: string, data: object, chat?: any) => void }} ctx
 */
function createFlows({ state, messages, later, publish }) {
	/** Service rules of a content for a chat on `service` (app cards are iMessage only: 409/2018). */
	function checkService(content, service) {
		if (service !== 'iMessage' && content.parts.some((p) => p.type === 'imessage_app')) {
			throw new LinqError(409, 2018, 'iMessage app messages can only be sent over iMessage');
		}
	}

	/** A reply must point into the same chat. */
	function checkReplyChat(content, chat) {
		if (content.reply_to && messages.get(content.reply_to.message_id).chat_id !== chat.id) {
			throw new LinqError(400, 1005, 'reply_to.message_id is a message of another chat');
		}
	}

	/** Stores our message and schedules its webhooks; returns the stored message. */
	function sendOutbound(
		chat,
		content,
		{ created = false, id } = /** @type {{created?: boolean, id?: string}} */ ({}),
	) {
		const message = messages.add({
			chat,
			from_handle: state.me(chat),
			is_from_me: true,
			parts: content.parts,
			effect: content.effect,
			preferred_service: content.preferred_service,
			reply_to: content.reply_to,
			idempotency_key: content.idempotency_key,
			...(id ? { id } : {}),
		});
		later(() => {
			if (created) publish('chat.created', state.chatCreatedPayload(chat), chat);
			message.sent_at = state.iso();
			message.delivery_status = 'sent';
			publish('message.sent', messages.eventV2(message, chat), chat);
			message.delivered_at = state.iso();
			message.delivery_status = 'delivered';
			message.updated_at = message.delivered_at;
			publish('message.delivered', messages.eventV2(message, chat), chat);
		});
		return message;
	}

	/** Stores the other side's message and schedules message.received. */
	function receiveInbound(chat, from, parts, replyTo, { created = false } = {}) {
		const message = messages.add({
			chat,
			from_handle: from,
			is_from_me: false,
			parts,
			reply_to: replyTo,
		});
		later(() => {
			if (created) publish('chat.created', state.chatCreatedPayload(chat), chat);
			publish('message.received', messages.eventV2(message, chat), chat);
		});
		return message;
	}

	return { checkService, checkReplyChat, sendOutbound, receiveInbound };
}

module.exports = { createFlows };
