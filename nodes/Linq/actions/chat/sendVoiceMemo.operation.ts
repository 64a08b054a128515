import type { IDataObject } from 'n8n-workflow';

import {
	acceptedContentType,
	checkBinaryFile,
	readBinaryFile,
	type BinaryFile,
} from '../../helpers/binary';
import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { checkHttpsUrl, readChatId, readText } from '../../helpers/parameters';
import { MAX_UPLOAD_BYTES, VOICE_MEMO_CONTENT_TYPES } from '../../../shared/messageContent';
import { uploadFile } from '../../../shared/resources/attachments';
import { sendVoiceMemo } from '../../../shared/resources/chats';
import { invalidParameterError } from '../../../shared/validation';

const VOICE_MEMO_FORMATS = 'MP3, M4A, AAC, CAF, WAV, AIFF or AMR';
/** Linq's attachment types name WAV audio/x-wav only (https://docs.linqapp.com/guides/messaging/attachments/). */
const UPLOAD_TYPE: Record<string, string> = { 'audio/wav': 'audio/x-wav' };

type Source = { url: string } | { file: BinaryFile };

export default defineOperation({
	resource: 'chat',
	operation: 'sendVoiceMemo',
	name: 'Send Voice Memo',
	action: 'Send a voice memo',
	description:
		'Send an audio file as a native voice memo bubble in a chat (iMessage), from a binary property (uploaded to Linq first, up to 100 MB) or a public HTTPS URL. Audio: MP3, M4A, AAC, CAF, WAV, AIFF or AMR.',
	endpoints: ['createAttachment', 'sendVoiceMemo'],
	properties: [
		chatLocator({ description: 'The chat to send the voice memo to' }),
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			options: [
				{
					name: 'Binary Property',
					value: 'binary',
					description: 'An audio file from an earlier node, uploaded to Linq first (up to 100 MB)',
				},
				{
					name: 'URL',
					value: 'url',
					description: 'A public HTTPS URL of the audio file, which Linq fetches',
				},
			],
			default: 'binary',
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryProperty',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the audio file',
			displayOptions: { show: { source: ['binary'] } },
		},
		{
			displayName: 'Voice Memo URL',
			name: 'voiceMemoUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://example.com/memo.m4a',
			description: 'A public HTTPS URL of the audio file',
			displayOptions: { show: { source: ['url'] } },
		},
	],
	async prepare(itemIndex) {
		const chatId = readChatId(this, itemIndex);
		const sourceType = this.getNodeParameter('source', itemIndex, 'binary') as string;
		if (sourceType === 'url') {
			const url = readText(this, itemIndex, 'voiceMemoUrl');
			return {
				chatId,
				source: { url: checkHttpsUrl(this, itemIndex, url, 'Voice Memo URL') } as Source,
			};
		}
		if (sourceType !== 'binary') {
			throw invalidParameterError(
				this.getNode(),
				'Source',
				sourceType,
				itemIndex,
				'Use binary (a file from an earlier node) or url.',
			);
		}
		const property = readText(this, itemIndex, 'binaryProperty') || 'data';
		// Audio only, said plainly, before the general file checks (presence, size).
		const binary = this.getInputData()[itemIndex]?.binary?.[property];
		if (binary && !acceptedContentType(binary, property, VOICE_MEMO_CONTENT_TYPES)) {
			throw invalidParameterError(
				this.getNode(),
				'Input Binary Field',
				`${binary.fileName ?? property} (${binary.mimeType || 'unknown type'})`,
				itemIndex,
				`A voice memo must be audio: ${VOICE_MEMO_FORMATS}. To send other files, use Message → Send.`,
			);
		}
		const file = await checkBinaryFile(
			this,
			itemIndex,
			property,
			'Input Binary Field',
			MAX_UPLOAD_BYTES,
			VOICE_MEMO_CONTENT_TYPES,
		);
		return { chatId, source: { file } as Source };
	},
	async execute({ chatId, source }, client, itemIndex) {
		let attachmentId: string | undefined;
		if ('file' in source) {
			const { file } = source;
			const data = await readBinaryFile(this, itemIndex, file);
			const contentType = UPLOAD_TYPE[file.contentType] ?? file.contentType;
			attachmentId = (
				await uploadFile(client, { fileName: file.fileName, contentType, data }, itemIndex)
			).attachment_id;
		}
		const answer = await sendVoiceMemo(
			client,
			chatId,
			'url' in source ? { url: source.url } : { attachmentId },
			itemIndex,
		);
		return ((answer.voice_memo as IDataObject | undefined) ?? answer) as IDataObject;
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
