import { messageLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readMessageId } from '../../helpers/parameters';
import { editMessage } from '../../../shared/resources/messages';
import { invalidParameterError } from '../../../shared/validation';

export default defineOperation({
	resource: 'message',
	operation: 'edit',
	name: 'Edit',
	action: 'Edit a message',
	description:
		'Change the text of a message you sent (iMessage). Text parts only, at most 5 edits, within 15 minutes of sending.',
	endpoints: ['editMessage'],
	properties: [
		messageLocator('The message you sent and want to change'),
		{
			displayName: 'New Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: 'The text the part should show instead',
		},
		{
			displayName: 'Part',
			name: 'partIndex',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Which part of the message to edit (0 is the first); it must be a text part',
		},
	],
	prepare(itemIndex) {
		const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
		if (text.trim() === '')
			throw invalidParameterError(
				this.getNode(),
				'New Text',
				text,
				itemIndex,
				'Enter the new text.',
			);
		const partIndex = Number(this.getNodeParameter('partIndex', itemIndex, 0));
		if (!Number.isInteger(partIndex) || partIndex < 0) {
			throw invalidParameterError(
				this.getNode(),
				'Part',
				partIndex,
				itemIndex,
				'Use 0 for the first part, 1 for the second, and so on.',
			);
		}
		return { messageId: readMessageId(this, itemIndex), text, partIndex };
	},
	async execute({ messageId, text, partIndex }, client, itemIndex) {
		return await editMessage(client, messageId, text, partIndex, itemIndex);
	},
	identifyItem: ({ messageId }) => ({ message_id: messageId }),
});
