import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { setTyping } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'startTyping',
	name: 'Start Typing',
	action: 'Start the typing indicator in a chat',
	description:
		'Start showing the typing indicator to the other person in a DM (not in groups). Best effort: it shows only if the chat had a message in the last 5 minutes, and sending a message stops it.',
	toolDescription:
		'Show the typing indicator ("…") to the person in a Linq DM while you work on an answer (not in group chats). Best effort: it shows only if the chat had a message in the last 5 minutes, and sending a message stops it. Give the chat ID (a UUID, like the chat_id of the incoming message). Answers {"chat_id","typing":true}.',
	endpoints: ['startTyping'],
	properties: [chatLocator({ description: 'The DM to show typing in' })],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex) };
	},
	async execute({ chatId }, client, itemIndex) {
		await setTyping(client, chatId, true, itemIndex);
		return { chat_id: chatId, typing: true };
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
