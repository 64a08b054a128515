/** Simplify keeps to n8n's rule of at most 10 fields, and loses nothing a person sees. */
import { simplifyChat, simplifyMessage } from '../../../../nodes/Linq/helpers/simplify';
import type { Chat } from '../../../../nodes/shared/resources/chats';
import type { Message } from '../../../../nodes/shared/resources/messages';

const message = {
	id: '69a37c7d-af4f-4b5e-af42-e28e98ce873a',
	chat_id: '94c6bf33-31d9-40e3-a0e9-f94250ecedb9',
	is_from_me: false,
	from_handle: { handle: '+14155550101' },
	parts: [
		{ type: 'text', value: 'Our new page:' },
		{ type: 'link', value: 'https://example.com/launch' },
		{
			type: 'media',
			id: 'a1',
			filename: 'a.jpg',
			mime_type: 'image/jpeg',
			size_bytes: 10,
			url: 'https://cdn.linqapp.com/a.jpg',
		},
	],
	service: 'iMessage',
	delivery_status: 'delivered',
	created_at: '2026-11-23T10:00:00Z',
	reply_to: { message_id: '550e8400-e29b-41d4-a716-446655440000', part_index: 0 },
} as unknown as Message;

describe('Simplify', () => {
	it('a simplified message has at most 10 fields; a link preview shows in the text, where the person sees it', () => {
		const simple = simplifyMessage(message);
		expect(Object.keys(simple).length).toBeLessThanOrEqual(10);
		expect(simple).toEqual({
			id: message.id,
			chat_id: message.chat_id,
			from: '+14155550101',
			is_from_me: false,
			text: 'Our new page:\nhttps://example.com/launch',
			media: [
				{
					id: 'a1',
					filename: 'a.jpg',
					mime_type: 'image/jpeg',
					size_bytes: 10,
					url: 'https://cdn.linqapp.com/a.jpg',
				},
			],
			reply_to: '550e8400-e29b-41d4-a716-446655440000',
			service: 'iMessage',
			delivery_status: 'delivered',
			created_at: '2026-11-23T10:00:00Z',
		});
	});

	it('a simplified chat has at most 10 fields', () => {
		const chat = {
			id: 'c1',
			display_name: 'Launch Team',
			is_group: true,
			service: 'iMessage',
			handles: [
				{ handle: '+12025550100', is_me: true },
				{ handle: '+14155550101', is_me: false, status: 'active' },
				{ handle: '+14155550102', is_me: false, status: 'removed' },
			],
			health_status: { status: 'HEALTHY' },
			created_at: '2026-11-23T10:00:00Z',
			updated_at: '2026-11-23T10:05:00Z',
		} as unknown as Chat;
		const simple = simplifyChat(chat);
		expect(Object.keys(simple).length).toBeLessThanOrEqual(10);
		expect(simple).toMatchObject({
			line: '+12025550100',
			participants: ['+14155550101'],
			health: 'HEALTHY',
		});
	});
});
