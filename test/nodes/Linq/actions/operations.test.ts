/**
 * Every single-request operation through n8n's engine: the method, path, query, body and Accept
 * header it sends, and the output it gives for Linq's answer.
 */
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BASE_URL, runNode } from '../../../helpers/engine';
import { CHAT_ID, chatLocator } from '../../../helpers/linq';

const MESSAGE_ID = '0c3f1a52-8d2b-4c61-9f40-1b2c3d4e5f60';
const ATTACHMENT_ID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const me = { handle: '+12025550100', is_me: true, service: 'iMessage', status: 'active' };
const chat = {
	id: CHAT_ID,
	display_name: 'Team',
	is_group: true,
	service: 'iMessage',
	handles: [
		me,
		{ handle: '+14155550101', is_me: false, service: 'iMessage', status: 'active' },
		{ handle: '+14155550102', is_me: false, status: 'left' },
	],
	health_status: { status: 'HEALTHY', doc_url: '', updated_at: '2026-11-01T00:00:00Z' },
	created_at: '2026-11-01T00:00:00Z',
	updated_at: '2026-11-02T00:00:00Z',
};
const message = {
	id: MESSAGE_ID,
	chat_id: CHAT_ID,
	is_from_me: false,
	from_handle: { handle: '+14155550101' },
	parts: [
		{ type: 'text', value: 'Hi there', reactions: null },
		{
			type: 'media',
			id: ATTACHMENT_ID,
			filename: 'a.jpg',
			mime_type: 'image/jpeg',
			size_bytes: 10,
			url: 'https://cdn.linqapp.com/a.jpg',
			reactions: null,
		},
	],
	delivery_status: 'delivered',
	service: 'iMessage',
	created_at: '2026-11-23T10:00:00Z',
	reply_to: null,
};
const simpleMessage = {
	id: MESSAGE_ID,
	chat_id: CHAT_ID,
	from: '+14155550101',
	is_from_me: false,
	text: 'Hi there',
	media: [
		{
			id: ATTACHMENT_ID,
			filename: 'a.jpg',
			mime_type: 'image/jpeg',
			size_bytes: 10,
			url: 'https://cdn.linqapp.com/a.jpg',
		},
	],
	reply_to: null,
	service: 'iMessage',
	delivery_status: 'delivered',
	created_at: '2026-11-23T10:00:00Z',
};
const messageRef = { __rl: true, mode: 'id', value: MESSAGE_ID };

interface Case {
	label: string;
	parameters: INodeParameters;
	method: 'get' | 'post' | 'put' | 'patch' | 'delete';
	path: string;
	query?: Record<string, string>;
	body?: IDataObject | 'none';
	accept?: RegExp;
	status?: number;
	reply?: unknown;
	output: IDataObject[];
}

