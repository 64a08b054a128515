import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { setTyping } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'stopTyping',
	name: 'Stop Typing',
	action: 'Stop the typing indicator in a chat',
	description:
		'Stop showing the typing indicator to the other person in a DM (not in groups). Best effort: it shows only if the chat had a message in the last 5 minutes.',
	toolDescription:
		'Stop showing the typing indicator to the person in a Linq DM, when you will not answer after all (sending a message stops it anyway). Give the chat ID (a UUID, like the chat_id of the incoming message). Answers {"chat_id","typing":false}.',
	endpoints: ['stopTyping'],
	properties: [chatLocator({ description: 'The DM to show typing in' })],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex) };
	},
	async execute({ chatId }, client, itemIndex) {
		await setTyping(client, chatId, false, itemIndex);
		return { chat_id: chatId, typing: false };
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
