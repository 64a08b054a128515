/**
 * `npm run bench`: throughput of the Linq node against the alternatives, on loopback, same Linq
 * sandbox, same work. Prints a table (and writes it into docs/throughput.md between the bench markers).
 *
 *   1. the Linq node (the built package) in n8n's real engine, sequential and with Parallel Requests 10;
 *   2. n8n's own HTTP Request node making the same calls in the same engine;
 *   3. a bare `fetch` loop (the floor).
 * For 1,000 Add Participant and 1,000 Leave Chat requests, at 0 ms and 20 ms added server latency.
 * Plus webhook verification: deliveries/s through the trigger's handler vs a bare HMAC verify.
 * Each scenario runs in its own process, so its peak RSS is its own.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createSandbox } from '../sandbox/server';
import { ensureN8n } from '../scripts/lib/n8n-install';
import { rateLimitedSends } from './rateLimited';
import { triggerThroughput } from './triggerThroughput';

const ROOT = path.resolve(__dirname, '..');
const COUNT = Number(process.env.BENCH_ITEMS ?? 1000);
const WARMUP = 100;
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,20').split(',').map(Number);
const RUNS_AT_ZERO = Number(process.env.BENCH_RUNS ?? 3);
/** Which parts to run: participants (with webhook verification), rate-limit. */
const SECTIONS = (process.env.BENCH_SECTIONS ?? 'participants,rate-limit,triggers').split(',');
const RATE_LIMITED_SENDS = Number(process.env.BENCH_SENDS ?? 1000);

