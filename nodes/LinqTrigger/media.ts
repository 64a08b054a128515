import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { fetchFile, FileFetchError, FileTooLargeError } from '../shared/fileFetch';
import { mediaPartsOf } from './items';

/**
 * All of a delivery's media downloads together get this long. Linq is answered only after them
 * (once n8n has recorded the execution, with the files in it), and a delivery Linq sees no answer
 * for in time is retried. Linq does not document its timeout; 15 s is the usual one for Standard
 * Webhooks senders, so this leaves n8n a third of it to record the execution.
 */
export const MEDIA_DOWNLOAD_BUDGET_MS = 10_000;

export interface MediaDownload {
	binary: IBinaryKeyData;
	/** One entry per media part: which binary property holds it, or why it could not be fetched. */
	media: IDataObject[];
}

class DownloadTimeoutError extends Error {}

/** Resolves once `deadline` has passed, or as soon as `done()` holds (then it stops waiting). */
async function timeUpAt(deadline: number, done: () => boolean): Promise<null> {
	while (!done() && Date.now() < deadline) await sleep(Math.max(1, deadline - Date.now()));
	return null;
}

/** Fetches a file, giving up (and aborting the transfer) at `deadline`. */
async function fetchBefore(
	context: IWebhookFunctions,
	url: string,
	maxBytes: number,
	deadline: number,
) {
	const abort = new AbortController();
	let done = false;
	const download = fetchFile(context, url, maxBytes, deadline - Date.now(), abort.signal).finally(
		() => (done = true),
	);
	const result = await Promise.race([download, timeUpAt(deadline, () => done)]);
	if (result === null) {
		abort.abort();
		throw new DownloadTimeoutError();
	}
	return result;
}

function reasonOf(error: unknown, maxBytes: number): string {
	if (error instanceof FileTooLargeError) {
		return `Not downloaded: larger than the trigger's Max Media Size (${Math.round(maxBytes / 1024 / 1024)} MB)`;
	}
	if (error instanceof DownloadTimeoutError) {
		return `Not downloaded: the trigger's media downloads may take ${MEDIA_DOWNLOAD_BUDGET_MS / 1000} s in all, so that Linq gets its answer in time. The file stays at data.parts[].url for about an hour: download it in a later node (HTTP Request, or Linq → Attachment → Download)`;
	}
	if (error instanceof FileFetchError) return `Not downloaded: ${error.message}`;
	return `Not downloaded: ${(error as Error).message}`;
}

/**
 * Downloads a message event's media parts into binary properties `<prefix>0`, `<prefix>1`… within
 * MEDIA_DOWNLOAD_BUDGET_MS in all. A part that is too large, cannot be fetched or does not arrive in
 * time is listed with its error; the event still starts the workflow.
 */
export async function downloadMedia(
	context: IWebhookFunctions,
	envelope: IDataObject,
	options: { prefix: string; maxBytes: number },
): Promise<MediaDownload> {
	const deadline = Date.now() + MEDIA_DOWNLOAD_BUDGET_MS;
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
			if (Date.now() >= deadline) throw new DownloadTimeoutError();
			const file = await fetchBefore(context, part.url as string, options.maxBytes, deadline);
			const property = `${options.prefix}${i}`;
			binary[property] = await context.helpers.prepareBinaryData(
				file.data,
				typeof part.filename === 'string' ? part.filename : undefined,
				typeof part.mime_type === 'string' ? part.mime_type : file.contentType,
			);
			summary.binary_property = property;
		} catch (error) {
			summary.error = reasonOf(error, options.maxBytes);
			context.logger.warn('Linq Trigger: could not download a media part', {
				mediaId: part.id,
				reason: summary.error,
			});
		}
		media.push(summary);
	}
	return { binary, media };
}
