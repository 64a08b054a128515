import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { fetchFile, FileFetchError, FileTooLargeError } from '../shared/transport';
import { mediaPartsOf } from './items';

/** Each file gets this long: Linq's media URLs are presigned and live about an hour (15 min on the ephemeral tier). */
const DOWNLOAD_TIMEOUT_MS = 60_000;

export interface MediaDownload {
	binary: IBinaryKeyData;
	/** One entry per media part: which binary property holds it, or why it could not be fetched. */
	media: IDataObject[];
}

/**
 * Downloads a message event's media parts into binary properties `<prefix>0`, `<prefix>1`… A part
 * that is too large or cannot be fetched is listed with its error; the event still starts the workflow.
 */
export async function downloadMedia(
	context: IWebhookFunctions,
	envelope: IDataObject,
	options: { prefix: string; maxBytes: number },
): Promise<MediaDownload> {
	const binary: IBinaryKeyData = {};
	const media: IDataObject[] = [];
	const parts = mediaPartsOf(envelope);
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		const summary: IDataObject = {
			index: i,
			id: part.id,
			filename: part.filename,
			mime_type: part.mime_type,
			size_bytes: part.size_bytes,
		};
		try {
			const file = await fetchFile(
				context,
				part.url as string,
				options.maxBytes,
				DOWNLOAD_TIMEOUT_MS,
			);
			const property = `${options.prefix}${i}`;
			binary[property] = await context.helpers.prepareBinaryData(
				file.data,
				typeof part.filename === 'string' ? part.filename : undefined,
				typeof part.mime_type === 'string' ? part.mime_type : file.contentType,
			);
			summary.binary_property = property;
		} catch (error) {
			summary.error =
				error instanceof FileTooLargeError
					? `Not downloaded: larger than the trigger's Max Media Size (${Math.round(options.maxBytes / 1024 / 1024)} MB)`
					: error instanceof FileFetchError
						? `Not downloaded: ${error.message}`
						: `Not downloaded: ${(error as Error).message}`;
			context.logger.warn('Linq Trigger: could not download a media part', {
				mediaId: part.id,
				reason: summary.error,
			});
		}
		media.push(summary);
	}
	return { binary, media };
}
