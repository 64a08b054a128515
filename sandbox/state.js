'use strict';
/**
 * The sandbox's in-memory Linq account: lines, chats, participants, contact cards, locations,
 * subscriptions, and Linq's rules for them (https://docs.linqapp.com/api/resources/chats/, https://docs.linqapp.com/guides/chats/group-chats/). Messages
 * live in messages.js, attachments in attachments.js. Nothing here does I/O.
 */
const { randomUUID } = require('node:crypto');

const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERVICES = ['iMessage', 'RCS', 'SMS'];

/** A Linq error: the server turns it into the envelope with this status and code. */
class LinqError extends Error {
	/** @param {number} status @param {number} code @param {string} message */
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
		/** @type {number|undefined} seconds, for 429s */
		this.retryAfter = undefined;
	}
}

const DOC = (code) => `https://docs.linqapp.com/error/codes/${String(code)[0]}xxx/${code}/`;
const HEALTH_DOC = 'https://docs.linqapp.com/guides/chats/chat-health/';

/** Fixed ids so examples and tests can name the seeded chats. */
const SEED_IDS = {
	lineMain: 'a1b2c3d4-0000-4000-8000-000000000001',
	lineSecond: 'a1b2c3d4-0000-4000-8000-000000000002',
	imessageGroup: '11111111-1111-4111-8111-111111111111',
	smsGroup: '22222222-2222-4222-8222-222222222222',
	dm: '33333333-3333-4333-8333-333333333333',
	smallGroup: '44444444-4444-4444-8444-444444444444',
};

const LINES = { main: '+12025550100', second: '+12025550101' };

/** @param {string} handle @param {string} service @param {string} at @param {boolean} [isMe] */
function handleOf(handle, service, at, isMe = false) {
	return {
		id: randomUUID(),
		handle,
		joined_at: at,
		service,
		is_me: isMe,
		left_at: null,
		status: 'active',
	};
}

/**
 * @param {{id: string, name: string|null, service: string, line: string, members: string[], isGroup?: boolean}} spec
 * @param {string} at
 */
function makeChat(spec, at) {
	return {
		id: spec.id,
		created_at: at,
		updated_at: at,
		display_name: spec.name,
		service: spec.service,
		is_group: spec.isGroup ?? spec.members.length > 1,
		is_archived: false,
		group_chat_icon: null,
		health_status: { status: 'HEALTHY', doc_url: HEALTH_DOC, updated_at: at },
		handles: [
			handleOf(spec.line, spec.service, at, true),
			...spec.members.map((m) => handleOf(m, spec.service, at)),
		],
	};
}

function makeLine(id, phoneNumber) {
	return {
		id,
		phone_number: phoneNumber,
		reputation: { status: 'HEALTHY', doc_url: HEALTH_DOC },
		health_status: { status: 'HEALTHY', doc_url: HEALTH_DOC },
		forwarding_number: null,
		/** Not in Linq's answer: ACTIVE or FLAGGED (phone_number.status_updated), read by smart line selection. */
		status: 'ACTIVE',
	};
}

/** The seeded scenario: two lines, a 5-person iMessage group, an SMS group, a DM, a 3-person group. */
function seed(at) {
	return {
		phoneNumbers: [
			makeLine(SEED_IDS.lineMain, LINES.main),
			makeLine(SEED_IDS.lineSecond, LINES.second),
		],
		chats: [
			makeChat(
				{
					id: SEED_IDS.imessageGroup,
					name: 'Launch Team',
					service: 'iMessage',
					line: LINES.main,
					members: ['+14155550101', '+14155550102', '+14155550103', 'casey@example.com'],
				},
				at,
			),
			makeChat(
				{
					id: SEED_IDS.smsGroup,
					name: 'Field Crew',
					service: 'SMS',
					line: LINES.main,
					members: ['+14155550201', '+14155550202', '+14155550203'],
				},
				at,
			),
			makeChat(
				{
					id: SEED_IDS.dm,
					name: null,
					service: 'iMessage',
					line: LINES.second,
					members: ['+14155550301'],
					isGroup: false,
				},
				at,
			),
			makeChat(
				{
					id: SEED_IDS.smallGroup,
					name: 'Trio',
					service: 'iMessage',
					line: LINES.second,
					members: ['+14155550401', '+14155550402'],
				},
				at,
			),
		],
		/** Which services each known handle can use; others: emails iMessage only, phones all three. */
		capabilities: { '+14155550999': ['RCS', 'SMS'], '+14155550998': ['SMS'] },
	};
}

