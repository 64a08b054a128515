import { runNode } from '../../../helpers/engine';
import { CHAT_ID, chatLocator, countAllRequests } from '../../../helpers/linq';

/** Each row: operation, chat ID, handle, the parameter the error must name, the value it must show. */
const badInputs: Array<[string, string, unknown, string, string]> = [
	['addParticipant', CHAT_ID, '', 'Handle', '""'],
	['addParticipant', CHAT_ID, '   ', 'Handle', '"   "'],
	['addParticipant', CHAT_ID, '2223334444', 'Handle', '"2223334444"'],
	['addParticipant', CHAT_ID, '+1 222 333 4444', 'Handle', '"+1 222 333 4444"'],
	['addParticipant', CHAT_ID, '+1-222-333-4444', 'Handle', '"+1-222-333-4444"'],
	['addParticipant', CHAT_ID, '(222) 333-4444', 'Handle', '"(222) 333-4444"'],
	['addParticipant', CHAT_ID, '+0123456789', 'Handle', '"+0123456789"'],
	['addParticipant', CHAT_ID, '+1234567890123456', 'Handle', '"+1234567890123456"'],
	['addParticipant', CHAT_ID, '001222333444', 'Handle', '"001222333444"'],
	['addParticipant', CHAT_ID, '+12223334444x', 'Handle', '"+12223334444x"'],
	['removeParticipant', CHAT_ID, 'alex@', 'Handle', '"alex@"'],
	['removeParticipant', CHAT_ID, '@example.com', 'Handle', '"@example.com"'],
	['removeParticipant', CHAT_ID, 'alex@example', 'Handle', '"alex@example"'],
	['removeParticipant', CHAT_ID, 'alex..b@example.com', 'Handle', '"alex..b@example.com"'],
	['removeParticipant', CHAT_ID, 'alex smith@example.com', 'Handle', '"alex smith@example.com"'],
	['removeParticipant', CHAT_ID, 'tel:+12223334444', 'Handle', '"tel:+12223334444"'],
	['addParticipant', 'not-a-uuid', '+12223334444', 'Chat', '"not-a-uuid"'],
	['addParticipant', '', '+12223334444', 'Chat', '""'],
	[
		'removeParticipant',
		'550e8400-e29b-41d4-a716-44665544000',
		'+12223334444',
		'Chat',
		'"550e8400-e29b-41d4-a716-44665544000"',
	],
	[
		'removeParticipant',
		'550e8400e29b41d4a716446655440000',
		'+12223334444',
		'Chat',
		'"550e8400e29b41d4a716446655440000"',
	],
	['leaveChat', '../../v3/phone_numbers', '', 'Chat', '"../../v3/phone_numbers"'],
	['leaveChat', `${CHAT_ID}/leave`, '', 'Chat', `"${CHAT_ID}/leave"`],
	[
		'leaveChat',
		'zzzzzzzz-e29b-41d4-a716-446655440000',
		'',
		'Chat',
		'"zzzzzzzz-e29b-41d4-a716-446655440000"',
	],
];

describe('bad input is refused before any request', () => {
	// Values arrive from upstream items through expressions, the way bad data reaches a node at run time.
	it.each(badInputs)(
		'%s chat=%p handle=%p → names %s',
		async (operation, chatId, handle, parameter, shown) => {
			const counter = countAllRequests();
			const { error, items } = await runNode(
				{
					parameters: {
						resource: 'chat',
						operation,
						chatId: chatLocator('={{ $json.chat }}'),
						handle: '={{ $json.handle }}',
					},
				},
				[
					{ chat: chatId, handle: handle as string },
					{ chat: CHAT_ID, handle: '+12223334444' },
				],
			);
			expect(items).toBeUndefined();
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
			expect(error?.description).toBeTruthy();
			expect(counter.count).toBe(0);
		},
	);

	it('a literal malformed chat ID is refused by n8n itself (the By ID regex), also before any request', async () => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: { resource: 'chat', operation: 'leaveChat', chatId: chatLocator('not-a-uuid') },
		}).catch((e: Error) => ({ error: e }));
		expect(error?.message).toContain('The workflow has issues');
		expect(counter.count).toBe(0);
	});

	it('a number where a handle belongs is refused with a hint', async () => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: {
				resource: 'chat',
				operation: 'addParticipant',
				chatId: chatLocator(CHAT_ID),
				handle: '={{ 2223334444 }}',
			},
		});
		expect(error?.message).toBe('Invalid value 2223334444 for parameter "Handle" [item 0]');
		expect(error?.description).toContain('+12223334444');
		expect(counter.count).toBe(0);
	});

	it.each(['http://example.com/i.png', 'https://', 'ftp://example.com/i.png'])(
		'a group icon URL %p is refused before any request',
		async (icon) => {
			const counter = countAllRequests();
			const { error } = await runNode({
				parameters: {
					resource: 'chat',
					operation: 'update',
					chatId: chatLocator(CHAT_ID),
					updateFields: { groupIcon: icon },
				},
			});
			expect(error?.message).toBe(
				`Invalid value "${icon}" for parameter "Group Icon URL" [item 0]`,
			);
			expect(error?.description).toContain('https://');
			expect(counter.count).toBe(0);
		},
	);
});