/** Writes a table into docs/throughput.md between `<!-- marker:start -->` and `<!-- marker:end -->`. */
function writeReadmeBlock(marker: string, table: string) {
	if (process.env.BENCH_NO_README === '1') return;
	const readme = path.join(ROOT, 'docs', 'throughput.md');
	const text = fs.readFileSync(readme, 'utf8');
	const start = `<!-- ${marker}:start -->`;
	const end = `<!-- ${marker}:end -->`;
	if (!text.includes(start) || !text.includes(end)) return;
	fs.writeFileSync(
		readme,
		text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`),
	);
	console.log(`\n(docs/throughput.md updated between the ${marker} markers.)`);
}

type Result = { ok: number; ms: number; count: number; maxRssMb: number };

/** Runs a scenario in a child process; asynchronous so the sandbox in this process keeps answering. */
function runScenario(job: object): Promise<Result> {
	// The job goes through a file: 1,000 items are too long for a command line.
	const jobFile = path.join(os.tmpdir(), `linqapp-bench-job-${process.pid}.json`);
	fs.writeFileSync(jobFile, JSON.stringify(job));
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[
				'-r',
				path.join(ROOT, 'scripts/lib/register-ts.js'),
				path.join(__dirname, 'scenario.ts'),
				jobFile,
			],
			{
				env: { ...process.env, LINQAPP_BENCH: '1', N8N_LOG_LEVEL: 'error' },
				maxBuffer: 64 * 1024 * 1024,
			},
			(error, stdout, stderr) => {
				if (error)
					return reject(
						new Error(`scenario failed (exit ${error.code}):\n${stderr.slice(0, 2000)}`),
					);
				resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as Result);
			},
		);
	});
}

let uuidCounter = 0;
const uuid = () => `bbbbbbbb-0000-4000-8000-${String(++uuidCounter).padStart(12, '0')}`;
let handleCounter = 0;
const handle = () => `+1628${String(++handleCounter).padStart(7, '0')}`;

async function main() {
	const n8nDir = ensureN8n();
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
	const sandbox = await createSandbox({ apiKey: 'sk_bench_key_000000', queueDelayMs: 5 });
	const base = { baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey, n8nDir };
	if (SECTIONS.includes('triggers')) {
		// The built package (dist/) in a real n8n: executions per second, Linq Trigger vs Webhook node.
		const table = await triggerThroughput();
		console.log(`${table}\n`);
		writeReadmeBlock('bench-triggers', table);
	}
	if (SECTIONS.includes('rate-limit')) {
		const { table, linq } = await rateLimitedSends(sandbox, runScenario, base, RATE_LIMITED_SENDS);
		console.log(`${table}\n`);
		console.log(
			`Linq node: ${linq.succeeded}/${RATE_LIMITED_SENDS} sent, ${linq.duplicated} duplicates, ${linq.ofLimit.toFixed(2)} of the limit (target: all, 0, ≥ 0.9).`,
		);
		writeReadmeBlock('bench-rate', table);
	}
	if (!SECTIONS.includes('participants')) {
		await sandbox.close();
		return;
	}

	// Warm the sandbox's own code paths first, so the first scenario measured does not pay for them.
	const warmChat = sandbox.state.addChat({
		id: uuid(),
		name: 'Warm-up',
		members: [handle(), handle(), handle()],
	});
	for (let i = 0; i < 2000; i++) {
		const response = await fetch(`${sandbox.baseUrl}/v3/chats/${warmChat.id}/participants`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ handle: handle() }),
		});
		await response.arrayBuffer();
	}

	/** Fresh Linq work for one run: leaving needs a new 4-person iMessage group per item. */
	function work(operation: 'add' | 'leave', n: number) {
		if (operation === 'add') {
			const chat = sandbox.state.addChat({
				id: uuid(),
				name: 'Bench',
				members: [handle(), handle(), handle()],
			});
			return Array.from({ length: n }, () => ({ chat_id: chat.id, handle: handle() }));
		}
		return Array.from({ length: n }, () => {
			const chat = sandbox.state.addChat({
				id: uuid(),
				name: 'Bench',
				members: [handle(), handle(), handle()],
			});
			return { chat_id: chat.id };
		});
	}

	const rows: string[] = [];
	const summary: Record<string, number> = {};
	for (const operation of ['add', 'leave'] as const) {
		for (const latency of LATENCIES) {
			sandbox.setLatency(latency);
			const scenarios = [
				['Linq node, sequential', { scenario: 'linq', parallel: 1 }],
				['Linq node, Parallel Requests 10', { scenario: 'linq', parallel: 10 }],
				['Linq node, Parallel Requests 50', { scenario: 'linq', parallel: 50 }],
				['HTTP Request node (all items at once)', { scenario: 'http-node' }],
				['bare fetch loop', { scenario: 'bare-fetch' }],
			] as const;
			const results: Record<string, Result> = {};
			// At 0 ms the runs are CPU-bound and noisy: take the median of several, interleaved so no
			// runner always goes first. At 20 ms latency dominates and one run is enough.
			const runs = latency === 0 ? RUNS_AT_ZERO : 1;
			const samples: Record<string, Result[]> = {};
			for (let run = 0; run < runs; run++) {
				const order = run % 2 === 0 ? scenarios : [...scenarios].reverse();
				for (const [label, spec] of order) {
					const result = await runScenario({
						...base,
						...spec,
						operation,
						items: work(operation, COUNT),
						warmup: work(operation, WARMUP),
					});
					if (result.ok !== COUNT)
						throw new Error(
							`${label} (${operation}, ${latency} ms): only ${result.ok}/${COUNT} succeeded`,
						);
					(samples[label] ??= []).push(result);
					process.stderr.write(
						`${operation} ${latency} ms ${label}: ${(COUNT / (result.ms / 1000)).toFixed(0)} items/s\n`,
					);
				}
			}
			for (const [label] of scenarios) {
				const sorted = [...samples[label]].sort((a, b) => a.ms - b.ms);
				results[label] = sorted[Math.floor(sorted.length / 2)];
			}
			const rate = (label: string) => COUNT / (results[label].ms / 1000);
			const seq = rate('Linq node, sequential');
			const http = rate('HTTP Request node (all items at once)');
			const bare = rate('bare fetch loop');
			const par = rate('Linq node, Parallel Requests 10');
			const op = operation === 'add' ? 'Add Participant' : 'Leave Chat';
			for (const [label] of scenarios) {
				const r = rate(label);
				const ratios = label.startsWith('Linq')
					? `${(r / http).toFixed(2)}× | ${(r / bare).toFixed(2)}×`
					: '– | –';
				rows.push(
					`| ${op} | ${latency} ms | ${label} | ${r.toFixed(0)} | ${ratios} | ${results[label].maxRssMb.toFixed(0)} MB |`,
				);
			}
			summary[`${operation}@${latency}: speed-up at Parallel Requests 10`] = par / seq;
			summary[`${operation}@${latency}: Linq (Parallel Requests 50) ÷ HTTP node`] =
				rate('Linq node, Parallel Requests 50') / http;
			summary[`${operation}@${latency}: Linq seq ÷ bare`] = seq / bare;
		}
	}
	sandbox.setLatency(0);

	const verifyCount = Number(process.env.BENCH_DELIVERIES ?? 5000);
	const viaTrigger = await runScenario({
		...base,
		scenario: 'trigger-webhook',
		count: verifyCount,
		items: [],
		warmup: [],
	});
	const bareHmac = await runScenario({
		...base,
		scenario: 'bare-hmac',
		count: verifyCount * 10,
		items: [],
		warmup: [],
	});
	await sandbox.close();

	const perSecond = (r: Result) => r.ok / (r.ms / 1000);
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
	const table = [
		`Machine: ${machine}. ${COUNT} requests per run against the Linq sandbox on 127.0.0.1; n8n-core ${require(path.join(ROOT, 'node_modules/n8n-core/package.json')).version}.`,
		'',
		'| Operation | Added latency | Runner | Items/s | ÷ HTTP Request node | ÷ bare loop | Peak RSS |',
		'|---|---|---|---|---|---|---|',
		...rows,
		'',
		'| Webhook verification | Deliveries/s | Peak RSS |',
		'|---|---|---|',
		`| Linq Trigger webhook() in n8n's WebhookContext (verify, dedupe, build item) | ${perSecond(viaTrigger).toFixed(0)} | ${viaTrigger.maxRssMb.toFixed(0)} MB |`,
		`| bare HMAC-SHA256 verify | ${perSecond(bareHmac).toFixed(0)} | ${bareHmac.maxRssMb.toFixed(0)} MB |`,
		'',
		...Object.entries(summary).map(([k, v]) => `- ${k}: ${v.toFixed(2)}×`),
	].join('\n');

	console.log(table);
	writeReadmeBlock('bench', table);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
