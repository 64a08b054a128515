import type { IDataObject } from 'n8n-workflow';

import type { LinqErrorDetails } from './errors';

/**
 * How long the request helper (transport.ts) waits for Linq, how often it tries again, and how
 * long it sits out rate limits.
 */

/** Linq's SDK waits 60 s per attempt (https://docs.linqapp.com/getting-started/sdks/). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Attempts per request after 5xx answers or broken connections, the first included. */
export const MAX_ATTEMPTS = 4;
/** Retries of 409/2009 ("chat is still being created"). */
export const MAX_CHAT_PENDING_RETRIES = 3;
/** Longest single Retry-After we sleep through; longer waits fail the item with Linq's 429. */
export const MAX_RETRY_WAIT_MS = 60_000;
/** How long, and how many times, one request may wait out rate limits before it fails with the 429. */
export const MAX_RATE_LIMITED_MS = 10 * 60_000;
export const MAX_RATE_LIMITED_RETRIES = 30;

/** Seconds or an HTTP date (Retry-After), or milliseconds (retry-after-ms), else Linq's body field. */
export function retryAfterMs(headers: IDataObject, details: LinqErrorDetails): number | undefined {
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
export function backoffMs(attempt: number): number {
	return Math.min(500 * 2 ** (attempt - 1), 8000);
}
