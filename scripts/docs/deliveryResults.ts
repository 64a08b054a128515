/**
 * The crash suites' measurements (test/e2e/results/delivery-n8n-<version>.json from
 * `npm run test:e2e`, queue-crash-n8n-<version>.json from `npm run test:e2e:queue`) as one table;
 * `npm run docs` writes it into the `delivery-measured` block of docs/delivery-guarantees.md.
 */
import fs from 'node:fs';
import path from 'node:path';

const RESULTS = path.resolve(__dirname, '..', '..', 'test', 'e2e', 'results');

interface Counted {
	answered: number;
	executions: number;
	lost: number;
	/** Answered 200 by n8n's start-up page, never reaching a node (older results lack it). */
	startingUp?: number;
	ranTwice: number;
	neverAnswered?: number;
}

interface Copies {
	deliveries: number;
	executions: number;
	replies: number;
	replays: number;
}

type Report = Record<string, unknown> & { measuredAt?: string };

const NODES = ['Linq Trigger', 'Webhook'];
const NODE_NAMES: Record<string, string> = { Webhook: "n8n's Webhook node" };

/** A scenario's words in the table, from the name the suite reports it under. */
function scenarioOf(
	mode: 'regular' | 'queue',
	name: string,
	perSecond: number,
): string | undefined {
	if (mode === 'regular' && name === 'burst')
		return 'SIGKILL right after a burst of 300 (20 in flight)';
	if (mode === 'regular' && name === 'redelivered after the restart')
		return 'after that restart, every answered delivery sent again';
	const stream = /^stream with (\d+) crashes/.exec(name);
	if (mode === 'regular' && stream)
		return `a stream at ${perSecond}/s with ${stream[1]} SIGKILLs at random moments, Linq retrying`;
	if (mode === 'queue' && name === 'kill -9 mid-stream')
		return `kill -9 of the trigger's webhook process mid-stream (${perSecond}/s, no drain), Linq retrying`;
	return undefined;
}

function reportsOf(dir: string, prefix: string): Array<{ n8n: string; report: Report }> {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.map((name) => new RegExp(`^${prefix}-n8n-(.+)\\.json$`).exec(name))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({
			n8n: match[1],
			report: JSON.parse(fs.readFileSync(path.join(dir, match[0]), 'utf8')) as Report,
		}))
		.sort((a, b) => a.n8n.localeCompare(b.n8n, 'en', { numeric: true }));
}

/** Reports from before the suites wrote their rate streamed 10 a second. */
const perSecondOf = (report: Report) => Number(report.streamPerSecond ?? 10);

const cell = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The table, or undefined when neither crash suite has run here. */
export function deliveryResultsTable(dir = RESULTS): string | undefined {
	const rows: string[] = [];
	const copies: string[] = [];
	for (const [mode, prefix] of [
		['regular', 'delivery'],
		['queue', 'queue-crash'],
	] as const) {
		for (const { n8n, report } of reportsOf(dir, prefix)) {
			const day = report.measuredAt ? report.measuredAt.slice(0, 10) : '';
			for (const [name, value] of Object.entries(report)) {
				if (name === 'round-robin copies, auto-reply') {
					const c = value as Copies;
					copies.push(
						`| ${n8n} | ${day} | ${c.deliveries} | ${c.executions} | ${c.replies} | ${c.replays} |`,
					);
					continue;
				}
				const scenario = scenarioOf(mode, name, perSecondOf(report));
				if (!scenario) continue;
				for (const node of NODES) {
					const c = (value as Record<string, Counted>)[node];
					if (!c) continue;
					rows.push(
						`| ${n8n} | ${mode} | ${scenario} | ${NODE_NAMES[node] ?? node} | ${c.answered} | ${c.executions} | **${c.lost}** | ${cell(c.startingUp)} | ${c.ranTwice} | ${cell(c.neverAnswered)} | ${day} |`,
					);
				}
			}
		}
	}
	if (rows.length === 0 && copies.length === 0) return undefined;
	const parts = [
		'| n8n | Mode | Scenario | Node | Answered 2xx | Executions | Lost | n8n starting up | Ran twice | Linq gave up | Measured |',
		'|---|---|---|---|---|---|---|---|---|---|---|',
		...rows,
	];
	if (copies.length > 0) {
		parts.push(
			'',
			'Queue mode, plain round-robin, each delivery sent to both webhook processes at the same moment, the auto-reply example behind the trigger:',
			'',
			'| n8n | Measured | Deliveries | Executions | Replies sent | Idempotent replays |',
			'|---|---|---|---|---|---|',
			...copies,
		);
	}
	return parts.join('\n');
}

/**
 * One line per n8n version for the README: what each node lost over every crash scenario there
 * (the redelivery after the restart counts the burst's deliveries again, so it is left out).
 */
export function deliverySummary(dir = RESULTS): string | undefined {
	const totals = new Map<string, Map<string, Counted>>();
	for (const [mode, prefix] of [
		['regular', 'delivery'],
		['queue', 'queue-crash'],
	] as const) {
		for (const { n8n, report } of reportsOf(dir, prefix)) {
			for (const [name, value] of Object.entries(report)) {
				if (
					!scenarioOf(mode, name, perSecondOf(report)) ||
					name === 'redelivered after the restart'
				)
					continue;
				for (const node of NODES) {
					const c = (value as Record<string, Counted>)[node];
					if (!c) continue;
					const byNode = totals.get(n8n) ?? new Map<string, Counted>();
					const sum = byNode.get(node) ?? {
						answered: 0,
						executions: 0,
						lost: 0,
						startingUp: 0,
						ranTwice: 0,
					};
					sum.answered += c.answered;
					sum.executions += c.executions;
					sum.lost += c.lost;
					sum.startingUp = (sum.startingUp ?? 0) + (c.startingUp ?? 0);
					sum.ranTwice += c.ranTwice;
					byNode.set(node, sum);
					totals.set(n8n, byNode);
				}
			}
		}
	}
	if (totals.size === 0) return undefined;
	const versions = [...totals.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
	const lines = versions.map((n8n) => {
		const byNode = totals.get(n8n) as Map<string, Counted>;
		const said = NODES.filter((node) => byNode.has(node)).map((node) => {
			const c = byNode.get(node) as Counted;
			return `${NODE_NAMES[node] ?? node} lost **${c.lost}** of ${c.answered} answered 200 (${c.ranTwice} ran twice; ${c.startingUp} more got n8n's own start-up 200 and reached no node)`;
		});
		return `- n8n ${n8n}: ${said.join('; ')}.`;
	});
	return [
		'Measured by the crash suites (SIGKILL right after a burst and at random moments of a stream; in queue mode',
		"`kill -9` of the trigger's webhook process mid-stream), n8n's own Webhook node beside it on the same deliveries:",
		'',
		...lines,
	].join('\n');
}
