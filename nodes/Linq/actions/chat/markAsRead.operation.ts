import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { markChatRead } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'markAsRead',
	name: 'Mark as Read',
	action: 'Mark a chat as read',
	description:
		'Mark every message in a chat as read (the sender sees read receipts where the service shows them).',
	endpoints: ['markChatRead'],
	properties: [chatLocator({ description: 'The chat to mark as read' })],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex) };
	},
	async execute({ chatId }, client, itemIndex) {
		await markChatRead(client, chatId, itemIndex);
		return { chat_id: chatId, read: true };
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
