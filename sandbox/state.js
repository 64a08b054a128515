'use strict';
/**
 * The sandbox's in-memory Linq account: lines, chats, participants, messages, subscriptions,
 * and Linq's rules for them (linq-api.md §6). Nothing here does I/O.
 */
const { randomUUID } = require('node:crypto');

const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A Linq error: the server turns it into the envelope with this status and code. */
class LinqError extends Error {
	/** @param {number} status @param {number} code @param {string} message */
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

const DOC = (code) => `https://docs.linqapp.com/error/codes/${String(code)[0]}xxx/${code}/`;

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

function now() {
	return new Date().toISOString();
}

/** @param {string} handle @param {string} service @param {boolean} [isMe] */
function handleOf(handle, service, isMe = false) {
	return { id: randomUUID(), handle, joined_at: now(), service, is_me: isMe, left_at: null, status: 'active' };
}

/**
 * @param {{id: string, name: string|null, service: string, line: string, members: string[], isGroup?: boolean}} spec
 */
function makeChat(spec) {
	const at = now();
	return {
		id: spec.id,
		created_at: at,
		updated_at: at,
		display_name: spec.name,
		service: spec.service,
		is_group: spec.isGroup ?? spec.members.length > 1,
		is_archived: false,
		group_chat_icon: null,
		health_status: { status: 'HEALTHY', doc_url: 'https://docs.linqapp.com/guides/health', updated_at: at },
		handles: [handleOf(spec.line, spec.service, true), ...spec.members.map((m) => handleOf(m, spec.service))],
	};
}

/** The seeded scenario: two lines, a 4-person iMessage group, an SMS group, a DM, a 3-person group. */
function seed() {
	return {
		phoneNumbers: [
			{ id: SEED_IDS.lineMain, phone_number: LINES.main, reputation: { status: 'HEALTHY', doc_url: '' }, health_status: { status: 'HEALTHY', doc_url: '' }, forwarding_number: null },
			{ id: SEED_IDS.lineSecond, phone_number: LINES.second, reputation: { status: 'HEALTHY', doc_url: '' }, health_status: { status: 'HEALTHY', doc_url: '' }, forwarding_number: null },
		],
		chats: [
			makeChat({ id: SEED_IDS.imessageGroup, name: 'Launch Team', service: 'iMessage', line: LINES.main, members: ['+14155550101', '+14155550102', '+14155550103', 'casey@example.com'] }),
			makeChat({ id: SEED_IDS.smsGroup, name: 'Field Crew', service: 'SMS', line: LINES.main, members: ['+14155550201', '+14155550202', '+14155550203'] }),
			makeChat({ id: SEED_IDS.dm, name: null, service: 'iMessage', line: LINES.second, members: ['+14155550301'], isGroup: false }),
			makeChat({ id: SEED_IDS.smallGroup, name: 'Trio', service: 'iMessage', line: LINES.second, members: ['+14155550401', '+14155550402'] }),
		],
		/** Which service each known handle can use; others default to iMessage for emails, SMS for phones. */
		capabilities: { '+14155550999': ['RCS', 'SMS'] },
		messages: [],
		subscriptions: [],
	};
}

class SandboxState {
	constructor() {
		/** @type {any[]} */ this.phoneNumbers = [];
		/** @type {Map<string, any>} */ this.chats = new Map();
		/** @type {Record<string, string[]>} */ this.capabilities = {};
		/** @type {any[]} */ this.messages = [];
		/** @type {Map<string, any>} */ this.subscriptions = new Map();
		this.reset();
	}

	reset() {
		const data = seed();
		this.phoneNumbers = data.phoneNumbers;
		this.chats = new Map(data.chats.map((c) => [c.id, c]));
		this.capabilities = data.capabilities;
		this.messages = data.messages;
		this.subscriptions = new Map();
	}

