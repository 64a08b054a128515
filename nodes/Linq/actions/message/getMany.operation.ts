import { chatLocator, returnAllFields, simplifyField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId, readLimit } from '../../helpers/parameters';
import { simplifyMessage } from '../../helpers/simplify';
import { listMessages } from '../../../shared/resources/messages';

export default defineOperation({
	resource: 'message',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many messages in a chat',
	description: 'Get the messages of a chat, newest first, one output item per message.',
	toolDescription:
		"Read the latest messages of a Linq chat, newest first (how many: the tool's Limit). A chat ID, where asked for, is a UUID like the chat_id of the incoming message. Answers a list, one object per message: {id, chat_id, from, is_from_me, text, media, reply_to, service, delivery_status, created_at}; is_from_me is true for your own messages, from is the sender's phone number or email.",
	endpoints: ['listMessages'],
	properties: [
		chatLocator({ description: 'The chat whose messages to get' }),
		...returnAllFields(),
		simplifyField(
			'id, chat_id, from, is_from_me, text, media, reply_to, service, delivery_status, created_at',
		),
	],
	prepare(itemIndex) {
		return {
			chatId: readChatId(this, itemIndex),
			limit: readLimit(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async execute({ chatId, limit, simplify }, client, itemIndex, run) {
		const messages = await listMessages(client, chatId, limit, itemIndex);
		return messages.map((m) =>
			simplify || run.isTool ? simplifyMessage({ chat_id: chatId, ...m }) : m,
		);
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
