'use strict';
/**
 * The other side of a conversation, and the sandbox's switches: control endpoints under
 * /__sandbox/ (no auth, loopback only) and the same actions as methods of the sandbox object.
 * Every event they cause goes out signed to matching subscriptions, like Linq's own.
 */
const { LinqError, LINES } = require('./state');
const { send, sendError } = require('./http');
const { publicSubscription } = require('./routes/account');
const { isObject } = require('./content');

/** What GET /__sandbox/ answers: the control endpoints and their arguments (see server.js). */
const CONTROL_INDEX = {
	sandbox:
		'Linq sandbox control endpoints (no auth). POST ones play the other side of a conversation and send the matching signed webhooks.',
	endpoints: [
		[
			'POST',
			'inbound',
			'{ chat_id | from_handle (+ line), text?, media?: [{ filename, content_type, base64 }], reply_to? }',
		],
		[
			'POST',
			'reaction',
			'{ message_id, type, custom_emoji?, operation?: "add"|"remove", from_handle?, part_index? }',
		],
		['POST', 'typing', '{ chat_id, started: true|false }'],
		['POST', 'location', '{ chat_id, features }'],
		['POST', 'read', '{ message_id }'],
		['POST', 'fail', '{ message_id, code?, reason? }'],
		['POST', 'line-status', '{ phone_number, status?: "ACTIVE"|"FLAGGED", reputation? }'],
		['POST', 'rate-limit', '{ perSecond, burst? } ({} turns it off)'],
		['GET', 'state', 'chats, subscriptions, messages, attachments, lines, contact cards'],
		['GET', 'requests', 'every API request so far (DELETE clears them)'],
		['GET', 'deliveries', 'every webhook delivery attempt'],
		[
			'POST',
			'faults',
			'{ method?, path?, bodyMatch?, status?, code?, message?, html?, drop?, latencyMs?, times? } (DELETE clears them)',
		],
		['POST', 'latency', '{ ms }'],
		['POST', 'chats', 'a chat fixture'],
		['POST', 'reset', 'back to the seeded state'],
	].map(([method, name, argumentsText]) => ({
		method,
		path: `/__sandbox/${name}`,
		arguments: argumentsText,
	})),
};

