/**
 * `npm run bench` (section `triggers`): end-to-end executions per second through a running n8n,
 * the Linq Trigger beside n8n's own Webhook node, on the same ~1 KB `message.received` body and
 * workflow shape (start node → No Operation), for each n8n version in BENCH_N8N_VERSIONS. Both
 * get the same deliveries, DELIVERIES_IN_FLIGHT at a time, one node after the other, alternating
 * which goes first; a run counts from the first delivery sent to the last execution finished.
 * Prints the answer rate too: an answer rate above the execution rate is a backlog in memory.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createSandbox } from '../sandbox/server';
import { cacheDir, ensureN8n } from '../scripts/lib/n8n-install';
import { BENCH_N8N_VERSIONS, NEWEST_N8N_VERSION } from '../scripts/lib/n8n-versions';
import { restClient } from '../scripts/lib/n8n-rest';
import { prepareUserFolder, startN8n } from '../scripts/lib/n8n-runtime';
import {
	sendBurst,
	subscribeByHand,
	type Counting,
	type Target,
} from '../test/e2e/delivery-harness';

const DELIVERIES = Number(process.env.BENCH_TRIGGER_DELIVERIES ?? 300);
const IN_FLIGHT = Number(process.env.BENCH_TRIGGER_IN_FLIGHT ?? 10);
const ROUNDS = Number(process.env.BENCH_TRIGGER_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_N8N_PORT ?? 5478);

interface Execution {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function workflow(name: string, start: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{ id: randomUUID(), position: [0, 0], typeVersion: 1, ...start },
			{
				id: randomUUID(),
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [260, 0],
				parameters: {},
			},
		],
		connections: {
			[String(start.name)]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * n8n 2.4x creates an expression isolate for every webhook request to any start node but its own
 * Webhook node (n8n@2.41.1 packages/cli/src/webhooks/live-webhooks.ts, webhookPhaseNeedsIsolate):
 * these versions are measured a second time with n8n's setting that creates isolates only when an
 * expression needs one.
 */
const LAZY_ISOLATE_VERSIONS = (process.env.BENCH_TRIGGER_LAZY_VERSIONS ?? NEWEST_N8N_VERSION)
	.split(',')
	.filter(Boolean);
const LAZY_ISOLATE_ENV = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

