import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { SUPPORTED_CONTENT_TYPES } from '../../shared/messageContent';
import { invalidParameterError } from '../../shared/validation';

/** A file in an input item's binary property, checked but not yet read into memory. */
export interface BinaryFile {
	property: string;
	fileName: string;
	contentType: string;
	size: number;
}

/** Extensions for files whose MIME type n8n could not tell (application/octet-stream). */
const BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	heic: 'image/heic',
	heif: 'image/heif',
	webp: 'image/webp',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	m4a: 'audio/x-m4a',
	mp3: 'audio/mpeg',
	wav: 'audio/x-wav',
	caf: 'audio/x-caf',
	aac: 'audio/aac',
	amr: 'audio/amr',
	pdf: 'application/pdf',
	txt: 'text/plain',
	vcf: 'text/vcard',
	csv: 'text/csv',
	zip: 'application/zip',
};

function fileNameOf(binary: IBinaryData, property: string): string {
	return binary.fileName || `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
}

/**
 * The file's MIME type if it is one of `allowed`: n8n's, or, when n8n could not tell
 * (application/octet-stream), the one its extension names. Undefined when neither is allowed.
 */
export function acceptedContentType(
	binary: IBinaryData,
	property: string,
	allowed: readonly string[],
): string | undefined {
	const mimeType = (binary.mimeType || '').split(';')[0].trim().toLowerCase();
	if (allowed.includes(mimeType)) return mimeType;
	const extension = (
		binary.fileExtension ||
		fileNameOf(binary, property).split('.').pop() ||
		''
	).toLowerCase();
	const byExtension = BY_EXTENSION[extension];
	return byExtension && allowed.includes(byExtension) ? byExtension : undefined;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Checks the file in `property` of item `itemIndex` before anything is sent: it exists, its type is
 * one Linq accepts (`allowed`), and it is at most `maxBytes`. Names the parameter and the item.
 */
export async function checkBinaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	property: string,
	label: string,
	maxBytes: number,
	allowed: readonly string[] = SUPPORTED_CONTENT_TYPES,
): Promise<BinaryFile> {
	const node = context.getNode();
	const item = context.getInputData()[itemIndex];
	const binary = item?.binary?.[property];
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		throw invalidParameterError(
			node,
			label,
			property,
			itemIndex,
			present.length > 0
				? `The item has no binary property "${property}"; it has ${present.map((p) => `"${p}"`).join(', ')}. Enter one of those.`
				: `The item has no binary data. Make sure the previous node outputs a file (for example HTTP Request with Response Format: File) in the property "${property}".`,
		);
	}
	const fileName = fileNameOf(binary, property);
	const contentType = acceptedContentType(binary, property, allowed);
	if (!contentType) {
		throw invalidParameterError(
			node,
			label,
			`${fileName} (${binary.mimeType || 'unknown type'})`,
			itemIndex,
			`Linq does not accept files of type ${binary.mimeType || 'unknown'} here. Accepted: images (JPEG, PNG, GIF, HEIC, WebP…), video (MP4, MOV…), audio (MP3, M4A, WAV…), PDF, text and Office files.`,
		);
	}
	const size = (await context.helpers.getBinaryDataBuffer(itemIndex, property)).length;
	if (size === 0)
		throw invalidParameterError(node, label, fileName, itemIndex, 'The file is empty.');
	if (size > maxBytes) {
		throw invalidParameterError(
			node,
			label,
			`${fileName} (${mb(size)})`,
			itemIndex,
			`Linq accepts files of at most ${mb(maxBytes)} here.`,
		);
	}
	return { property, fileName, contentType, size };
}

/** The file's bytes, read when it is about to be uploaded. */
export async function readBinaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	file: BinaryFile,
): Promise<Buffer> {
	return await context.helpers.getBinaryDataBuffer(itemIndex, file.property);
}