/** @param {any} sb the sandbox internals server.js builds */
function createControl(sb) {
	const { state, messages, attachments, flows, later, publish } = sb;

	/** The chat member acting (default: the first other active participant). */
	function actor(chat, handle) {
		const others = state.others(chat);
		if (handle === undefined || handle === null) {
			if (!others[0]) throw new LinqError(409, 2013, 'Nobody else is in this chat');
			return others[0];
		}
		const found = others.find((h) => h.handle === handle);
		if (!found)
			throw new LinqError(400, 1005, `${handle} is not an active participant of this chat`);
		return found;
	}

	/**
	 * Someone messages one of your lines. Either `chat_id` (an existing chat) or `from_handle`
	 * (+ optional `line`, default the main line) for a DM, created if needed (chat.created).
	 * @param {{ chat_id?: string, line?: string, from_handle?: string, text?: string,
	 *   media?: Array<{ filename: string, content_type: string, base64: string }>,
	 *   reply_to?: { message_id: string, part_index?: number } }} input
	 * @returns {any} the stored message (Message shape)
	 */
	function inbound(input) {
		const body = input ?? {};
		let chat;
		let created = false;
		if (body.chat_id) {
			chat = state.usableChat(body.chat_id);
		} else {
			const from = state.validHandle(body.from_handle, 'from_handle');
			const line = state.ownLine(body.line ?? LINES.main, 'line');
			chat = state.findChatWith([from], line.phone_number);
			if (!chat) {
				chat = state.createChat(line.phone_number, [from], state.serviceFor([from]));
				created = true;
			}
		}
		const from = actor(chat, body.from_handle);
		const parts = [];
		if (body.text !== undefined && body.text !== null) {
			if (typeof body.text !== 'string' || body.text === '')
				throw new LinqError(400, 1004, 'text must be a non-empty string');
			parts.push({ type: 'text', value: body.text, text_decorations: null, reactions: [] });
		}
		if (body.media !== undefined && !Array.isArray(body.media))
			throw new LinqError(400, 1004, 'media must be an array');
		for (const file of body.media ?? []) {
			if (
				!isObject(file) ||
				typeof file.filename !== 'string' ||
				typeof file.content_type !== 'string' ||
				typeof file.base64 !== 'string'
			) {
				throw new LinqError(400, 1004, 'each media item needs filename, content_type and base64');
			}
			const item = attachments.addComplete({
				filename: file.filename,
				content_type: file.content_type,
				bytes: Buffer.from(file.base64, 'base64'),
			});
			parts.push({ type: 'media', ...attachments.mediaOf(item.id), reactions: [] });
		}
		if (parts.length === 0)
			throw new LinqError(400, 1004, 'An inbound message needs text or media');
		let replyTo = null;
		if (body.reply_to) {
			const target = messages.get(body.reply_to.message_id);
			if (target.chat_id !== chat.id)
				throw new LinqError(400, 1005, 'reply_to.message_id is a message of another chat');
			replyTo = { message_id: target.id, part_index: body.reply_to.part_index ?? 0 };
		}
		return messages.toMessage(flows.receiveInbound(chat, from, parts, replyTo, { created }));
	}

	/**
	 * Someone reacts to a message (or takes a reaction back): reaction.added / reaction.removed.
	 * @param {{ message_id: string, from_handle?: string, type: string, custom_emoji?: string,
	 *   operation?: 'add'|'remove', part_index?: number }} input operation defaults to add
	 * @returns {any} the webhook's data
	 */
	function react(input) {
		const body = { operation: 'add', ...(input ?? {}) };
		const message = messages.get(body.message_id);
		const chat = state.chat(message.chat_id);
		const from = actor(chat, body.from_handle);
		const reaction = messages.checkReaction(message, body, true);
		const sticker =
			reaction.type === 'sticker'
				? { file_name: 'sticker.png', height: 160, mime_type: 'image/png', url: null, width: 160 }
				: null;
		messages.applyReaction(message, reaction, from, sticker);
		const data = messages.reactionEvent(message, reaction, from, sticker);
		later(() =>
			publish(reaction.operation === 'add' ? 'reaction.added' : 'reaction.removed', data, chat),
		);
		return data;
	}

	/** The other person starts or stops typing. @param {{ chat_id: string, started?: boolean }} input (default started) */
	function typing(input) {
		const chat = state.chat(input?.chat_id);
		const started = input?.started ?? true;
		if (typeof started !== 'boolean')
			throw new LinqError(400, 1005, 'started must be true or false');
		later(() =>
			publish(
				started ? 'chat.typing_indicator.started' : 'chat.typing_indicator.stopped',
				{ chat_id: chat.id },
				chat,
			),
		);
		return { chat_id: chat.id, started };
	}

	/**
	 * Sets what GET …/location answers. Features are GeoJSON Point features with properties.handle;
	 * handles that appear fire location.sharing.started, handles that disappear …stopped.
	 * @param {{ chat_id: string, features: any[] }} input
	 */
	function setLocation(input) {
		const chat = state.chat(input?.chat_id);
		if (!Array.isArray(input.features)) throw new LinqError(400, 1005, 'features must be an array');
		const features = input.features.map((f, i) => {
			const coordinates = f?.geometry?.coordinates;
			if (
				!Array.isArray(coordinates) ||
				coordinates.length < 2 ||
				coordinates.length > 3 ||
				!coordinates.every((c) => typeof c === 'number') ||
				typeof f.properties?.handle !== 'string'
			) {
				throw new LinqError(
					400,
					1005,
					`features[${i}] needs geometry.coordinates [lon, lat(, alt)] and properties.handle`,
				);
			}
			return {
				type: 'Feature',
				geometry: { type: 'Point', coordinates },
				properties: { updated_at: state.iso(), ...f.properties },
			};
		});
		const before = new Set((state.locations.get(chat.id) ?? []).map((f) => f.properties.handle));
		const after = new Set(features.map((f) => f.properties.handle));
		state.locations.set(chat.id, features);
		const at = state.iso();
		later(() => {
			for (const handle of after)
				if (!before.has(handle))
					publish('location.sharing.started', { chat_id: chat.id, handle, started_at: at }, chat);
			for (const handle of before)
				if (!after.has(handle))
					publish('location.sharing.stopped', { chat_id: chat.id, handle, stopped_at: at }, chat);
		});
		return { chat_id: chat.id, features };
	}

	/** The recipient read a message you sent: message.read. @param {{ message_id: string }} input */
	function read(input) {
		const message = messages.get(input?.message_id);
		if (!message.is_from_me)
			throw new LinqError(400, 1005, 'Only messages you sent can be read by the recipient');
		const chat = state.chat(message.chat_id);
		message.read_at = state.iso();
		message.delivered_at = message.delivered_at ?? message.read_at;
		message.sent_at = message.sent_at ?? message.read_at;
		message.delivery_status = 'read';
		message.is_read = true;
		const data = messages.eventV2(message, chat);
		later(() => publish('message.read', data, chat));
		return messages.toMessage(message);
	}

	/** A message you sent failed: message.failed. @param {{ message_id: string, code?: number, reason?: string }} input (code 4001 by default) */
	function fail(input) {
		const message = messages.get(input?.message_id);
		if (!message.is_from_me) throw new LinqError(400, 1005, 'Only messages you sent can fail');
		const chat = state.chat(message.chat_id);
		message.delivery_status = 'failed';
		const data = {
			code: input.code ?? 4001,
			failed_at: state.iso(),
			chat_id: chat.id,
			message_id: message.id,
			reason: input.reason ?? 'Delivery failed',
		};
		later(() => publish('message.failed', data, chat));
		return data;
	}

	/**
	 * A line changes status or reputation: phone_number.status_updated. FLAGGED lines are avoided by
	 * smart line selection (POST /v3/messages fails over from them).
	 * @param {{ phone_number: string, status?: 'ACTIVE'|'FLAGGED', reputation?: 'HEALTHY'|'AT_RISK'|'CRITICAL' }} input
	 */
	function lineStatus(input) {
		const line = state.ownLine(input?.phone_number, 'phone_number');
		const previous = { status: line.status, reputation: line.reputation.status };
		if (input.status !== undefined && !['ACTIVE', 'FLAGGED'].includes(input.status))
			throw new LinqError(400, 1005, 'status must be ACTIVE or FLAGGED');
		if (
			input.reputation !== undefined &&
			!['HEALTHY', 'AT_RISK', 'CRITICAL'].includes(input.reputation)
		)
			throw new LinqError(400, 1005, 'reputation must be HEALTHY, AT_RISK or CRITICAL');
		line.status = input.status ?? line.status;
		line.reputation.status = input.reputation ?? line.reputation.status;
		line.health_status.status = line.reputation.status;
		const data = {
			phone_number: line.phone_number,
			changed_at: state.iso(),
			previous_status: previous.status,
			new_status: line.status,
			previous_reputation: previous.reputation,
			new_reputation: line.reputation.status,
			previous_health_status: previous.reputation,
			new_health_status: line.reputation.status,
		};
		later(() => publish('phone_number.status_updated', data, line.phone_number));
		return data;
	}

	/** @param {{ perSecond: number, burst?: number } | null} limit null or {} turns it off */
	function setRateLimit(limit) {
		try {
			return sb.setRateLimit(limit);
		} catch (error) {
			throw new LinqError(400, 1005, /** @type {Error} */ (error).message);
		}
	}

	const actions = {
		inbound,
		reaction: react,
		typing,
		location: setLocation,
		read,
		fail,
		'line-status': lineStatus,
		'rate-limit': setRateLimit,
	};

	/** Control endpoints: the actions above as POST /__sandbox/<name>, plus the switches. */
	async function handle(req, res, path, body) {
		const { requests, dispatcher } = sb;
		const name = path.slice(1);
		if (req.method === 'GET' && (path === '' || path === '/')) return send(res, 200, CONTROL_INDEX);
		if (req.method === 'POST' && Object.prototype.hasOwnProperty.call(actions, name)) {
			try {
				return send(res, 200, actions[name](body));
			} catch (error) {
				if (error instanceof LinqError) return sendError(res, error);
				throw error;
			}
		}
		if (req.method === 'GET' && path === '/requests') return send(res, 200, { requests });
		if (req.method === 'DELETE' && path === '/requests')
			return send(res, 200, { cleared: requests.splice(0).length });
		if (req.method === 'GET' && path === '/deliveries')
			return send(res, 200, {
				deliveries: dispatcher.attempts.map(({ envelope, ...a }) => ({
					...a,
					event_id: envelope.event_id,
				})),
			});
		if (req.method === 'GET' && path === '/state') {
			return send(res, 200, {
				chats: [...state.chats.values()],
				subscriptions: [...state.subscriptions.values()].map(publicSubscription),
				messages: messages.all().map((m) => messages.toMessage(m)),
				attachments: attachments.summary(),
				phone_numbers: state.phoneNumbers,
				contact_cards: [...state.contactCards.values()],
				rate_limit: sb.rateLimit(),
			});
		}
		if (req.method === 'POST' && path === '/faults') {
			sb.addFault(body);
			return send(res, 201, { faults: sb.faults() });
		}
		if (req.method === 'DELETE' && path === '/faults') {
			sb.clearFaults();
			return send(res, 200, { faults: sb.faults() });
		}
		if (req.method === 'POST' && path === '/latency') {
			sb.setLatency(Number(body?.ms ?? 0));
			return send(res, 200, { latencyMs: Number(body?.ms ?? 0) });
		}
		if (req.method === 'POST' && path === '/chats') return send(res, 201, state.addChat(body));
		if (req.method === 'POST' && path === '/reset') {
			sb.reset();
			return send(res, 200, { reset: true });
		}
		return send(res, 404, { error: 'unknown sandbox control endpoint' });
	}

	return { inbound, react, typing, setLocation, read, fail, lineStatus, setRateLimit, handle };
}

module.exports = { createControl };