/** One version: n8n started once, both workflows published, ROUNDS runs of each. */
async function measureVersion(version: string, extraEnv: Record<string, string> = {}) {
	process.env.LINQAPP_N8N_VERSION = version;
	ensureN8n((line: string) => process.stderr.write(`${line}\n`), version);
	const sandbox = await createSandbox({ apiKey: 'sk_bench_trigger', retryDelaysMs: [] });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'linqapp-bench-trigger-'));
	prepareUserFolder(userFolder);
	const n8n = await startN8n({
		userFolder,
		port: PORT,
		dir: cacheDir(version),
		logFile: path.join(userFolder, 'n8n.log'),
		env: { N8N_LOG_LEVEL: 'error', ...extraEnv },
	});
	try {
		const api = await restClient(n8n.url);
		const credential = await api.createCredential('Linq sandbox', {
			apiKey: sandbox.apiKey,
			baseUrl: sandbox.baseUrl,
		});
		const triggerFlow = await api.importWorkflow(
			workflow('Bench: Linq Trigger', {
				name: 'Linq Trigger',
				type: 'n8n-nodes-linqapp.linqTrigger',
				// The version a new Linq Trigger gets. (n8n evaluates an expression for every delivery to
				// a webhook node of version 1: webhook-helpers.ts, parseRequestBody.)
				typeVersion: 1.1,
				webhookId: randomUUID(),
				parameters: { events: ['message.received'] },
				credentials: { linqAppApi: { id: credential.id, name: credential.name } },
			}),
			credential,
		);
		const webhookFlow = await api.importWorkflow(
			workflow('Bench: Webhook node', {
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: 'bench-webhook-node', options: {} },
			}),
		);
		// The same Webhook node with one expression among its parameters: n8n then creates the
		// expression isolate for it too (live-webhooks.ts, nodeParametersAreStatic), as it does for
		// every other start node, so this is the like-for-like comparison on n8n 2.4x.
		const expressionFlow = await api.importWorkflow(
			workflow('Bench: Webhook node with an expression', {
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: 'bench-webhook-expression',
					options: { ignoreBots: '={{ false }}' },
				},
			}),
		);
		await api.activate(triggerFlow);
		await api.activate(webhookFlow);
		await api.activate(expressionFlow);
		const counting: Counting = { sandbox, api };
		for (let i = 0; i < 100 && sandbox.state.subscriptions.size === 0; i++)
			await new Promise((r) => setTimeout(r, 200));
		const triggerSubscription = [...sandbox.state.subscriptions.values()][0];
		const created = await subscribeByHand(counting, `${n8n.url}/webhook/bench-webhook-node`, [
			'message.received',
		]);
		const withExpression = await subscribeByHand(
			counting,
			`${n8n.url}/webhook/bench-webhook-expression`,
			['message.received'],
		);
		const targets: Target[] = [
			{ name: 'Linq Trigger', workflowId: triggerFlow.id, subscription: triggerSubscription },
			{
				name: 'Webhook',
				workflowId: webhookFlow.id,
				subscription: sandbox.state.subscriptions.get(created.id),
			},
			{
				name: 'Webhook with an expression',
				workflowId: expressionFlow.id,
				subscription: sandbox.state.subscriptions.get(withExpression.id),
			},
		];

		const runOnce = async (target: Target) => {
			const before = new Set(
				((await api.executions(target.workflowId)) as Execution[]).map((e) => e.id),
			);
			const started = Date.now();
			const answered = await sendBurst(counting, target, DELIVERIES, IN_FLIGHT);
			const answeredMs = Date.now() - started;
			let mine: Execution[] = [];
			for (;;) {
				mine = ((await api.executions(target.workflowId)) as Execution[]).filter(
					(e) => !before.has(e.id),
				);
				if (mine.length >= answered.length && mine.every((e) => e.stoppedAt)) break;
				await new Promise((r) => setTimeout(r, 250));
			}
			const lastStop = Math.max(...mine.map((e) => Date.parse(e.stoppedAt as string)));
			return {
				answered: answered.length,
				answersPerSecond: answered.length / (answeredMs / 1000),
				executionsPerSecond: mine.length / ((lastStop - started) / 1000),
			};
		};

		for (const target of targets) await runOnce(target);
		const samples: Record<string, Array<Awaited<ReturnType<typeof runOnce>>>> = {};
		for (let round = 0; round < ROUNDS; round++) {
			for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
				const result = await runOnce(target);
				(samples[target.name] ??= []).push(result);
				process.stderr.write(
					`n8n ${version}, ${target.name}: ${result.answered} answered, ${result.answersPerSecond.toFixed(0)} answers/s, ${result.executionsPerSecond.toFixed(1)} executions/s\n`,
				);
			}
		}
		const summarize = (name: string) => ({
			answersPerSecond: median(samples[name].map((s) => s.answersPerSecond)),
			executionsPerSecond: median(samples[name].map((s) => s.executionsPerSecond)),
		});
		return {
			trigger: summarize('Linq Trigger'),
			webhook: summarize('Webhook'),
			webhookWithExpression: summarize('Webhook with an expression'),
		};
	} finally {
		await n8n.stop();
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** The table rows for every version in BENCH_N8N_VERSIONS (default: scripts/lib/n8n-versions.js). */
export async function triggerThroughput(): Promise<string> {
	const versions = process.env.BENCH_N8N_VERSIONS?.split(',') ?? BENCH_N8N_VERSIONS;
	const rows: string[] = [];
	const runs = versions.flatMap((version) => [
		{ version, env: {}, label: version },
		...(LAZY_ISOLATE_VERSIONS.includes(version)
			? [
					{
						version,
						env: LAZY_ISOLATE_ENV,
						label: `${version}, \`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true\``,
					},
				]
			: []),
	]);
	for (const { version, env, label } of runs) {
		const { trigger, webhook, webhookWithExpression } = await measureVersion(version, env);
		const ratio = (other: { executionsPerSecond: number }) =>
			`${(trigger.executionsPerSecond / other.executionsPerSecond).toFixed(2)}×`;
		rows.push(
			`| ${label} | ${trigger.executionsPerSecond.toFixed(1)} | ${webhook.executionsPerSecond.toFixed(1)} | ${ratio(webhook)} | ${webhookWithExpression.executionsPerSecond.toFixed(1)} | ${ratio(webhookWithExpression)} | ${trigger.answersPerSecond.toFixed(0)} | ${webhook.answersPerSecond.toFixed(0)} |`,
		);
	}
	return [
		`${DELIVERIES} signed \`message.received\` deliveries (about 1 KB) per run, ${IN_FLIGHT} in flight, into a running n8n (regular mode, SQLite) on loopback; start node → No Operation (the Linq Trigger at its default version, 1.1; n8n's Webhook node at 2, as added, and with one expression among its options); median of ${ROUNDS} runs per node.`,
		'',
		'| n8n | Linq Trigger executions/s | Webhook node executions/s | Linq ÷ Webhook | Webhook node with an expression executions/s | Linq ÷ Webhook with an expression | Linq answers/s | Webhook answers/s |',
		'|---|---|---|---|---|---|---|---|',
		...rows,
	].join('\n');
}

if (require.main === module) {
	triggerThroughput()
		.then((table) => console.log(table))
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
