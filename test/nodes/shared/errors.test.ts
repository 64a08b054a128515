import nock from 'nock';

import { MAX_RATE_LIMITED_RETRIES } from '../../../nodes/shared/requestPolicy';
import { recordedSleeps } from '../../helpers/clock';
import { API_KEY, BASE_URL, runNode } from '../../helpers/engine';
import { CHAT_ID, chatParams, linqError, queued } from '../../helpers/linq';
import { refusedUrl, startServer } from '../../helpers/loopback';

const removeParams = chatParams('removeParticipant', { handle: '+12223334444' });
const removePath = `/v3/chats/${CHAT_ID}/participants`;

/** Everything an error exposes to users: message, description, context, serialised form. */
function everythingShown(error: unknown): string {
	const e = error as Record<string, unknown>;
	return [
		String(e.message),
		String(e.description),
		JSON.stringify(e.context),
		JSON.stringify(e),
		String(e.stack),
	].join('\n');
}

afterEach(() => jest.useRealTimers());

/** Date stands still (timers stay real): a wait can only come from a sleep the node asks for. */
function useVirtualClockForThisTest() {
	jest.useFakeTimers({
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
}

describe('Linq error envelopes become NodeApiErrors', () => {
	const documented = [
		{
			status: 400,
			code: 1002,
			message: 'Phone number must be in E.164 format',
			hint: 'use E.164 like +12223334444',
		},
		{
			status: 401,
			code: 2004,
			message: 'Unauthorized - missing or invalid authentication token',
			hint: 'check the API key in the credential',
		},
		{ status: 404, code: 2001, message: 'Resource not found', hint: 'check the chat ID' },
		{
			status: 409,
			code: 2013,
			message: 'This chat is unavailable',
			hint: 'you may have left this chat',
		},
		{
			status: 500,
			code: 3006,
			message: 'Internal server error',
			hint: 'the node did not send it again',
		},
	];

	it.each(documented)('HTTP $status / Linq $code', async ({ status, code, message, hint }) => {
		const scope = nock(BASE_URL)
			.delete(removePath)
			.reply(status, linqError(status, code, message, `trace-${code}`));

		const { error, items } = await runNode({ parameters: removeParams });

		expect(items).toBeUndefined();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.description).toContain(`Linq error ${code}`);
		expect(error?.description?.toLowerCase()).toContain(hint.toLowerCase());
		expect(error?.description).toContain(
			`https://docs.linqapp.com/error/codes/${String(code)[0]}xxx/${code}/`,
		);
		expect(error?.description).toContain(`trace-${code}`);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.context?.itemIndex).toBe(0);
		expect(everythingShown(error)).not.toContain(API_KEY);
		// 409/2013 and 5xx on a DELETE are not retried: exactly one request went out.
		scope.done();
	});

	it('an envelope without success, trace_id or doc_url still maps', async () => {
		nock(BASE_URL)
			.delete(removePath)
			.reply(409, { error: { status: 409, code: 2013, message: 'This chat is unavailable' } });
		const { error } = await runNode({ parameters: removeParams });
		expect(error?.message).toBe('This chat is unavailable');
		expect(error?.description).toMatch(
			/^Linq error 2013 \(HTTP 409\)\. The chat is unavailable: you may have left this chat/,
		);
		expect(error?.description).not.toContain('Trace ID');
	});

	it('429 is retried after Retry-After, and the item succeeds once', async () => {
		const scope = nock(BASE_URL)
			.delete(removePath)
			.reply(429, linqError(429, 1007, 'Rate limit exceeded'), { 'Retry-After': '0' })
			.delete(removePath)
			.reply(200, queued('Participant removal queued'));
		const { items, error } = await runNode({ parameters: removeParams });
		expect(error).toBeUndefined();
		expect(items?.[0].json.message).toBe('Participant removal queued');
		scope.done();
	});

	it('429 that outlasts the retries fails with Linq 1007 and a hint, after waiting as Linq asked each time', async () => {
		// The clock stands still (only Date is faked): each wait is exactly what Linq asked for.
		jest.useFakeTimers({
			doNotFake: [
				'nextTick',
				'setImmediate',
				'clearImmediate',
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
				'queueMicrotask',
				'hrtime',
				'performance',
			],
		});
		let calls = 0;
		nock(BASE_URL)
			.persist()
			.delete(removePath)
			.reply(() => {
				calls++;
				return [429, linqError(429, 1007, 'Rate limit exceeded'), { 'Retry-After': '2' }];
			});
		const { error } = await runNode({ parameters: removeParams });
		expect(error?.message).toBe('Rate limit exceeded');
		expect(error?.httpCode).toBe('429');
		expect(error?.description).toContain('Linq error 1007');
		expect(error?.description).toContain('Parallel Requests');
		expect(calls).toBe(MAX_RATE_LIMITED_RETRIES + 1);
		expect(recordedSleeps()).toEqual(Array(MAX_RATE_LIMITED_RETRIES).fill(2000));
	});

	it('a 429 asking for a longer wait than the node sits out fails that item alone: the others do not wait for it', async () => {
		useVirtualClockForThisTest();
		nock(BASE_URL)
			.delete(removePath)
			.reply(429, linqError(429, 1007, 'Rate limit exceeded'), { 'Retry-After': '3600' })
			.delete(removePath)
			.reply(202, { message: 'Participant removal queued', status: 'accepted' });
		const { items } = await runNode(
			{
				parameters: { ...removeParams, handle: '={{ $json.h }}', options: { parallelRequests: 1 } },
				continueOnFail: true,
			},
			[{ h: '+12223334444' }, { h: '+12223334445' }],
		);
		expect(items?.map((i) => i.json.status)).toEqual([429, 'accepted']);
		expect(recordedSleeps()).toEqual([]);
	});

	it('429 asking for a wait longer than a minute fails at once instead of hanging', async () => {
		const scope = nock(BASE_URL)
			.delete(removePath)
			.reply(429, linqError(429, 1007, 'Rate limit exceeded'), { 'Retry-After': '3600' });
		const { error } = await runNode({ parameters: removeParams });
		expect(error?.httpCode).toBe('429');
		scope.done();
	});

	it('an HTML 502 from a proxy gives a readable failure', async () => {
		nock(BASE_URL)
			.delete(removePath)
			.reply(
				502,
				'<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
				{
					'Content-Type': 'text/html',
				},
			);
		const { error } = await runNode({ parameters: removeParams });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Linq answered HTTP 502 with an HTML page');
		expect(error?.httpCode).toBe('502');
		expect(error?.description).toContain('HTTP 502');
		expect(everythingShown(error)).not.toContain('[object Object]');
	});

	it.each([
		['an empty body', '', 'Linq answered HTTP 503 with an empty body'],
		[
			'truncated JSON',
			'{"error":{"status":503,"co',
			'Linq answered HTTP 503 with JSON that could not be read (it may be truncated)',
		],
		[
			'plain text',
			'upstream connect error',
			'Linq answered HTTP 503 with text "upstream connect error"',
		],
	])('a 503 with %s gives a readable failure', async (_label, body, message) => {
		nock(BASE_URL).delete(removePath).reply(503, body, { 'Content-Type': 'application/json' });
		const { error } = await runNode({ parameters: removeParams });
		expect(error?.message).toBe(message);
		expect(error?.httpCode).toBe('503');
	});

	it('a reset connection gives a clear failure and is not retried for a DELETE', async () => {
		let requests = 0;
		const server = await startServer((req) => {
			requests++;
			req.socket.destroy();
		});
		try {
			const { error } = await runNode({ parameters: removeParams }, [{}], {
				apiKey: API_KEY,
				baseUrl: server.url,
			});
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(
				`The connection to Linq was closed before it answered (${server.url})`,
			);
			expect(error?.description).toContain('Connection error ECONNRESET');
			expect(error?.description).toContain('Base URL');
			expect(everythingShown(error)).not.toContain(API_KEY);
			expect(requests).toBe(1);
		} finally {
			await server.close();
		}
	});

	it('a refused connection names the Base URL', async () => {
		const url = await refusedUrl();
		const { error } = await runNode({ parameters: chatParams('leaveChat') }, [{}], {
			apiKey: API_KEY,
			baseUrl: url,
		});
		expect(error?.message).toBe(`Linq refused the connection (${url})`);
		expect(error?.description).toContain('Connection error ECONNREFUSED');
	});

	it('a server that echoes the API key never gets it into the error', async () => {
		nock(BASE_URL)
			.delete(removePath)
			.reply(400, {
				success: false,
				error: { status: 400, code: 1001, message: `Bad token Bearer ${API_KEY}` },
				trace_id: API_KEY,
			});
		const { error } = await runNode({ parameters: removeParams });
		expect(error?.message).toBe('Bad token Bearer ***');
		expect(everythingShown(error)).not.toContain(API_KEY);
	});
});
