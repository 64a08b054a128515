'use strict';
/**
 * Chat routes (https://docs.linqapp.com/api/resources/chats/): create/list/get/update chats, mark read, leave, share
 * the contact card, voice memos, participants, typing, location.
 */
const { randomUUID } = require('node:crypto');

const { LinqError } = require('../state');
const { queued } = require('../http');
const { page } = require('../messages');
const { hasLink, httpsUrl } = require('../content');

/** @param {any} ctx the route context server.js builds */
function chatRoutes(ctx) {
	const { state, messages, attachments, flows, later, publish } = ctx;

	function createChat(body) {
		const line = state.ownLine(body?.from);
		const to = state.validRecipients(body?.to);
		const content = ctx.resolve(body?.message);
		const existing = state.findChatWith(to, line.phone_number);
		const service = existing ? existing.service : state.serviceFor(to, content.preferred_service);
		if (!existing && hasLink(content.parts)) {
			throw new LinqError(
				400,
				1005,
				'The first message of a new chat may not contain a link or a URL',
			);
		}
		flows.checkService(content, service);
		flows.checkReplyChat(content, existing ?? { id: null });
		const chat = existing ?? state.createChat(line.phone_number, to, service);
		const message = flows.sendOutbound(chat, content, { created: !existing });
		const { id, display_name, handles, health_status, is_group } = chat;
		return [
			201,
			{
				chat: {
					id,
					display_name,
					handles,
					health_status,
					is_group,
					service: chat.service,
					message: messages.toSent(message),
				},
			},
		];
	}

	function listChats(query) {
		const from = query.get('from');
		const to = query.get('to');
		if (from) state.ownLine(from);
		if (to) state.validHandle(to, 'to');
		const all = [...state.chats.values()].filter(
			(c) =>
				(!from || state.lineOf(c) === from) &&
				(!to || c.handles.some((h) => h.handle === to && !h.is_me)),
		);
		const { items, next_cursor } = page(all, query);
		return [200, { chats: items, next_cursor }];
	}

	/** PUT: checked now, applied a moment later and confirmed by chat.group_*_updated. */
	function updateChat(id, body) {
		const chat = state.usableChat(id);
		if (!chat.is_group) throw new LinqError(409, 1006, 'Cannot update direct message chats');
		const { display_name: name, group_chat_icon: icon } = body ?? {};
		if (name === undefined && icon === undefined)
			throw new LinqError(400, 1001, 'Missing required field: display_name or group_chat_icon');
		if (name !== undefined && (typeof name !== 'string' || name.trim() === ''))
			throw new LinqError(400, 1005, 'display_name must be a non-empty string');
		if (icon !== undefined && icon !== null && !httpsUrl(icon))
			throw new LinqError(
				400,
				1005,
				'group_chat_icon must be an https image URL (or null to remove it)',
			);
		later(() => {
			const me = state.me(chat);
			for (const [key, value, event] of [
				['display_name', name, 'chat.group_name_updated'],
				['group_chat_icon', icon, 'chat.group_icon_updated'],
			]) {
				if (value === undefined) continue;
				const old = chat[key];
				chat[key] = value;
				chat.updated_at = state.iso();
				publish(
					event,
					{
						chat_id: chat.id,
						updated_at: chat.updated_at,
						old_value: old,
						new_value: value,
						changed_by_handle: me,
					},
					chat,
				);
			}
		});
		return [202, { chat_id: chat.id, status: 'accepted' }];
	}

	function markRead(id) {
		const chat = state.usableChat(id);
		for (const m of messages.inChat(chat.id)) {
			if (m.is_from_me || m.is_read) continue;
			m.is_read = true;
			m.read_at = state.iso();
		}
		return [204, undefined];
	}

	function voiceMemo(id, body) {
		const chat = state.usableChat(id);
		const { voice_memo_url: url, attachment_id: attachmentId } = body ?? {};
		const hasUrl = url !== undefined && url !== null;
		const hasId = attachmentId !== undefined && attachmentId !== null;
		if (!hasUrl && !hasId)
			throw new LinqError(400, 1001, 'Missing required field: voice_memo_url or attachment_id');
		if (hasUrl && hasId)
			throw new LinqError(400, 1005, 'Give exactly one of voice_memo_url or attachment_id');
		let media;
		if (hasUrl) {
			if (!httpsUrl(url))
				throw new LinqError(400, 1005, 'voice_memo_url must be a public https URL');
			const filename = decodeURIComponent(
				new URL(url).pathname.split('/').pop() || 'voice-memo.m4a',
			);
			const type = attachments.mimeOf(filename);
			if (filename.includes('.') && !type.startsWith('audio/'))
				throw new LinqError(400, 5004, 'Invalid file type: a voice memo must be audio');
			media = {
				id: randomUUID(),
				filename,
				mime_type: type.startsWith('audio/') ? type : 'audio/mpeg',
				size_bytes: 0,
				url,
			};
		} else {
			media = attachments.mediaOf(String(attachmentId));
			if (!media.mime_type.startsWith('audio/'))
				throw new LinqError(400, 5004, 'Invalid file type: a voice memo must be audio');
		}
		const content = {
			parts: [{ type: 'media', ...media, reactions: [] }],
			effect: null,
			preferred_service: null,
			reply_to: null,
			idempotency_key: null,
		};
		const message = flows.sendOutbound(chat, content);
		const { id: chatId, handles, is_group, service } = chat;
		return [
			200,
			{
				voice_memo: {
					id: message.id,
					from: state.lineOf(chat),
					to: state.others(chat).map((h) => h.handle),
					status: 'queued',
					created_at: message.created_at,
					service,
					chat: { id: chatId, handles, is_active: true, is_group, service },
					voice_memo: { ...media, duration_ms: null },
				},
			},
		];
	}

	function typing(id) {
		const chat = state.usableChat(id);
		if (chat.is_group)
			throw new LinqError(403, 2016, 'Typing indicators are not supported in group chats');
		return [204, undefined];
	}

	function requestLocation(id) {
		const chat = state.usableChat(id);
		if (chat.is_group)
			throw new LinqError(409, 2016, 'Location requests are not supported in group chats');
		if (chat.service !== 'iMessage')
			throw new LinqError(409, 2017, 'Location requests need an iMessage chat');
		return [200, { success: true, message: 'Location request sent' }];
	}

	return [
		['POST', /^\/v3\/chats$/, (_p, body) => createChat(body), { idempotency: 'body' }],
		['GET', /^\/v3\/chats$/, (_p, _b, query) => listChats(query)],
		['GET', /^\/v3\/chats\/([^/]+)$/, ([id]) => [200, state.chat(id)]],
		['PUT', /^\/v3\/chats\/([^/]+)$/, ([id], body) => updateChat(id, body)],
		['POST', /^\/v3\/chats\/([^/]+)\/read$/, ([id]) => markRead(id)],
		[
			'POST',
			/^\/v3\/chats\/([^/]+)\/leave$/,
			([id]) => {
				const chat = state.checkLeave(id);
				const me = state.applyRemove(chat, state.me(chat), 'left');
				later(() =>
					publish(
						'participant.removed',
						{ handle: me.handle, participant: me, chat_id: chat.id, removed_at: me.left_at },
						chat,
					),
				);
				return [202, queued('Leave group chat queued')];
			},
		],
		[
			'POST',
			/^\/v3\/chats\/([^/]+)\/share_contact_card$/,
			([id]) => {
				state.cardForChat(state.usableChat(id));
				return [204, undefined];
			},
		],
		['POST', /^\/v3\/chats\/([^/]+)\/voicememo$/, ([id], body) => voiceMemo(id, body)],
		[
			'POST',
			/^\/v3\/chats\/([^/]+)\/participants$/,
			([id], body) => {
				const handle = body?.handle;
				const chat = state.checkAdd(id, handle);
				// The state changes at once so later requests see it; the confirmation webhook follows.
				const added = state.applyAdd(chat, handle);
				later(() =>
					publish(
						'participant.added',
						{ handle, participant: added, chat_id: chat.id, added_at: added.joined_at },
						chat,
					),
				);
				return [202, queued('Participant addition queued')];
			},
		],
		[
			'DELETE',
			/^\/v3\/chats\/([^/]+)\/participants$/,
			([id], body) => {
				const { chat, member } = state.checkRemove(id, body?.handle);
				state.applyRemove(chat, member, 'removed');
				later(() =>
					publish(
						'participant.removed',
						{
							handle: member.handle,
							participant: member,
							chat_id: chat.id,
							removed_at: member.left_at,
						},
						chat,
					),
				);
				return [202, queued('Participant removal queued')];
			},
		],
		['POST', /^\/v3\/chats\/([^/]+)\/typing$/, ([id]) => typing(id)],
		['DELETE', /^\/v3\/chats\/([^/]+)\/typing$/, ([id]) => typing(id)],
		['POST', /^\/v3\/chats\/([^/]+)\/location\/request$/, ([id]) => requestLocation(id)],
		[
			'GET',
			/^\/v3\/chats\/([^/]+)\/location$/,
			([id]) => {
				const chat = state.chat(id);
				const features = state.locations.get(chat.id) ?? [];
				return [
					200,
					{ success: true, data: { type: 'FeatureCollection', features } },
					{ 'content-type': 'application/geo+json' },
				];
			},
		],
	];
}

module.exports = { chatRoutes };
