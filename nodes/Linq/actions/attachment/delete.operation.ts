import { defineOperation } from '../operation';
import { readUuid } from '../../helpers/parameters';
import { deleteAttachment } from '../../../shared/resources/attachments';
import { attachmentIdField } from './fields';

export default defineOperation({
	resource: 'attachment',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an attachment',
	description:
		'Delete an uploaded file at Linq. Irreversible: its URLs stop working, also in messages that used it.',
	endpoints: ['deleteAttachment'],
	properties: [attachmentIdField],
	prepare(itemIndex) {
		return { attachmentId: readUuid(this, itemIndex, 'attachmentId', 'Attachment ID') };
	},
	async execute({ attachmentId }, client, itemIndex) {
		await deleteAttachment(client, attachmentId, itemIndex);
		return { deleted: true, attachment_id: attachmentId };
	},
	identifyItem: ({ attachmentId }) => ({ attachment_id: attachmentId }),
});