class SandboxState {
	/** @param {{ now?: () => number }} [options] `now`: the sandbox's clock in ms (default Date.now) */
	constructor(options = {}) {
		this.now = options.now ?? (() => Date.now());
		/** @type {any[]} */ this.phoneNumbers = [];
		/** @type {Map<string, any>} */ this.chats = new Map();
		/** @type {Record<string, string[]>} */ this.capabilities = {};
		/** @type {Map<string, any>} */ this.subscriptions = new Map();
		/** @type {Map<string, any>} contact cards by line phone number */ this.contactCards =
			new Map();
		/** @type {Map<string, any[]>} GeoJSON features by chat id (what GET …/location answers) */ this.locations =
			new Map();
		this.reset();
	}

	/** The clock as an ISO string. */
	iso() {
		return new Date(this.now()).toISOString();
	}

	reset() {
		const data = seed(this.iso());
		this.phoneNumbers = data.phoneNumbers;
		this.chats = new Map(data.chats.map((c) => [c.id, c]));
		this.capabilities = data.capabilities;
		this.subscriptions = new Map();
		this.contactCards = new Map();
		this.locations = new Map();
	}

	/** Adds chats (fixtures) in the same shape as the seed. */
	addChat(spec) {
		if (!spec || typeof spec.id !== 'string')
			throw new LinqError(400, 1001, 'Fixture chat needs an id');
		const chat = makeChat(
			{ service: 'iMessage', line: LINES.main, members: [], name: null, ...spec },
			this.iso(),
		);
		this.chats.set(chat.id, chat);
		return chat;
	}

	/** @param {string} id */
	chat(id) {
		const chat = this.chats.get(id);
		if (!chat) throw new LinqError(404, 2001, 'Resource not found');
		return chat;
	}

	activeMembers(chat) {
		return chat.handles.filter((h) => h.status === 'active');
	}

	/** The other people still in a chat. */
	others(chat) {
		return this.activeMembers(chat).filter((h) => !h.is_me);
	}

	me(chat) {
		return chat.handles.find((h) => h.is_me);
	}

	/** Every interaction endpoint answers 2013 once we have left the chat. */
	usableChat(id) {
		const chat = this.chat(id);
		if (this.me(chat)?.status !== 'active')
			throw new LinqError(409, 2013, 'This chat is unavailable');
		return chat;
	}

	/** @param {unknown} handle @param {string} [field] */
	validHandle(handle, field = 'handle') {
		if (typeof handle !== 'string' || handle === '')
			throw new LinqError(400, 1001, `Missing required field: ${field}`);
		if (EMAIL.test(handle)) return handle;
		if (!E164.test(handle)) throw new LinqError(400, 1002, 'Phone number must be in E.164 format');
		return handle;
	}

	/** @param {unknown} phone @param {string} field */
	validPhone(phone, field) {
		if (typeof phone !== 'string' || phone === '')
			throw new LinqError(400, 1001, `Missing required field: ${field}`);
		if (!E164.test(phone)) throw new LinqError(400, 1002, 'Phone number must be in E.164 format');
		return phone;
	}

	/** A list of recipients (`to`): non-empty, each a phone or an email, duplicates dropped. */
	validRecipients(to, field = 'to') {
		if (!Array.isArray(to) || to.length === 0)
			throw new LinqError(400, 1001, `Missing required field: ${field}`);
		const handles = [...new Set(to.map((h) => this.validHandle(h, field)))];
		if (handles.some((h) => this.lineByNumber(h)))
			throw new LinqError(400, 1005, `${field} cannot include your own line`);
		return handles;
	}

	servicesOf(handle) {
		return this.capabilities[handle] ?? (handle.includes('@') ? ['iMessage'] : [...SERVICES]);
	}

	/** The service a new chat with these handles uses: the preferred one if all support it, else iMessage > RCS > SMS. */
	serviceFor(handles, preferred) {
		const common = SERVICES.filter((s) => handles.every((h) => this.servicesOf(h).includes(s)));
		if (common.length === 0)
			throw new LinqError(409, 2017, 'These handles do not share a messaging service');
		return preferred && common.includes(preferred) ? preferred : common[0];
	}

