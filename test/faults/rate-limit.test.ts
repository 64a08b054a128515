/**
 * A large batch of sends under Linq's rate limit (the sandbox's token bucket: 429 with Retry-After and
 * Linq code 1007): every item succeeds exactly once, none is sent twice, and the node backs off
 * (pauses all requests for Retry-After and runs fewer at once) instead of storming. The clock is
 * virtual: waits move it, no real time passes.
 */
import { createSandbox } from '../../sandbox/server';
import { SEED_IDS } from '../../sandbox/state';
import { useRealClock, useVirtualClock } from '../helpers/clock';
import { runNode } from '../helpers/engine';

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;
interface Recorded {
	method: string;
	path: string;
	status?: number | string;
	replayed?: boolean;
	body?: { message?: { idempotency_key?: string } };
	at: number;
}

const COUNT = 300;

describe('a 300-item send batch under a 50 requests/s rate limit', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		useVirtualClock();
		sandbox = await createSandbox({
			apiKey: 'sk_ratelimit_test_0042',
			queueDelayMs: 1,
			now: () => Date.now(),
			rateLimit: { perSecond: 50, burst: 50 },
		});
	});
	afterEach(async () => {
		await sandbox.close();
		useRealClock();
	});

	it.each([5, 20])(
		`Parallel Requests %i: ${COUNT} items out, all sent once, 429s absorbed`,
		async (parallel) => {
			const { items, error } = await runNode(
				{
					parameters: {
						resource: 'message',
						operation: 'send',
						chatId: { __rl: true, mode: 'id', value: SEED_IDS.dm },
						text: '={{ "Reminder " + $json.n }}',
						options: { parallelRequests: parallel },
					},
				},
				Array.from({ length: COUNT }, (_, n) => ({ n })),
				{ apiKey: 'sk_ratelimit_test_0042', baseUrl: sandbox.baseUrl },
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(COUNT);
			expect(items!.every((item) => typeof item.json.message_id === 'string')).toBe(true);

			const sends = (sandbox.requests as Recorded[]).filter(
				(r) => r.method === 'POST' && r.path.endsWith('/messages'),
			);
			const limited = sends.filter((r) => r.status === 429).length;
			const delivered = sends.filter((r) => r.status === 200 && !r.replayed);
			// Every item's key reached Linq as a real send exactly once.
			const keys = delivered.map((r) => r.body?.message?.idempotency_key);
			expect(new Set(keys).size).toBe(COUNT);
			expect(keys).toHaveLength(COUNT);
			expect(
				new Set(
					sandbox.messages.all().map((m: { parts: Array<{ value: string }> }) => m.parts[0].value),
				).size,
			).toBeGreaterThanOrEqual(COUNT);
			// The limit was hit, and absorbed: at most a few 429s per second of work, not one per retry storm.
			const seconds = Math.ceil(COUNT / 50);
			expect(limited).toBeGreaterThan(0);
			expect(limited).toBeLessThanOrEqual(seconds * parallel);
			process.stderr.write(`parallel ${parallel}: ${limited} answers 429 for ${COUNT} sends\n`);
		},
	);
});
