import { defineOperation } from '../operation';
import { readUuid } from '../../helpers/parameters';
import { getAttachment } from '../../../shared/resources/attachments';
import { attachmentIdField } from './fields';

export default defineOperation({
	resource: 'attachment',
	operation: 'get',
	name: 'Get',
	action: 'Get an attachment',
	description: "Get an uploaded file's details: name, type, size and download URL.",
	endpoints: ['getAttachment'],
	properties: [attachmentIdField],
	prepare(itemIndex) {
		return { attachmentId: readUuid(this, itemIndex, 'attachmentId', 'Attachment ID') };
	},
	async execute({ attachmentId }, client, itemIndex) {
		return await getAttachment(client, attachmentId, itemIndex);
	},
	identifyItem: ({ attachmentId }) => ({ attachment_id: attachmentId }),
});
