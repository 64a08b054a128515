import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { readUuid } from '../../helpers/parameters';
import { MAX_UPLOAD_BYTES } from '../../../shared/messageContent';
import { getAttachment } from '../../../shared/resources/attachments';
import { invalidParameterError } from '../../../shared/validation';
import { attachmentIdField } from './fields';

export default defineOperation({
	resource: 'attachment',
	operation: 'download',
	name: 'Download',
	action: 'Download an attachment',
	description:
		'Download an uploaded or received file into a binary property, for the next nodes to use.',
	endpoints: ['getAttachment'],
	properties: [
		attachmentIdField,
		{
			displayName: 'Put Output File in Field',
			name: 'binaryProperty',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
		{
			displayName: 'Max File Size (MB)',
			name: 'maxSizeMb',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 25,
			description: "Larger files fail the item instead of filling n8n's memory",
		},
	],
	prepare(itemIndex) {
		const property = String(
			this.getNodeParameter('binaryProperty', itemIndex, 'data') ?? '',
		).trim();
		if (!property)
			throw invalidParameterError(
				this.getNode(),
				'Put Output File in Field',
				property,
				itemIndex,
				'Enter a field name, like data.',
			);
		const maxSizeMb = Number(this.getNodeParameter('maxSizeMb', itemIndex, 25));
		return {
			attachmentId: readUuid(this, itemIndex, 'attachmentId', 'Attachment ID'),
			property,
			maxBytes: Math.min(Math.max(1, maxSizeMb), MAX_UPLOAD_BYTES / 1024 / 1024) * 1024 * 1024,
		};
	},
	async execute({ attachmentId, property, maxBytes }, client, itemIndex) {
		const attachment = await getAttachment(client, attachmentId, itemIndex);
		if (!attachment.download_url) {
			throw new NodeOperationError(
				this.getNode(),
				`Attachment ${attachmentId} has no download URL yet [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Linq gives a download URL once the upload is complete. Wait a moment and run the node again.',
				},
			);
		}
		const file = await client.download(attachment.download_url, maxBytes, itemIndex);
		if (file === 'tooLarge') {
			throw invalidParameterError(
				this.getNode(),
				'Max File Size (MB)',
				maxBytes / 1024 / 1024,
				itemIndex,
				'The file is larger than that. Raise the limit (up to 100 MB) to download it.',
			);
		}
		const binary = await this.helpers.prepareBinaryData(
			file.data,
			attachment.filename,
			attachment.content_type ?? file.contentType,
		);
		return { json: { ...attachment }, binary: { [property]: binary } };
	},
	identifyItem: ({ attachmentId }) => ({ attachment_id: attachmentId }),
});
