/**
 * Faults injected by the Linq sandbox in the middle of a 120-item batch: 500s, HTML 502s, reset
 * connections, timeouts and a burst of 429s. Every item must come out exactly once, in order,
 * with Linq's code/status on failures, and no non-idempotent call may reach Linq twice.
 */
import { createSandbox } from '../../sandbox/server';
import { SEED_IDS } from '../../sandbox/state';
import { runNode } from '../helpers/engine';
import { chatParams } from '../helpers/linq';

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

const COUNT = 120;
const handleOf = (i: number) => `+1415600${String(i).padStart(4, '0')}`;
/** The fault each item meets, by its index (matched on the handle in the request body). */
function faultOf(i: number): '500' | 'html' | 'reset' | 'timeout' | '429-then-ok' | 'none' {
	if (i % 40 === 9) return 'timeout';
	if (i % 10 === 3) return '500';
	if (i % 10 === 5) return 'html';
	if (i % 10 === 7) return 'reset';
	if (i % 10 === 1) return '429-then-ok';
	return 'none';
}
const endingIn = (digits: string) => `"\\+1415600\\d*${digits}"`;

describe('fault injection over a 120-item Add Participant batch', () => {
	let sandbox: Sandbox;

	beforeEach(async () => {
		sandbox = await createSandbox({ apiKey: 'sk_faults_test_key_0042', queueDelayMs: 1 });
		// A request that never gets an answer within the node's timeout. The margin is wide (the others
		// answer in milliseconds, the timeout is 2 s, these are held for 60 s), so a busy machine cannot
		// turn a normal answer into a timeout.
		sandbox.addFault({
			method: 'POST',
			bodyMatch: endingIn('(0009|0049|0089)'),
			latencyMs: 60_000,
		});
		sandbox.addFault({
			method: 'POST',
			bodyMatch: endingIn('3'),
			status: 500,
			code: 3006,
			message: 'Internal server error',
		});
		sandbox.addFault({ method: 'POST', bodyMatch: endingIn('5'), html: true, status: 502 });
		sandbox.addFault({ method: 'POST', bodyMatch: endingIn('7'), drop: true });
		sandbox.addFault({
			method: 'POST',
			bodyMatch: endingIn('1'),
			status: 429,
			code: 1007,
			message: 'Rate limit exceeded',
			retryAfter: 0,
			firstOnly: true,
		});
	});
	afterEach(async () => sandbox.close());

	const params = (parallelRequests: number) =>
		chatParams(
			'addParticipant',
			{ handle: '={{ $json.handle }}', options: { parallelRequests, timeout: 2000 } },
			SEED_IDS.imessageGroup,
		);
	const input = Array.from({ length: COUNT }, (_, i) => ({ handle: handleOf(i) }));
	const credentials = () => ({ apiKey: 'sk_faults_test_key_0042', baseUrl: sandbox.baseUrl });

	/** Requests per handle that Linq did not refuse with 429: a second one would be a duplicate send. */
	function deliveredSends() {
		const byHandle = new Map<string, number>();
		for (const r of sandbox.requests as Array<{
			method: string;
			body?: { handle?: string };
			status?: number | string;
		}>) {
			if (r.method !== 'POST' || !r.body?.handle || r.status === 429) continue;
			byHandle.set(r.body.handle, (byHandle.get(r.body.handle) ?? 0) + 1);
		}
		return byHandle;
	}

	it.each([1, 5, 10])(
		'continue on fail, parallel %i: every item once, in order, failures carry code and status',
		async (parallel) => {
			const { items, error } = await runNode(
				{ parameters: params(parallel), continueOnFail: true },
				input,
				credentials(),
			);

			expect(error).toBeUndefined();
			expect(items).toHaveLength(COUNT);
			items!.forEach((item, i) => {
				expect(item.pairedItem).toEqual({ item: i });
				expect(item.json.handle).toBe(handleOf(i));
				const fault = faultOf(i);
				if (fault === 'none' || fault === '429-then-ok') {
					expect(item.json).toMatchObject({
						status: 'accepted',
						message: 'Participant addition queued',
					});
				} else if (fault === '500') {
					expect(item.json).toMatchObject({
						error: 'Internal server error',
						code: 3006,
						status: 500,
					});
				} else if (fault === 'html') {
					expect(item.json).toMatchObject({
						error: 'Linq answered HTTP 502 with an HTML page',
						status: 502,
					});
				} else if (fault === 'reset') {
					expect(item.json).toMatchObject({ code: 'ECONNRESET' });
				} else {
					expect(item.json).toMatchObject({ code: 'ETIMEDOUT' });
				}
			});
			const sends = deliveredSends();
			for (const [handle, count] of sends) expect([handle, count]).toEqual([handle, 1]);
			expect(sends.size).toBe(COUNT);
		},
		60_000,
	);

	it('without continue on fail: stops at the first failure and names the item; nothing sent twice', async () => {
		const { items, error } = await runNode({ parameters: params(1) }, input, credentials());
		expect(items).toBeUndefined();
		expect(error?.message).toBe('Internal server error');
		expect(error?.context?.itemIndex).toBe(3);
		const sends = deliveredSends();
		expect([...sends.keys()]).toEqual([0, 1, 2, 3].map(handleOf));
		expect([...sends.values()]).toEqual([1, 1, 1, 1]);
	}, 60_000);
});
