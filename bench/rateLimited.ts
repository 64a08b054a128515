/**
 * 1,000 sends against the sandbox limited to 50 requests/s (token bucket; 429 + Retry-After + Linq
 * code 1007): the Linq node with its defaults vs n8n's HTTP Request node, by default and with Retry
 * On Fail. Counted at the sandbox: items that got through, items that did not, items sent more than
 * once, and the effective rate ÷ the limit.
 */
import type { createSandbox } from '../sandbox/server';

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;
type Result = { ok: number; ms: number; maxRssMb: number };

export const RATE_LIMIT_PER_SECOND = 50;

interface Runner {
	label: string;
	job: Record<string, unknown>;
}

const RUNNERS: Runner[] = [
	{ label: 'Linq node (defaults: Parallel Requests 5)', job: { scenario: 'linq-send' } },
	{ label: 'HTTP Request node (defaults)', job: { scenario: 'http-send' } },
	{
		label: 'HTTP Request node, Retry On Fail (3 tries, 1 s apart)',
		job: { scenario: 'http-send', retryOnFail: { maxTries: 3, waitBetweenTries: 1000 } },
	},
];

export async function rateLimitedSends(
	sandbox: Sandbox,
	runScenario: (job: object) => Promise<Result>,
	base: Record<string, unknown>,
	count: number,
): Promise<{ table: string; linq: { succeeded: number; duplicated: number; ofLimit: number } }> {
	const rows: string[] = [];
	let linq = { succeeded: 0, duplicated: 0, ofLimit: 0 };
	for (const [n, runner] of RUNNERS.entries()) {
		const chat = sandbox.state.addChat({
			id: `cccccccc-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
			name: null,
			members: [`+1628900${String(n).padStart(4, '0')}`],
			isGroup: false,
		});
		const tag = `run${n}`;
		const items = Array.from({ length: count }, (_, i) => ({ text: `${tag} item ${i}` }));
		sandbox.setRateLimit({ perSecond: RATE_LIMIT_PER_SECOND, burst: RATE_LIMIT_PER_SECOND });
		const started = Date.now();
		await runScenario({ ...base, ...runner.job, chatId: chat.id, items, warmup: [] });
		const seconds = (Date.now() - started) / 1000;
		sandbox.setRateLimit(null);

		const texts = (
			sandbox.messages.all() as Array<{ chat_id: string; parts: Array<{ value?: string }> }>
		)
			.filter((m) => m.chat_id === chat.id)
			.map((m) => m.parts[0]?.value ?? '');
		const distinct = new Set(texts).size;
		const duplicated = texts.length - distinct;
		const ofLimit = distinct / seconds / RATE_LIMIT_PER_SECOND;
		if (n === 0) linq = { succeeded: distinct, duplicated, ofLimit };
		rows.push(
			`| ${runner.label} | ${distinct}/${count} | ${count - distinct} | ${duplicated} | ${seconds.toFixed(1)} s | ${(distinct / seconds).toFixed(1)}/s | ${ofLimit.toFixed(2)} |`,
		);
		process.stderr.write(
			`rate-limited ${runner.label}: ${distinct}/${count}, ${duplicated} duplicated, ${seconds.toFixed(1)} s\n`,
		);
	}
	const table = [
		`${count} text messages to one chat against the sandbox limited to ${RATE_LIMIT_PER_SECOND} requests/s (token bucket, burst ${RATE_LIMIT_PER_SECOND}; 429 with Retry-After and Linq code 1007), counted at the sandbox.`,
		'',
		'| Runner | Items that got through | Failed | Sent twice or more | Time | Effective rate | ÷ limit |',
		'|---|---|---|---|---|---|---|',
		...rows,
	].join('\n');
	return { table, linq };
}
