import { checkBinaryFile, readBinaryFile } from '../../helpers/binary';
import { defineOperation } from '../operation';
import { MAX_UPLOAD_BYTES } from '../../../shared/messageContent';
import { uploadFile } from '../../../shared/resources/attachments';

export default defineOperation({
	resource: 'attachment',
	operation: 'upload',
	name: 'Upload',
	action: 'Upload a file',
	description:
		'Upload a file from a binary property to Linq (up to 100 MB) and get its attachment ID, which messages can send any number of times without uploading again.',
	endpoints: ['createAttachment'],
	properties: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryProperty',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to upload',
		},
	],
	async prepare(itemIndex) {
		const property =
			String(this.getNodeParameter('binaryProperty', itemIndex, 'data') ?? '').trim() || 'data';
		return {
			file: await checkBinaryFile(
				this,
				itemIndex,
				property,
				'Input Binary Field',
				MAX_UPLOAD_BYTES,
			),
		};
	},
	async execute({ file }, client, itemIndex) {
		const data = await readBinaryFile(this, itemIndex, file);
		const slot = await uploadFile(
			client,
			{ fileName: file.fileName, contentType: file.contentType, data },
			itemIndex,
		);
		return {
			attachment_id: slot.attachment_id,
			download_url: slot.download_url,
			filename: file.fileName,
			content_type: file.contentType,
			size_bytes: file.size,
		};
	},
	identifyItem: ({ file }) => ({ filename: file.fileName }),
});
