import type { FullResponse, LinqContext } from './transport';
import { DEFAULT_TIMEOUT_MS } from './requestPolicy';

export interface DownloadedFile {
	data: Buffer;
	contentType?: string;
}

/** A file URL answered with an error status. */
export class FileFetchError extends Error {
	constructor(readonly status: number) {
		super(`The media URL answered HTTP ${status}`);
		this.name = 'FileFetchError';
	}
}

/**
 * Fetches a file from a URL Linq gave (media parts, downloads), with no credentials, streaming it so
 * that a file over `maxBytes` is cut off instead of filling memory. Used with and without a Linq
 * credential (a trigger connected with a signing secret has none).
 */
export async function fetchFile(
	context: Pick<LinqContext, 'helpers'>,
	url: string,
	maxBytes: number,
	timeoutMs = DEFAULT_TIMEOUT_MS,
	signal?: AbortSignal,
): Promise<DownloadedFile> {
	const abort = new AbortController();
	signal?.addEventListener('abort', () => abort.abort(), { once: true });
	const response = (await context.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'stream',
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		abortSignal: abort.signal,
	})) as FullResponse;
	const stream = response.body as AsyncIterable<Buffer> & { destroy?: () => void };
	if (response.statusCode >= 300) {
		stream.destroy?.();
		throw new FileFetchError(response.statusCode);
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.length;
		if (size > maxBytes) {
			abort.abort();
			stream.destroy?.();
			throw new FileTooLargeError(maxBytes);
		}
		chunks.push(chunk);
	}
	const type = response.headers['content-type'];
	return { data: Buffer.concat(chunks), contentType: typeof type === 'string' ? type : undefined };
}

/** A downloaded file grew past the size cap; the caller names the parameter that sets it. */
export class FileTooLargeError extends Error {
	constructor(readonly maxBytes: number) {
		super(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
		this.name = 'FileTooLargeError';
	}
}
