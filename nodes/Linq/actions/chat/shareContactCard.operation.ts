import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { shareContactCard } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'shareContactCard',
	name: 'Share Contact Card',
	action: 'Share your contact card in a chat',
	description:
		"Share your line's contact card (name and photo) in a chat, on iMessage. A contact card must exist for the line (Contact Card → Create). Best effort; Linq suggests at most once a day, after your first message.",
	endpoints: ['shareContactCard'],
	properties: [chatLocator({ description: 'The chat to share your contact card in' })],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex) };
	},
	async execute({ chatId }, client, itemIndex) {
		await shareContactCard(client, chatId, itemIndex);
		return { chat_id: chatId, shared: true };
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
