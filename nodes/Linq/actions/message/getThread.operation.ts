import { messageLocator, returnAllFields, simplifyField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readLimit, readMessageId } from '../../helpers/parameters';
import { simplifyMessage } from '../../helpers/simplify';
import { getThread } from '../../../shared/resources/messages';

export default defineOperation({
	resource: 'message',
	operation: 'getThread',
	name: 'Get Thread',
	action: 'Get a message thread',
	description:
		'Get a message and the replies to it (its thread), oldest first by default, one output item per message.',
	toolDescription:
		"Read a message and the replies to it (its thread) in Linq, oldest first. Give the ID (a UUID) of any message of the thread. Answers a list, one object per message: {id, chat_id, from, is_from_me, text, media, reply_to, service, delivery_status, created_at}; is_from_me is true for your own messages, from is the sender's phone number or email.",
	endpoints: ['getThread'],
	properties: [
		messageLocator('Any message of the thread: its originator or a reply'),
		{
			displayName: 'Order',
			name: 'order',
			type: 'options',
			options: [
				{ name: 'Oldest First', value: 'asc' },
				{ name: 'Newest First', value: 'desc' },
			],
			default: 'asc',
		},
		...returnAllFields(),
		simplifyField(
			'id, chat_id, from, is_from_me, text, media, reply_to, service, delivery_status, created_at',
		),
	],
	prepare(itemIndex) {
		return {
			messageId: readMessageId(this, itemIndex),
			order: (this.getNodeParameter('order', itemIndex, 'asc') === 'desc' ? 'desc' : 'asc') as
				| 'asc'
				| 'desc',
			limit: readLimit(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async execute({ messageId, order, limit, simplify }, client, itemIndex, run) {
		const messages = await getThread(client, messageId, order, limit, itemIndex);
		return messages.map((m) => (simplify || run.isTool ? simplifyMessage(m) : m));
	},
	identifyItem: ({ messageId }) => ({ message_id: messageId }),
});
