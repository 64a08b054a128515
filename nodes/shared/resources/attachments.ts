import type { IDataObject } from 'n8n-workflow';

import type { LinqClient } from '../transport';

/** Linq's answer to POST /v3/attachments: where to PUT the bytes, and how. */
export interface AttachmentSlot extends IDataObject {
	attachment_id: string;
	upload_url: string;
	http_method?: string;
	required_headers?: Record<string, string>;
	download_url?: string;
	expires_at?: string;
}

export interface Attachment extends IDataObject {
	id: string;
	filename?: string;
	content_type?: string;
	size_bytes?: number;
	status?: string;
	download_url?: string;
}

export interface FileToUpload {
	fileName: string;
	contentType: string;
	data: Buffer;
}

export async function createAttachment(
	client: LinqClient,
	file: Omit<FileToUpload, 'data'> & { size: number },
	itemIndex?: number,
) {
	return await client.call<AttachmentSlot>('createAttachment', {
		body: { filename: file.fileName, content_type: file.contentType, size_bytes: file.size },
		itemIndex,
	});
}

/**
 * Uploads a file (https://docs.linqapp.com/api/resources/attachments/methods/create): Linq hands out a presigned URL, and the raw bytes go there with
 * exactly the headers Linq asked for. Returns the slot (its attachment_id never expires).
 */
export async function uploadFile(
	client: LinqClient,
	file: FileToUpload,
	itemIndex?: number,
): Promise<AttachmentSlot> {
	const slot = await createAttachment(
		client,
		{ fileName: file.fileName, contentType: file.contentType, size: file.data.length },
		itemIndex,
	);
	const headers = slot.required_headers ?? {
		'Content-Type': file.contentType,
		'Content-Length': String(file.data.length),
	};
	await client.upload(slot.upload_url, headers, file.data, itemIndex);
	return slot;
}

export async function getAttachment(client: LinqClient, attachmentId: string, itemIndex?: number) {
	return await client.call<Attachment>('getAttachment', { params: { attachmentId }, itemIndex });
}

export async function deleteAttachment(
	client: LinqClient,
	attachmentId: string,
	itemIndex?: number,
) {
	await client.call('deleteAttachment', { params: { attachmentId }, itemIndex });
}
