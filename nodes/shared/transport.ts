import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { LINQ_CREDENTIAL_TYPE, LINQ_PRODUCTION_BASE_URL, normalizeBaseUrl } from './credential';
import { LINQ_ENDPOINTS, endpointPath, type EndpointName } from './endpoints';
import {
	parseConnectionError,
	parseLinqError,
	toNodeApiError,
	type LinqErrorDetails,
} from './errors';
import { fetchFile, FileFetchError, FileTooLargeError, type DownloadedFile } from './fileFetch';
import { RateGate } from './rateGate';
import {
	backoffMs,
	DEFAULT_TIMEOUT_MS,
	MAX_ATTEMPTS,
	MAX_CHAT_PENDING_RETRIES,
	MAX_RATE_LIMITED_MS,
	MAX_RATE_LIMITED_RETRIES,
	MAX_RETRY_WAIT_MS,
	retryAfterMs,
} from './requestPolicy';

export type LinqContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface CallOptions {
	/** Path parameters, such as `{ chatId }`. */
	params?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	/** The input item this request serves, for error messages. */
	itemIndex?: number;
	/**
	 * An idempotency key the request carries (in its body or header): Linq applies a keyed send once,
	 * so such a request may be retried after a 5xx or a broken connection like a read.
	 */
	idempotencyKey?: string;
	/**
	 * Send it once, even where a retry would be safe: the caller must know whether this very request
	 * went through (Send and Wait claims an answer by deleting the wait's subscription).
	 */
	sendOnce?: boolean;
}

export interface PaginateOptions extends CallOptions {
	/** The array in each page (`chats`, `messages`). */
	listKey: string;
	/** Stop after this many results; undefined for all of them. */
	limit?: number;
	/** Linq's page size (its maximum is 100). */
	pageSize?: number;
}

export interface FullResponse {
	body: unknown;
	headers: IDataObject;
	statusCode: number;
}

/**
 * The one request helper. It resolves the credential once, so per-item requests do not look it up
 * again, sends everything to Linq through n8n's `httpRequestWithAuthentication`, and shares one rate
 * gate among all requests of an execution: after a 429 every request waits out Linq's Retry-After
 * and fewer run at once, instead of each one storming on.
 */
export class LinqClient {
	private constructor(
		private readonly context: LinqContext,
		private readonly credentials: ICredentialsDecrypted,
		readonly baseUrl: string,
		private readonly apiKey: string,
		private readonly timeoutMs: number,
		readonly gate: RateGate,
	) {}

	static async create(
		context: LinqContext,
		options: { timeoutMs?: number; maxConcurrency?: number } = {},
	): Promise<LinqClient> {
		const data: ICredentialDataDecryptedObject = await context.getCredentials(LINQ_CREDENTIAL_TYPE);
		const reference = context.getNode().credentials?.[LINQ_CREDENTIAL_TYPE];
		return new LinqClient(
			context,
			{ id: reference?.id ?? '', name: reference?.name ?? '', type: LINQ_CREDENTIAL_TYPE, data },
			normalizeBaseUrl(data.baseUrl),
			typeof data.apiKey === 'string' ? data.apiKey : '',
			options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS,
			new RateGate(options.maxConcurrency ?? 1),
		);
	}

	get isProductionLinq(): boolean {
		return this.baseUrl === LINQ_PRODUCTION_BASE_URL;
	}

