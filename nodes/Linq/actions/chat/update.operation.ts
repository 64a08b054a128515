import type { IDataObject } from 'n8n-workflow';

import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { checkHttpsUrl, readChatId } from '../../helpers/parameters';
import { updateChat } from '../../../shared/resources/chats';
import { invalidParameterError } from '../../../shared/validation';

export default defineOperation({
	resource: 'chat',
	operation: 'update',
	name: 'Update',
	action: 'Update a group chat',
	description:
		'Rename a group chat or change its icon (groups only). Linq applies it shortly after and confirms with a chat.group_name_updated or chat.group_icon_updated event.',
	endpoints: ['updateChat'],
	properties: [
		chatLocator({ groupsOnly: true, description: 'The group chat to update' }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{
					displayName: 'Group Name',
					name: 'displayName',
					type: 'string',
					default: '',
					description: 'The new name of the group',
				},
				{
					displayName: 'Group Icon URL',
					name: 'groupIcon',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/icon.png',
					description: "A public HTTPS image URL for the group's icon",
				},
			],
		},
	],
	prepare(itemIndex) {
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: { display_name?: string; group_chat_icon?: string } = {};
		if (typeof fields.displayName === 'string' && fields.displayName.trim())
			changes.display_name = fields.displayName.trim();
		if (typeof fields.groupIcon === 'string' && fields.groupIcon.trim()) {
			changes.group_chat_icon = checkHttpsUrl(
				this,
				itemIndex,
				fields.groupIcon.trim(),
				'Group Icon URL',
			);
		}
		if (Object.keys(changes).length === 0) {
			throw invalidParameterError(
				this.getNode(),
				'Update Fields',
				fields,
				itemIndex,
				'Add a Group Name or a Group Icon URL to change.',
			);
		}
		return { chatId: readChatId(this, itemIndex), changes };
	},
	async execute({ chatId, changes }, client, itemIndex) {
		return {
			...(await updateChat(client, chatId, changes, itemIndex)),
			chat_id: chatId,
			...changes,
		};
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