	/** Adds chats (fixtures) in the same shape as the seed. */
	addChat(spec) {
		if (!spec || typeof spec.id !== 'string') throw new LinqError(400, 1001, 'Fixture chat needs an id');
		const chat = makeChat({ service: 'iMessage', line: LINES.main, members: [], name: null, ...spec });
		this.chats.set(chat.id, chat);
		return chat;
	}

	/** @param {string} id */
	chat(id) {
		const chat = this.chats.get(id);
		if (!chat) throw new LinqError(404, 2001, 'Resource not found');
		return chat;
	}

	/** Chats that are still usable by us (we have not left them). */
	activeMembers(chat) {
		return chat.handles.filter((h) => h.status === 'active');
	}

	me(chat) {
		return chat.handles.find((h) => h.is_me);
	}

	/** Every interaction endpoint answers 2013 once we have left the chat. */
	usableChat(id) {
		const chat = this.chat(id);
		if (this.me(chat)?.status !== 'active') throw new LinqError(409, 2013, 'This chat is unavailable');
		return chat;
	}

	/** @param {unknown} handle */
	validHandle(handle) {
		if (typeof handle !== 'string' || handle === '') throw new LinqError(400, 1001, 'Missing required field: handle');
		if (EMAIL.test(handle)) return handle;
		if (!E164.test(handle)) throw new LinqError(400, 1002, 'Phone number must be in E.164 format');
		return handle;
	}

	servicesOf(handle) {
		return this.capabilities[handle] ?? (handle.includes('@') ? ['iMessage'] : ['iMessage', 'RCS', 'SMS']);
	}

	/** Checks an add; the change itself happens when the queued job runs. */
	checkAdd(chatId, handle) {
		const chat = this.usableChat(chatId);
		this.validHandle(handle);
		if (!chat.is_group) throw new LinqError(409, 2015, 'Participants can only be added to group chats');
		if (this.activeMembers(chat).length < 3) {
			throw new LinqError(409, 2015, 'A group chat needs 3 or more participants before one can be added');
		}
		if (this.activeMembers(chat).some((h) => h.handle === handle)) {
			throw new LinqError(409, 2015, 'This handle is already a participant');
		}
		if (!this.servicesOf(handle).includes(chat.service)) {
			throw new LinqError(409, 2017, `This handle cannot join a ${chat.service} group; create a new chat instead`);
		}
		return chat;
	}

	applyAdd(chat, handle) {
		const added = handleOf(handle, chat.service);
		chat.handles.push(added);
		chat.updated_at = now();
		return added;
	}

	checkRemove(chatId, handle) {
		const chat = this.usableChat(chatId);
		this.validHandle(handle);
		if (!chat.is_group) throw new LinqError(409, 2015, 'Participants can only be removed from group chats');
		const member = this.activeMembers(chat).find((h) => h.handle === handle && !h.is_me);
		if (!member) throw new LinqError(404, 2001, 'Resource not found');
		if (this.activeMembers(chat).length - 1 < 3) {
			throw new LinqError(409, 2015, 'A group chat must keep 3 or more participants after a removal');
		}
		return { chat, member };
	}

	applyRemove(chat, member, status = 'removed') {
		member.status = status;
		member.left_at = now();
		chat.updated_at = now();
		return member;
	}

	checkLeave(chatId) {
		const chat = this.usableChat(chatId);
		if (!chat.is_group) throw new LinqError(409, 2015, 'Leaving is not supported for direct messages');
		if (chat.service !== 'iMessage') throw new LinqError(409, 2017, 'Leaving is only supported in iMessage group chats');
		if (this.activeMembers(chat).length < 4) {
			throw new LinqError(409, 2015, 'Leaving needs an iMessage group with 4 or more active participants');
		}
		return chat;
	}

	/** The line (phone number) a chat is on: what subscription line filters match. */
	lineOf(chat) {
		return this.me(chat)?.handle;
	}
}

module.exports = { SandboxState, LinqError, DOC, SEED_IDS, LINES, E164 };
