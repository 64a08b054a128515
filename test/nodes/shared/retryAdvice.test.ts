/**
 * No error advises a retry that can send twice. n8n's Retry On Fail re-runs the whole node for
 * every item, so for a change that is not safe to repeat (Add/Remove Participant, Leave Chat) it
 * sends the items that already succeeded again; this file shows that, and pins the advice down.
 */
import nock from 'nock';

import {
	RETRY_SAFE_ADVICE,
	RETRY_UNSAFE_ADVICE,
	linqErrorHint,
	toNodeApiError,
} from '../../../nodes/shared/errors';
import { BASE_URL, makeNode, runNode } from '../../helpers/engine';
import { CHAT_ID, chatParams, linqError, queued } from '../../helpers/linq';

const LINQ_CODES = [
	1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008,
	2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2022, 3001, 3002, 3003,
	3004, 3005, 3006, 3007, 4001, 4002, 4003, 4004, 4005, 5001, 5002, 5003, 5004, 5005, 5006, 5007,
];
/** The HTTP status Linq documents for each code range (https://docs.linqapp.com/error). */
const statusOf = (code: number) =>
	({ 1007: 429, 1006: 409, 2004: 401, 2022: 500, 3005: 504, 4004: 503, 4005: 422 })[code] ??
	(code >= 3000 && code < 5000
		? 500
		: code >= 5001 && code <= 5003
			? 500
			: code < 2000
				? 400
				: 404);
const node = makeNode({ parameters: {} });
const describeFailure = (
	status: number | undefined,
	code: number | string | undefined,
	repeatable: boolean,
) => toNodeApiError(node, { status, code, message: 'failed' }, 0, { repeatable }).description ?? '';

/** Advice that would make a user re-send something that may already have gone through. */
const BLIND_RETRY = /enable retry on fail|try again|run (the node|it) again/i;

describe('retry advice', () => {
	it('no hint for any Linq code or HTTP status recommends Retry On Fail', () => {
		for (const code of LINQ_CODES) expect(linqErrorHint(code) ?? '').not.toMatch(/retry on fail/i);
		for (const status of [400, 401, 403, 404, 408, 409, 429, 500, 502, 503, 504]) {
			expect(linqErrorHint(undefined, status) ?? '').not.toMatch(/retry on fail/i);
		}
	});

	it.each(LINQ_CODES)(
		'Linq %i on a change that is not safe to repeat: no blind retry advice',
		(code) => {
			const description = describeFailure(statusOf(code), code, false);
			if (statusOf(code) >= 500) expect(description).toContain(RETRY_UNSAFE_ADVICE);
			expect(description.replace(RETRY_UNSAFE_ADVICE, '')).not.toMatch(BLIND_RETRY);
		},
	);

	it.each([
		['a 502 without a Linq body', 502, undefined],
		['a reset connection', undefined, 'ECONNRESET'],
		['a timeout', undefined, 'ETIMEDOUT'],
	])('%s on a change that is not safe to repeat: the unsafe advice', (_label, status, code) => {
		const description = describeFailure(status, code, false);
		expect(description).toContain(RETRY_UNSAFE_ADVICE);
		expect(description.replace(RETRY_UNSAFE_ADVICE, '')).not.toMatch(BLIND_RETRY);
	});

	it('a request that is safe to repeat says so when its outcome is unknown, and only then', () => {
		expect(describeFailure(500, 3006, true)).toContain(RETRY_SAFE_ADVICE);
		expect(describeFailure(undefined, 'ECONNRESET', true)).toContain(RETRY_SAFE_ADVICE);
		// A 4xx means Linq refused it: repeating would only fail again, so no retry advice at all.
		expect(describeFailure(409, 2013, true)).not.toContain(RETRY_SAFE_ADVICE);
		expect(describeFailure(409, 2013, false)).not.toContain(RETRY_UNSAFE_ADVICE);
	});

	it('Retry On Fail re-runs every item: item 0 of an Add Participant batch goes out twice (why the node never advises it)', async () => {
		const sent: string[] = [];
		let failedOnce = false;
		nock(BASE_URL)
			.persist()
			.post(`/v3/chats/${CHAT_ID}/participants`)
			.reply((_uri, body) => {
				const { handle } = body as { handle: string };
				sent.push(handle);
				if (handle.endsWith('1') && !failedOnce) {
					failedOnce = true;
					return [500, linqError(500, 3001, 'Service connection failed')];
				}
				return [202, queued()];
			});
		const { items } = await runNode(
			{
				parameters: chatParams('addParticipant', {
					handle: '={{ $json.h }}',
					options: { parallelRequests: 1 },
				}),
				retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
			},
			[{ h: '+12223334440' }, { h: '+12223334441' }],
		);
		expect(items).toHaveLength(2);
		expect(sent).toEqual(['+12223334440', '+12223334441', '+12223334440', '+12223334441']);
	});

	it('the failure of item 1 in that batch tells the user not to use Retry On Fail and what to do instead', async () => {
		nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/participants`)
			.reply(202, queued())
			.post(`/v3/chats/${CHAT_ID}/participants`)
			.reply(500, linqError(500, 3001, 'Service connection failed'));
		const { error } = await runNode(
			{
				parameters: chatParams('addParticipant', {
					handle: '={{ $json.h }}',
					options: { parallelRequests: 1 },
				}),
			},
			[{ h: '+12223334440' }, { h: '+12223334441' }],
		);
		expect(error?.message).toBe('Service connection failed');
		expect(error?.description).toContain('Do not use Retry On Fail here');
		expect(error?.description).toContain('Continue (using error output)');
	});
});
