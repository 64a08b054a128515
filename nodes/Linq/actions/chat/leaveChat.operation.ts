import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { leaveChat } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'leaveChat',
	name: 'Leave Chat',
	action: 'Leave a group chat',
	description:
		'Leave a group chat with your line. Only iMessage groups with 4 or more active participants (you included), never a DM. A participant.removed event follows, and the chat answers every later request with Linq error 2013.',
	endpoints: ['leaveChat'],
	properties: [
		{
			displayName:
				'Leaving is final: once Linq processes it, a participant.removed event fires for your line and the chat answers every later request with Linq error 2013',
			name: 'leaveNotice',
			type: 'notice',
			default: '',
		},
		chatLocator({ groupsOnly: true }),
	],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex) };
	},
	async execute({ chatId }, client, itemIndex) {
		return { ...(await leaveChat(client, chatId, itemIndex)), chat_id: chatId };
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
