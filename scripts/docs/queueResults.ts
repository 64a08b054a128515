/**
 * The queue-mode suite's measurements (test/e2e/results/queue-dedupe-n8n-<version>.json, written by
 * `npm run test:e2e:queue`) as a table; `npm run docs` writes it into the `queue` block of docs/queue-mode.md.
 */
import fs from 'node:fs';
import path from 'node:path';

const RESULTS = path.resolve(__dirname, '..', '..', 'test', 'e2e', 'results');

interface Totals {
	rounds: number;
	deliveries: number;
	executions: number;
	duplicates: number;
	lost: number;
}

interface Report {
	n8n: string;
	measuredAt: string;
	streamPerSecond?: number;
	summary: Record<'perTriggerRouting' | 'roundRobin', Record<string, Totals>>;
}

const SCENARIOS: Array<[keyof Report['summary'], string, string]> = [
	[
		'perTriggerRouting',
		'crosswise',
		'40 at once, then each redelivered to the other process (past the balancer)',
	],
	['perTriggerRouting', 'simultaneous', 'each delivery sent twice at the same moment'],
	[
		'perTriggerRouting',
		'restart',
		"a stream (PER_SECOND/s and a burst of 40); the trigger's process drained, stopped and restarted mid-stream; then redeliveries of what it took",
	],
	['roundRobin', 'crosswise', '40 at once, then each redelivered to the other process'],
	['roundRobin', 'simultaneous', 'each delivery sent twice at the same moment'],
];

const BALANCER = { perTriggerRouting: 'per trigger (documented)', roundRobin: 'plain round-robin' };

/** The newest report, or undefined when the suite has not run here. */
export function latestQueueReport(): Report | undefined {
	if (!fs.existsSync(RESULTS)) return undefined;
	const reports = fs
		.readdirSync(RESULTS)
		.filter((name) => /^queue-dedupe-n8n-.+\.json$/.test(name))
		.map((name) => JSON.parse(fs.readFileSync(path.join(RESULTS, name), 'utf8')) as Report)
		.filter((report) => report.summary?.perTriggerRouting && report.summary?.roundRobin);
	return reports.sort((a, b) => b.measuredAt.localeCompare(a.measuredAt))[0];
}

export function queueResultsTable(report: Report): string {
	const rows = SCENARIOS.filter(([balancer, name]) => report.summary[balancer][name]?.rounds).map(
		([balancer, name, what]) => {
			const t = report.summary[balancer][name];
			// Reports from before the suite wrote its rate streamed 10 a second.
			const scenario = what.replace('PER_SECOND', String(report.streamPerSecond ?? 10));
			return `| ${BALANCER[balancer]} | ${scenario} | ${t.rounds} | ${t.deliveries} | ${t.executions} | ${t.duplicates} | ${t.lost} |`;
		},
	);
	return [
		`n8n ${report.n8n}, measured ${report.measuredAt.slice(0, 10)}:`,
		'',
		'| Balancer | Scenario | Rounds | Deliveries | Executions | Ran twice | Lost |',
		'|---|---|---|---|---|---|---|',
		...rows,
	].join('\n');
}
