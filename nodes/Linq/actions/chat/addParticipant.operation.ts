import { chatLocator, handleField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId, readHandle } from '../../helpers/parameters';
import { addParticipant } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'addParticipant',
	name: 'Add Participant',
	action: 'Add a participant to a group chat',
	description:
		'Add a person to a group chat. Group chats only, with 3 or more participants already; the new member must use the same service (iMessage, RCS or SMS) as the group. Linq confirms with a participant.added event.',
	endpoints: ['addParticipant'],
	properties: [
		chatLocator({ groupsOnly: true }),
		handleField({
			description:
				'Phone number in E.164 format (like +12223334444) or email address of the person to add. They must use the same service as the group.',
		}),
	],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex), handle: readHandle(this, itemIndex) };
	},
	async execute({ chatId, handle }, client, itemIndex) {
		return {
			...(await addParticipant(client, chatId, handle, itemIndex)),
			chat_id: chatId,
			handle,
		};
	},
	identifyItem: ({ chatId, handle }) => ({ chat_id: chatId, handle }),
});