	/** Checks an add; the server applies it at once and confirms by webhook. */
	checkAdd(chatId, handle) {
		const chat = this.usableChat(chatId);
		this.validHandle(handle);
		if (!chat.is_group)
			throw new LinqError(409, 2015, 'Participants can only be added to group chats');
		if (this.activeMembers(chat).length < 3) {
			throw new LinqError(
				409,
				2015,
				'A group chat needs 3 or more participants before one can be added',
			);
		}
		if (this.activeMembers(chat).some((h) => h.handle === handle)) {
			throw new LinqError(409, 2015, 'This handle is already a participant');
		}
		if (!this.servicesOf(handle).includes(chat.service)) {
			throw new LinqError(
				409,
				2017,
				`This handle cannot join a ${chat.service} group; create a new chat instead`,
			);
		}
		return chat;
	}

	applyAdd(chat, handle) {
		const added = handleOf(handle, chat.service, this.iso());
		chat.handles.push(added);
		chat.updated_at = this.iso();
		return added;
	}

	checkRemove(chatId, handle) {
		const chat = this.usableChat(chatId);
		this.validHandle(handle);
		if (!chat.is_group)
			throw new LinqError(409, 2015, 'Participants can only be removed from group chats');
		const member = this.activeMembers(chat).find((h) => h.handle === handle && !h.is_me);
		if (!member) throw new LinqError(404, 2001, 'Resource not found');
		if (this.activeMembers(chat).length - 1 < 3) {
			throw new LinqError(
				409,
				2015,
				'A group chat must keep 3 or more participants after a removal',
			);
		}
		return { chat, member };
	}

	applyRemove(chat, member, status = 'removed') {
		member.status = status;
		member.left_at = this.iso();
		chat.updated_at = this.iso();
		return member;
	}

	checkLeave(chatId) {
		const chat = this.usableChat(chatId);
		if (!chat.is_group)
			throw new LinqError(409, 2015, 'Leaving is not supported for direct messages');
		if (chat.service !== 'iMessage')
			throw new LinqError(409, 2017, 'Leaving is only supported in iMessage group chats');
		if (this.activeMembers(chat).length < 4) {
			throw new LinqError(
				409,
				2015,
				'Leaving needs an iMessage group with 4 or more active participants',
			);
		}
		return chat;
	}

	/** The line (phone number) a chat is on: what subscription line filters match. */
	lineOf(chat) {
		return this.me(chat)?.handle;
	}

	// ---- Chats with given recipients (create chat, auto-from send, available number) ----

	/** The usable chats whose other active members are exactly these handles (on this line, if given). */
	chatsWith(handles, line) {
		const wanted = [...new Set(handles)].sort().join('\n');
		return [...this.chats.values()].filter(
			(chat) =>
				this.me(chat)?.status === 'active' &&
				(!line || this.lineOf(chat) === line) &&
				this.others(chat)
					.map((h) => h.handle)
					.sort()
					.join('\n') === wanted,
		);
	}

	/** The first such chat, preferring one on a line that is not flagged. */
	findChatWith(handles, line) {
		const found = this.chatsWith(handles, line);
		return found.find((c) => !this.lineFlagged(c)) ?? found[0];
	}

	/** Whether a chat's line is FLAGGED (phone_number.status_updated). */
	lineFlagged(chat) {
		return this.lineByNumber(this.lineOf(chat))?.status === 'FLAGGED';
	}

	/** Creates a chat on a line with these recipients (1 = DM, more = group). */
	createChat(line, handles, service) {
		const chat = makeChat(
			{ id: randomUUID(), name: handles.join(', '), service, line, members: handles },
			this.iso(),
		);
		this.chats.set(chat.id, chat);
		return chat;
	}

	/** GET …/chats/{id} and the chat.created payload share this shape. */
	chatCreatedPayload(chat) {
		const { is_archived: _a, group_chat_icon: _i, ...rest } = chat;
		return rest;
	}

	// ---- Lines (https://docs.linqapp.com/guides/phone-numbers/) ----

	lineByNumber(phoneNumber) {
		return this.phoneNumbers.find((l) => l.phone_number === phoneNumber);
	}

	/** A `from` that must be one of your lines: E.164 (1002), then yours (403/2006). */
	ownLine(phone, field = 'from') {
		this.validPhone(phone, field);
		const line = this.lineByNumber(phone);
		if (!line) throw new LinqError(403, 2006, 'Phone number permission denied');
		return line;
	}

	publicLine(line) {
		const { status: _status, ...rest } = line;
		return rest;
	}

	deprecatedLine(line) {
		return {
			id: line.id,
			phone_number: line.phone_number,
			capabilities: { sms: true, mms: true, voice: true },
			country_code: null,
			type: null,
		};
	}