	/** Calls one Linq endpoint and returns its body (an empty 2xx body becomes `{}`). */
	async call<T = IDataObject>(name: EndpointName, options: CallOptions = {}): Promise<T> {
		const spec = LINQ_ENDPOINTS[name];
		const request: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.baseUrl}${endpointPath(name, options.params)}`,
			json: true,
			timeout: this.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// `?to=a&to=b` (https://docs.linqapp.com/api/resources/available_number/methods/retrieve); `+` in E.164 numbers goes out as %2B.
			arrayFormat: 'repeat',
		};
		if (options.body !== undefined) request.body = options.body;
		if (options.qs !== undefined) request.qs = options.qs;
		const headers: IDataObject = {
			...(spec.accept ? { Accept: spec.accept } : {}),
			...options.headers,
		};
		if (Object.keys(headers).length > 0) request.headers = headers;
		const repeatable = spec.repeatable || Boolean(options.idempotencyKey);
		return await this.send<T>(request, repeatable && !options.sendOnce, options.itemIndex);
	}

	/** Follows Linq's cursor (`next_cursor` → `cursor`) until the end, or until `limit` results. */
	async paginate<T = IDataObject>(name: EndpointName, options: PaginateOptions): Promise<T[]> {
		const results: T[] = [];
		const pageSize = Math.min(options.pageSize ?? 100, 100);
		let cursor: string | undefined;
		for (;;) {
			const wanted =
				options.limit === undefined ? pageSize : Math.min(pageSize, options.limit - results.length);
			const qs: IDataObject = { ...options.qs, limit: wanted };
			if (cursor) qs.cursor = cursor;
			const page = await this.call<IDataObject>(name, { ...options, qs });
			const list = Array.isArray(page[options.listKey]) ? (page[options.listKey] as T[]) : [];
			results.push(...list);
			cursor =
				typeof page.next_cursor === 'string' && page.next_cursor !== ''
					? page.next_cursor
					: undefined;
			if (!cursor || list.length === 0) return results;
			if (options.limit !== undefined && results.length >= options.limit)
				return results.slice(0, options.limit);
		}
	}

	/**
	 * PUTs raw bytes to a presigned upload URL with exactly the headers Linq asked for: no Linq
	 * credentials go to the file store.
	 */
	async upload(
		url: string,
		requiredHeaders: Record<string, string>,
		data: Buffer,
		itemIndex?: number,
	): Promise<void> {
		let response: FullResponse;
		try {
			response = (await this.context.helpers.httpRequest({
				method: 'PUT',
				url,
				headers: { ...requiredHeaders },
				body: data,
				json: false,
				timeout: this.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as FullResponse;
		} catch (error) {
			throw this.fail(parseConnectionError(error, 'the attachment upload URL'), itemIndex, false);
		}
		if (response.statusCode >= 300) {
			throw this.fail(
				{
					status: response.statusCode,
					message: `The attachment upload URL answered HTTP ${response.statusCode}`,
				},
				itemIndex,
				false,
			);
		}
	}

	/**
	 * Downloads a file Linq links to (a presigned media URL), without Linq credentials, stopping as soon
	 * as it grows past `maxBytes` (then it answers 'tooLarge', for the caller to name its parameter).
	 */
	async download(
		url: string,
		maxBytes: number,
		itemIndex?: number,
	): Promise<DownloadedFile | 'tooLarge'> {
		try {
			return await fetchFile(this.context, url, maxBytes, this.timeoutMs);
		} catch (error) {
			if (error instanceof FileTooLargeError) return 'tooLarge';
			if (error instanceof FileFetchError) {
				throw this.fail({ status: error.status, message: error.message }, itemIndex, true);
			}
			throw this.fail(parseConnectionError(error, 'the media URL'), itemIndex, true);
		}
	}

	private async send<T>(
		options: IHttpRequestOptions,
		repeatable: boolean,
		itemIndex?: number,
	): Promise<T> {
		let rateLimitedFor = 0;
		let rateLimitedRetries = 0;
		let pendingRetries = 0;
		// Attempts that met a 5xx or a broken connection, the current one included.
		let attempt = 0;
		for (;;) {
			attempt++;
			await this.gate.acquire();
			let response: FullResponse;
			try {
				response = (await this.context.helpers.httpRequestWithAuthentication.call(
					this.context,
					LINQ_CREDENTIAL_TYPE,
					{ ...options },
					{ credentialsDecrypted: this.credentials },
				)) as FullResponse;
			} catch (error) {
				this.gate.release('done');
				if (repeatable && attempt < MAX_ATTEMPTS) {
					await sleep(backoffMs(attempt));
					continue;
				}
				throw this.fail(parseConnectionError(error, this.baseUrl), itemIndex, repeatable);
			}

			const { statusCode, body, headers } = response;
			if (statusCode < 300) {
				this.gate.release('done');
				return (body === undefined || body === '' ? {} : body) as T;
			}
			const details = parseLinqError(statusCode, body);
			if (statusCode === 429) {
				// Linq did nothing: waiting out its Retry-After is safe for every request.
				const wait = retryAfterMs(headers ?? {}, details) ?? 1000;
				const retry =
					wait <= MAX_RETRY_WAIT_MS &&
					rateLimitedFor + wait <= MAX_RATE_LIMITED_MS &&
					rateLimitedRetries < MAX_RATE_LIMITED_RETRIES;
				// Only a wait we will sit out pauses the others too; a longer one fails this item alone.
				this.gate.release(retry ? 'rateLimited' : 'done', wait);
				if (!retry) throw this.fail(details, itemIndex, repeatable);
				rateLimitedFor += wait;
				rateLimitedRetries++;
				attempt--;
				continue;
			}
			this.gate.release('done');
			if (
				statusCode === 409 &&
				details.code === 2009 &&
				pendingRetries < MAX_CHAT_PENDING_RETRIES
			) {
				pendingRetries++;
				attempt--;
				await sleep(retryAfterMs(headers ?? {}, details) ?? backoffMs(pendingRetries));
				continue;
			}
			const unknownOutcome = statusCode === 408 || statusCode >= 500;
			if (unknownOutcome && repeatable && attempt < MAX_ATTEMPTS) {
				await sleep(retryAfterMs(headers ?? {}, details) ?? backoffMs(attempt));
				continue;
			}
			throw this.fail(details, itemIndex, repeatable);
		}
	}

	/** Maps the failure, with the API key scrubbed from anything a server might have echoed. */
	private fail(details: LinqErrorDetails, itemIndex: number | undefined, repeatable: boolean) {
		const scrub = (text: string | undefined) =>
			text && this.apiKey.length >= 4 ? text.split(this.apiKey).join('***') : text;
		return toNodeApiError(
			this.context.getNode(),
			{ ...details, message: scrub(details.message) ?? '', traceId: scrub(details.traceId) },
			itemIndex,
			{ repeatable },
		);
	}
}
