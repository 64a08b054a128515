import { chatLocator, simplifyField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { simplifyChat } from '../../helpers/simplify';
import { getChat } from '../../../shared/resources/chats';

export const CHAT_SIMPLE_FIELDS =
	'id, name, is_group, service, line, participants, health, created_at, updated_at';

export default defineOperation({
	resource: 'chat',
	operation: 'get',
	name: 'Get',
	action: 'Get a chat',
	description: 'Get one chat by its ID: its participants, service, line and name.',
	endpoints: ['getChat'],
	properties: [chatLocator({ description: 'The chat to get' }), simplifyField(CHAT_SIMPLE_FIELDS)],
	prepare(itemIndex) {
		return {
			chatId: readChatId(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async execute({ chatId, simplify }, client, itemIndex, run) {
		const chat = await getChat(client, chatId, itemIndex);
		return simplify || run.isTool ? simplifyChat(chat) : chat;
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
