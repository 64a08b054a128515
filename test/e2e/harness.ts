/**
 * What every end-to-end suite needs: the Linq sandbox and a real n8n (the cached, pinned release)
 * with this package installed as a community package, on loopback; a logged-in REST client with a
 * "Linq sandbox" credential; and helpers to run workflows and wait for executions.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { createSandbox } from '../../sandbox/server';
import { cacheDir } from '../../scripts/lib/n8n-install';
import { restClient } from '../../scripts/lib/n8n-rest';
import { executeWorkflow, startN8n } from '../../scripts/lib/n8n-runtime';
import { E2E_BROKER_PORT, E2E_EXECUTE_BROKER_PORT, E2E_KEEP, E2E_N8N_PORT } from './settings';
import { newUserFolder } from './userTemplate';

export type Sandbox = Awaited<ReturnType<typeof createSandbox>>;
export type N8n = Awaited<ReturnType<typeof startN8n>>;
export type Api = Awaited<ReturnType<typeof restClient>>;
export interface Execution {
	id: string;
	status: string;
	mode?: string;
}

/** Polls until `ok` holds (or the time is up; the caller's expectation then reports the last value). */
export async function eventually<T>(
	probe: () => Promise<T> | T,
	ok: (value: T) => boolean,
	timeoutMs = 20_000,
): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = await probe();
		if (ok(value) || Date.now() - started > timeoutMs) return value;
		await new Promise((r) => setTimeout(r, 250));
	}
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Harness {
	sandbox: Sandbox;
	n8n: N8n;
	api: Api;
	userFolder: string;
	credential: { id: string; name: string };
	/** Runs a saved workflow headless (`n8n execute --id`) and returns n8n's run data. */
	run(workflowId: string): Promise<{
		status: string;
		data: { resultData: { runData: Record<string, unknown>; error?: unknown } };
	}>;
	executions(workflowId: string): Promise<Execution[]>;
	/** Waits for at least `count` executions of a workflow, none of them still running or new. */
	finishedExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]>;
	subscriptionCount(count: number, timeoutMs?: number): Promise<number>;
	restart(): Promise<void>;
	/** Kills n8n (SIGKILL to its process group, as an OOM kill does) and starts it again. */
	crash(): Promise<void>;
	/**
	 * Waits until every active Linq Trigger's path answers an unsigned POST with 401, and every
	 * `also` URL answers a GET (n8n's Webhook node: 404 "not registered for GET" once mounted, as
	 * opposed to "not registered" before): n8n can be up before its webhook routes are.
	 */
	waitForWebhooks(also?: string[]): Promise<void>;
	stop(): Promise<void>;
}

export async function startHarness(
	options: { sandbox?: Parameters<typeof createSandbox>[0] } = {},
): Promise<Harness> {
	const sandbox = await createSandbox({
		apiKey: `sk_sandbox_${randomBytes(6).toString('hex')}`,
		retryDelaysMs: [300, 600, 1200],
		queueDelayMs: 20,
		...options.sandbox,
	});
	const userFolder = newUserFolder();
	const logFile = path.join(userFolder, 'n8n.log');
	const start = () =>
		startN8n({
			userFolder,
			port: E2E_N8N_PORT,
			brokerPort: E2E_BROKER_PORT,
			dir: cacheDir(),
			logFile,
		});
	let n8n = await start();
	let api = await restClient(n8n.url);
	// The trailing slash is deliberate: users paste base URLs both ways.
	const credential = await api.createCredential('Linq sandbox', {
		apiKey: sandbox.apiKey,
		baseUrl: `${sandbox.baseUrl}/`,
	});

	const harness: Harness = {
		sandbox,
		get n8n() {
			return n8n;
		},
		get api() {
			return api;
		},
		userFolder,
		credential,
		run: (workflowId) =>
			executeWorkflow({
				userFolder,
				port: E2E_N8N_PORT,
				brokerPort: E2E_EXECUTE_BROKER_PORT,
				workflowId,
			}),
		executions: (workflowId) => api.executions(workflowId) as Promise<Execution[]>,
		finishedExecutions: (workflowId, count, timeoutMs = 20_000) =>
			eventually(
				() => api.executions(workflowId) as Promise<Execution[]>,
				(e) => e.length >= count && e.every((x) => !['new', 'running'].includes(x.status)),
				timeoutMs,
			),
		subscriptionCount: (count, timeoutMs = 10_000) =>
			eventually(
				() => sandbox.state.subscriptions.size,
				(size) => size === count,
				timeoutMs,
			),
		async restart() {
			await n8n.stop();
			n8n = await start();
			api = await restClient(n8n.url);
		},
		async crash() {
			await n8n.kill();
			n8n = await start();
			api = await restClient(n8n.url);
		},
		async waitForWebhooks(also = []) {
			const triggers = [...sandbox.state.subscriptions.values()]
				.map((s: { target_url: string }) => s.target_url)
				.filter((url: string) => url.startsWith(n8n.url) && url.includes('/webhook?'));
			for (const url of triggers) {
				await eventually(
					() =>
						fetch(url, { method: 'POST', body: '{}' }).then(
							(r) => r.status,
							() => 0,
						),
					(status) => status === 401,
					60_000,
				);
			}
			for (const url of also) {
				await eventually(
					() =>
						fetch(url).then(
							async (r) => await r.text(),
							() => '',
						),
					(text) => /not registered for GET/i.test(text),
					60_000,
				);
			}
		},
		async stop() {
			await n8n?.stop();
			await sandbox?.close();
			if (!E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
			else process.stderr.write(`E2E_KEEP: n8n user folder and log kept in ${userFolder}\n`);
		},
	};
	return harness;
}

/** A workflow JSON for the REST API, with Linq nodes pointed at the "Linq sandbox" credential later. */
export function workflowOf(
	name: string,
	nodes: Array<Record<string, unknown>>,
	connections: Record<string, unknown> = {},
) {
	return {
		name,
		nodes: nodes.map((node, i) => ({
			id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
			typeVersion: 1,
			position: [i * 260, 0],
			...node,
			...(String(node.type).startsWith('n8n-nodes-linqapp.')
				? { credentials: { linqAppApi: { id: 'x', name: 'x' } } }
				: {}),
		})),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** `a → b → c` as n8n connections. */
export function chain(...names: string[]) {
	return Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
}
