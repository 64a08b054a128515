import { messageLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readMessageId } from '../../helpers/parameters';
import { deleteMessage } from '../../../shared/resources/messages';

export default defineOperation({
	resource: 'message',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a message',
	description:
		"Delete a message from Linq's records. This does not unsend it: the people in the chat still see it.",
	endpoints: ['deleteMessage'],
	properties: [
		{
			displayName:
				'This removes the message from Linq only. It is not unsent: the recipients still see it.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
		messageLocator('The message to delete from Linq'),
	],
	prepare(itemIndex) {
		return { messageId: readMessageId(this, itemIndex) };
	},
	async execute({ messageId }, client, itemIndex) {
		await deleteMessage(client, messageId, itemIndex);
		return { deleted: true, message_id: messageId };
	},
	identifyItem: ({ messageId }) => ({ message_id: messageId }),
});
