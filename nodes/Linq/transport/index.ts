import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { parseConnectionError, parseLinqError, toNodeApiError, type LinqErrorDetails } from './errors';

export const LINQ_CREDENTIAL_TYPE = 'linqAppApi';
export const LINQ_PRODUCTION_BASE_URL = 'https://api.linqapp.com/api/partner';

export type LinqContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface LinqRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with `/v3/`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** The input item this request serves, for error messages. */
	itemIndex?: number;
	/**
	 * Whether sending the request twice is harmless. Only idempotent requests are retried after a
	 * 5xx or a broken connection: a retried Add Participant could otherwise run twice.
	 */
	idempotent?: boolean;
}

/** Linq's SDK waits 60 s per attempt (linq-api.md §1). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Attempts per request, the first included. */
const MAX_ATTEMPTS = 4;
/** Longest Retry-After we sleep through; longer waits fail the item with Linq's 429. */
const MAX_RETRY_WAIT_MS = 60_000;

export function normalizeBaseUrl(raw: unknown): string {
	const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : LINQ_PRODUCTION_BASE_URL;
	return value.replace(/\/+$/, '');
}

/** Seconds or an HTTP date (Retry-After), or milliseconds (retry-after-ms), else Linq's body field. */
function retryAfterMs(headers: IDataObject, details: LinqErrorDetails): number | undefined {
	const ms = Number(headers['retry-after-ms']);
	if (Number.isFinite(ms) && ms >= 0) return ms;
	const header = headers['retry-after'];
	if (typeof header === 'string' && header.trim() !== '') {
		const seconds = Number(header);
		if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
		const date = Date.parse(header);
		if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
	}
	if (details.retryAfter !== undefined) return details.retryAfter * 1000;
	return undefined;
}

/** 0.5 s, 1 s, 2 s… as Linq's SDK does, capped at 8 s. */
function backoffMs(attempt: number): number {
	return Math.min(500 * 2 ** (attempt - 1), 8000);
}

/**
 * Whether a failed attempt may be sent again. 429 and 409/2009 ("chat is still being created") mean
 * Linq did nothing, so they are safe for every request. Other 409s are permanent (2013 after leaving).
 */
function isRetryableStatus(status: number, details: LinqErrorDetails, idempotent: boolean): boolean {
	if (status === 429) return true;
	if (status === 409) return details.code === 2009;
	return idempotent && (status === 408 || status >= 500);
}

interface FullResponse {
	body: unknown;
	headers: IDataObject;
	statusCode: number;
}

/**
 * The one request helper. It resolves the credential once, so per-item requests do not look it up
 * again, and sends everything through n8n's `httpRequestWithAuthentication`.
 */
export class LinqClient {
	private constructor(
		private readonly context: LinqContext,
		private readonly credentials: ICredentialsDecrypted,
		readonly baseUrl: string,
		private readonly apiKey: string,
		private readonly timeoutMs: number,
	) {}

	static async create(context: LinqContext, options: { timeoutMs?: number } = {}): Promise<LinqClient> {
		const data: ICredentialDataDecryptedObject = await context.getCredentials(LINQ_CREDENTIAL_TYPE);
		const reference = context.getNode().credentials?.[LINQ_CREDENTIAL_TYPE];
		return new LinqClient(
			context,
			{ id: reference?.id ?? '', name: reference?.name ?? '', type: LINQ_CREDENTIAL_TYPE, data },
			normalizeBaseUrl(data.baseUrl),
			typeof data.apiKey === 'string' ? data.apiKey : '',
			options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS,
		);
	}

	get isProductionLinq(): boolean {
		return this.baseUrl === LINQ_PRODUCTION_BASE_URL;
	}

	async request<T = IDataObject>(request: LinqRequest): Promise<T> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${request.path}`,
			json: true,
			timeout: this.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (request.body !== undefined) options.body = request.body;
		if (request.qs !== undefined) options.qs = request.qs;
		const idempotent = request.idempotent ?? request.method === 'GET';

		for (let attempt = 1; ; attempt++) {
			let response: FullResponse;
			try {
				response = (await this.context.helpers.httpRequestWithAuthentication.call(
					this.context,
					LINQ_CREDENTIAL_TYPE,
					{ ...options },
					{ credentialsDecrypted: this.credentials },
				)) as FullResponse;
			} catch (error) {
				if (idempotent && attempt < MAX_ATTEMPTS) {
					await sleep(backoffMs(attempt));
					continue;
				}
				throw this.fail(parseConnectionError(error, this.baseUrl), request.itemIndex, idempotent);
			}

			const { statusCode, body, headers } = response;
			if (statusCode < 300) {
				return (body === undefined || body === '' ? {} : body) as T;
			}
			const details = parseLinqError(statusCode, body);
			if (attempt < MAX_ATTEMPTS && isRetryableStatus(statusCode, details, idempotent)) {
				const wait = retryAfterMs(headers ?? {}, details) ?? backoffMs(attempt);
				if (wait <= MAX_RETRY_WAIT_MS) {
					await sleep(wait);
					continue;
				}
			}
			throw this.fail(details, request.itemIndex, idempotent);
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
