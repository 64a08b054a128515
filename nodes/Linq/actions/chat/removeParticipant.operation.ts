import { chatLocator, handleField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId, readHandle } from '../../helpers/parameters';
import { removeParticipant } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'removeParticipant',
	name: 'Remove Participant',
	action: 'Remove a participant from a group chat',
	description:
		'Remove a person from a group chat. Group chats only; the chat must keep 3 or more participants after the removal. Linq confirms with a participant.removed event.',
	endpoints: ['removeParticipant'],
	properties: [
		chatLocator({ groupsOnly: true }),
		handleField({
			description:
				'Phone number in E.164 format (like +12223334444) or email address of the person to remove',
		}),
	],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex), handle: readHandle(this, itemIndex) };
	},
	async execute({ chatId, handle }, client, itemIndex) {
		return {
			...(await removeParticipant(client, chatId, handle, itemIndex)),
			chat_id: chatId,
			handle,
		};
	},
	identifyItem: ({ chatId, handle }) => ({ chat_id: chatId, handle }),
});