	updateForwarding(id, body) {
		const line = this.phoneNumbers.find((l) => l.id === id);
		if (!line) throw new LinqError(404, 2019, 'Phone number not found');
		if (!body || typeof body !== 'object' || !('forwarding_number' in body))
			throw new LinqError(400, 1001, 'Missing required field: forwarding_number');
		const value = body.forwarding_number;
		if (value === null || value === '') line.forwarding_number = null;
		else line.forwarding_number = this.validPhone(value, 'forwarding_number');
		return {
			id: line.id,
			phone_number: line.phone_number,
			forwarding_number: line.forwarding_number,
		};
	}

	/** Linq's best line for new chats: unflagged, best reputation, fewest active chats, then list order. */
	bestLine(except) {
		const rank = { HEALTHY: 0, AT_RISK: 1, CRITICAL: 2 };
		const load = (l) =>
			[...this.chats.values()].filter(
				(c) => this.lineOf(c) === l.phone_number && this.me(c)?.status === 'active',
			).length;
		const candidates = this.phoneNumbers.filter((l) => l.phone_number !== except);
		const scored = candidates.map((l, i) => [
			l.status === 'FLAGGED' ? 1 : 0,
			rank[l.reputation.status] ?? 3,
			load(l),
			i,
			l,
		]);
		scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
		const best = scored[0]?.[4];
		if (!best) throw new LinqError(500, 4002, 'No sending line is available');
		return best;
	}

	/** The line for these recipients: sticky to an existing chat's line, else the best line. */
	pickLine(handles) {
		const chat = handles.length ? this.findChatWith(handles) : undefined;
		return chat ? (this.lineByNumber(this.lineOf(chat)) ?? this.bestLine()) : this.bestLine();
	}

	// ---- Capability (§4.10) ----

	checkCapability(body, service) {
		const address = body?.address;
		if (service === 'RCS') this.validPhone(address, 'address');
		else this.validHandle(address, 'address');
		if (body.from !== undefined && body.from !== null) this.ownLine(body.from);
		return { address, available: this.servicesOf(address).includes(service) };
	}

	// ---- Contact cards (§4.11) ----

	listCards(phone) {
		if (phone !== null && phone !== undefined) this.ownLine(phone, 'phone_number');
		const cards = [...this.contactCards.values()].filter((c) => !phone || c.phone_number === phone);
		return { contact_cards: cards.map((c) => ({ ...c })) };
	}

	createCard(body) {
		if (typeof body?.first_name !== 'string' || body.first_name === '')
			throw new LinqError(400, 1001, 'Missing required field: first_name');
		const line = this.ownLine(body.phone_number, 'phone_number');
		if (this.contactCards.has(line.phone_number))
			throw new LinqError(409, 2014, 'A contact card already exists for this phone number');
		const card = {
			first_name: body.first_name,
			last_name: null,
			image_url: null,
			phone_number: line.phone_number,
			is_active: true,
		};
		this.mergeCard(card, body);
		this.contactCards.set(line.phone_number, card);
		return { ...card };
	}

	patchCard(phone, body) {
		if (phone === null || phone === undefined || phone === '')
			throw new LinqError(400, 1001, 'Missing required field: phone_number');
		const line = this.ownLine(phone, 'phone_number');
		const card = this.contactCards.get(line.phone_number);
		if (!card?.is_active) throw new LinqError(404, 2012, 'Contact card not found');
		if (
			body?.first_name !== undefined &&
			(typeof body.first_name !== 'string' || body.first_name === '')
		) {
			throw new LinqError(400, 1005, 'first_name must be a non-empty string');
		}
		this.mergeCard(card, body ?? {});
		return { ...card };
	}

	mergeCard(card, body) {
		for (const key of ['first_name', 'last_name', 'image_url']) {
			if (body[key] === undefined) continue;
			if (body[key] !== null && typeof body[key] !== 'string')
				throw new LinqError(400, 1005, `${key} must be a string`);
			if (key === 'image_url' && body[key] && !/^https:\/\//.test(body[key]))
				throw new LinqError(400, 1005, 'image_url must be an https URL');
			card[key] = body[key];
		}
	}

	/** The contact card of the line a chat is on (share contact card needs one). */
	cardForChat(chat) {
		const card = this.contactCards.get(this.lineOf(chat));
		if (!card?.is_active) throw new LinqError(404, 2012, 'Contact card not found');
		return card;
	}
}

module.exports = { SandboxState, LinqError, DOC, SEED_IDS, LINES, E164, EMAIL, UUID, SERVICES };
