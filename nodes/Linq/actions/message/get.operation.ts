import { messageLocator, simplifyField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readMessageId } from '../../helpers/parameters';
import { simplifyMessage } from '../../helpers/simplify';
import { getMessage } from '../../../shared/resources/messages';

export default defineOperation({
	resource: 'message',
	operation: 'get',
	name: 'Get',
	action: 'Get a message',
	description: 'Get one message by its ID: who sent it, its text and media, its delivery status.',
	endpoints: ['getMessage'],
	properties: [
		messageLocator(),
		simplifyField(
			'id, chat_id, from, is_from_me, text, media, reply_to, service, delivery_status, created_at',
		),
	],
	prepare(itemIndex) {
		return {
			messageId: readMessageId(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async execute({ messageId, simplify }, client, itemIndex, run) {
		const message = await getMessage(client, messageId, itemIndex);
		return simplify || run.isTool ? simplifyMessage(message) : message;
	},
	identifyItem: ({ messageId }) => ({ message_id: messageId }),
});
