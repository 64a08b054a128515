import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { BASE_URL } from './engine';

export const CHAT_ID = '550e8400-e29b-41d4-a716-446655440000';
export const OTHER_CHAT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export function chatLocator(value: string, mode: 'id' | 'list' = 'id') {
	return { __rl: true, mode, value };
}

export function chatParams(
	operation: string,
	extra: INodeParameters = {},
	chatId = CHAT_ID,
): INodeParameters {
	return { resource: 'chat', operation, chatId: chatLocator(chatId), ...extra };
}

/** Linq's error envelope as the API sends it (https://docs.linqapp.com/error). */
export function linqError(status: number, code: number, message: string, traceId = 'trace-abc123') {
	return {
		success: false,
		error: {
			status,
			code,
			message,
			doc_url: `https://docs.linqapp.com/error/codes/${String(code)[0]}xxx/${code}/`,
		},
		trace_id: traceId,
	};
}

export function queued(message = 'Participant addition queued', traceId = 'trace-ok') {
	return { message, status: 'accepted', trace_id: traceId };
}

/**
 * Counts every request that reaches the Linq base URL, whatever its method and path. Use it
 * where a test must prove that nothing was sent.
 */
export function countAllRequests() {
	let count = 0;
	const scope = nock(BASE_URL).persist();
	for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
		scope[method](/.*/).reply(() => {
			count++;
			return [500, {}];
		});
	}
	return {
		get count() {
			return count;
		},
	};
}