const cases: Case[] = [
	{
		label: 'Chat → Get (simplified)',
		parameters: { resource: 'chat', operation: 'get', chatId: chatLocator(CHAT_ID) },
		method: 'get',
		path: `/v3/chats/${CHAT_ID}`,
		reply: chat,
		output: [
			{
				id: CHAT_ID,
				name: 'Team',
				is_group: true,
				service: 'iMessage',
				line: '+12025550100',
				participants: ['+14155550101'],
				health: 'HEALTHY',
				created_at: chat.created_at,
				updated_at: chat.updated_at,
			},
		],
	},
	{
		label: 'Chat → Get (raw)',
		parameters: {
			resource: 'chat',
			operation: 'get',
			chatId: chatLocator(CHAT_ID),
			simplify: false,
		},
		method: 'get',
		path: `/v3/chats/${CHAT_ID}`,
		reply: chat,
		output: [chat],
	},
	{
		label: 'Chat → Update',
		parameters: {
			resource: 'chat',
			operation: 'update',
			chatId: chatLocator(CHAT_ID),
			updateFields: { displayName: ' Launch ', groupIcon: 'https://example.com/i.png' },
		},
		method: 'put',
		path: `/v3/chats/${CHAT_ID}`,
		body: { display_name: 'Launch', group_chat_icon: 'https://example.com/i.png' },
		reply: { chat_id: CHAT_ID, status: 'accepted' },
		output: [
			{
				chat_id: CHAT_ID,
				status: 'accepted',
				display_name: 'Launch',
				group_chat_icon: 'https://example.com/i.png',
			},
		],
	},
	{
		label: 'Chat → Mark as Read',
		parameters: { resource: 'chat', operation: 'markAsRead', chatId: chatLocator(CHAT_ID) },
		method: 'post',
		path: `/v3/chats/${CHAT_ID}/read`,
		body: 'none',
		accept: /\*\/\*/,
		status: 204,
		output: [{ chat_id: CHAT_ID, read: true }],
	},
	{
		label: 'Chat → Start Typing',
		parameters: { resource: 'chat', operation: 'startTyping', chatId: chatLocator(CHAT_ID) },
		method: 'post',
		path: `/v3/chats/${CHAT_ID}/typing`,
		body: 'none',
		accept: /\*\/\*/,
		status: 204,
		output: [{ chat_id: CHAT_ID, typing: true }],
	},
	{
		label: 'Chat → Stop Typing',
		parameters: { resource: 'chat', operation: 'stopTyping', chatId: chatLocator(CHAT_ID) },
		method: 'delete',
		path: `/v3/chats/${CHAT_ID}/typing`,
		body: 'none',
		status: 204,
		output: [{ chat_id: CHAT_ID, typing: false }],
	},
	{
		label: 'Chat → Share Contact Card',
		parameters: { resource: 'chat', operation: 'shareContactCard', chatId: chatLocator(CHAT_ID) },
		method: 'post',
		path: `/v3/chats/${CHAT_ID}/share_contact_card`,
		body: 'none',
		status: 204,
		output: [{ chat_id: CHAT_ID, shared: true }],
	},
	{
		label: 'Message → Get (simplified)',
		parameters: { resource: 'message', operation: 'get', messageId: messageRef },
		method: 'get',
		path: `/v3/messages/${MESSAGE_ID}`,
		reply: message,
		output: [simpleMessage],
	},
	{
		label: 'Message → Edit',
		parameters: {
			resource: 'message',
			operation: 'edit',
			messageId: messageRef,
			text: 'Fixed typo',
			partIndex: 0,
		},
		method: 'patch',
		path: `/v3/messages/${MESSAGE_ID}`,
		body: { text: 'Fixed typo', part_index: 0 },
		reply: { ...message, parts: [{ type: 'text', value: 'Fixed typo' }] },
		output: [{ ...message, parts: [{ type: 'text', value: 'Fixed typo' }] }],
	},
	{
		label: 'Message → Delete',
		parameters: { resource: 'message', operation: 'delete', messageId: messageRef },
		method: 'delete',
		path: `/v3/messages/${MESSAGE_ID}`,
		status: 204,
		output: [{ deleted: true, message_id: MESSAGE_ID }],
	},
	{
		label: 'Message → React (tapback)',
		parameters: {
			resource: 'message',
			operation: 'react',
			messageId: messageRef,
			reaction: 'like',
		},
		method: 'post',
		path: `/v3/messages/${MESSAGE_ID}/reactions`,
		body: { operation: 'add', type: 'like', part_index: 0 },
		reply: { message: 'Reaction queued', status: 'accepted', trace_id: 't' },
		output: [
			{
				message: 'Reaction queued',
				status: 'accepted',
				trace_id: 't',
				message_id: MESSAGE_ID,
				reaction: 'like',
				action: 'add',
			},
		],
	},
	{
		label: 'Message → React (remove a custom emoji)',
		parameters: {
			resource: 'message',
			operation: 'react',
			messageId: messageRef,
			reactionAction: 'remove',
			reaction: 'custom',
			customEmoji: '🎉',
			partIndex: 1,
		},
		method: 'post',
		path: `/v3/messages/${MESSAGE_ID}/reactions`,
		body: { operation: 'remove', type: 'custom', custom_emoji: '🎉', part_index: 1 },
		reply: { message: 'Reaction queued', status: 'accepted' },
		output: [
			{
				message: 'Reaction queued',
				status: 'accepted',
				message_id: MESSAGE_ID,
				reaction: 'custom',
				action: 'remove',
				custom_emoji: '🎉',
			},
		],
	},
	{
		label: 'Attachment → Get',
		parameters: { resource: 'attachment', operation: 'get', attachmentId: ATTACHMENT_ID },
		method: 'get',
		path: `/v3/attachments/${ATTACHMENT_ID}`,
		reply: { id: ATTACHMENT_ID, filename: 'a.jpg', content_type: 'image/jpeg', size_bytes: 10 },
		output: [{ id: ATTACHMENT_ID, filename: 'a.jpg', content_type: 'image/jpeg', size_bytes: 10 }],
	},
	{
		label: 'Attachment → Delete',
		parameters: { resource: 'attachment', operation: 'delete', attachmentId: ATTACHMENT_ID },
		method: 'delete',
		path: `/v3/attachments/${ATTACHMENT_ID}`,
		status: 204,
		output: [{ deleted: true, attachment_id: ATTACHMENT_ID }],
	},
];

describe.each(cases)(
	'$label',
	({ parameters, method, path, query, body, accept, status, reply, output }) => {
		it("sends exactly this request and outputs Linq's answer", async () => {
			let seenBody: unknown = 'none';
			const scope = nock(BASE_URL, accept ? { reqheaders: { accept } } : undefined)
				[method](path, (b) => {
					seenBody = b === '' || b === undefined ? 'none' : b;
					return true;
				})
				.query((query ?? {}) as Record<string, string>)
				.reply(status ?? 200, (reply as object) ?? '');
			const { items, error } = await runNode({ parameters });
			expect(error).toBeUndefined();
			if (body !== undefined) expect(seenBody).toEqual(body);
			expect(items?.map((i) => i.json)).toEqual(output);
			expect(items?.map((i) => i.pairedItem)).toEqual(output.map(() => ({ item: 0 })));
			scope.done();
		});
	},
);
