'use strict';
/**
 * Runs the cached real n8n (see n8n-install.js) with a scratch user folder that holds this package
 * as a community package, exactly where a UI install puts it, and drives it from the CLI.
 */
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { cacheDir, n8nBin, runtimeEnv } = require('./n8n-install');
const { stopProcessGroup } = require('./process-group');

const ROOT = path.resolve(__dirname, '..', '..');

/** Builds nothing: packs the already-built package (dist/) the way npm would publish it. */
function packPackage(into) {
	fs.mkdirSync(into, { recursive: true });
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', into], { cwd: ROOT })
		.toString()
		.trim();
	return path.join(into, out.split('\n').pop() ?? '');
}

/**
 * A fresh n8n user folder with this package installed as a community package, where n8n loads
 * community packages from: <folder>/.n8n/nodes/node_modules/n8n-nodes-linqapp.
 */
function prepareUserFolder(userFolder) {
	fs.rmSync(userFolder, { recursive: true, force: true });
	installPackageInto(userFolder);
	return userFolder;
}

function installPackageInto(userFolder) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-linqapp');
	const tarball = packPackage(path.join(userFolder, 'pack'));
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	fs.writeFileSync(
		path.join(userFolder, '.n8n', 'nodes', 'package.json'),
		JSON.stringify({
			name: 'installed-nodes',
			private: true,
			dependencies: { 'n8n-nodes-linqapp': `file:${tarball}` },
		}),
	);
}

/**
 * n8n's environment for one process. `port` is its HTTP port; the task-runner broker of the same
 * process listens on `brokerPort` (n8n's default, 5679, would clash between processes).
 */
function n8nEnv(userFolder, port, brokerPort, extra = {}) {
	// n8n exits at once, silently, under NODE_ENV=test (which jest sets).
	const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
	const publicUrl = `http://127.0.0.1:${port}/`;
	return {
		...inherited,
		...runtimeEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		WEBHOOK_URL: publicUrl,
		N8N_WEBHOOK_URL: publicUrl,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		DB_SQLITE_POOL_SIZE: process.env.DB_SQLITE_POOL_SIZE ?? '2',
		...extra,
	};
}

async function isReady(url, command) {
	try {
		// /healthz answers before the REST API is mounted; for `n8n start` wait for the API itself. A
		// webhook process (n8n 2.4x) listens before it mounts its webhook routes and answers 404 to
		// deliveries until then: /healthz/readiness says when it has them.
		const probe = { start: '/rest/settings', webhook: '/healthz/readiness' }[command] ?? '/healthz';
		const response = await fetch(`${url}${probe}`);
		return (
			response.ok &&
			(command !== 'start' || (response.headers.get('content-type') ?? '').includes('json'))
		);
	} catch {
		return false;
	}
}

/**
 * Starts an n8n process (`n8n start`, or `worker` / `webhook` in queue mode) and resolves once it
 * answers on `port`.
 * `onSpawn` gets a way to stop it as soon as it is spawned (to stop it while it starts).
 * @param {{ userFolder: string, port: number, brokerPort?: number, command?: 'start'|'worker'|'webhook', dir?: string, logFile?: string, env?: Record<string,string>, timeoutMs?: number, onSpawn?: (process: { stop: () => Promise<void> }) => void }} options
 */
async function startN8n({
	userFolder,
	port,
	brokerPort = port + 13,
	command = 'start',
	dir = cacheDir(),
	logFile,
	env = {},
	timeoutMs = 180_000,
	onSpawn,
}) {
	const out = logFile ? fs.openSync(logFile, 'a') : 'inherit';
	const extra =
		command === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), ...env }
			: env;
	const child = spawn(n8nBin(dir), [command], {
		env: n8nEnv(userFolder, port, brokerPort, extra),
		stdio: ['ignore', out, out],
		detached: process.platform !== 'win32',
	});
	const url = `http://127.0.0.1:${port}`;
	const started = Date.now();
	let exited = false;
	child.on('exit', () => {
		exited = true;
	});
	const stop = () => stopProcessGroup(child, () => exited, 'SIGTERM', 15_000);
	onSpawn?.({ stop });
	for (;;) {
		if (exited)
			throw new Error(`n8n ${command} exited during start-up${logFile ? `; see ${logFile}` : ''}`);
		if (await isReady(url, command)) break;
		if (Date.now() - started >= timeoutMs) {
			// An n8n that never became ready must not keep its port (and the caller's run) alive.
			await stop();
			throw new Error(`n8n ${command} did not become ready in time`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		url,
		child,
		startupMs: Date.now() - started,
		stop,
		/** SIGKILL to the whole process group: no shutdown, as when the machine or container dies. */
		kill: () => stopProcessGroup(child, () => exited, 'SIGKILL', 15_000),
	};
}

/**
 * Runs a saved workflow headless with `n8n execute --id` (what a person does from a shell) and
 * returns n8n's run data. Asynchronous on purpose: a sandbox in this process must keep answering.
 */
async function executeWorkflow({
	userFolder,
	port,
	brokerPort = port + 14,
	dir = cacheDir(),
	workflowId,
}) {
	const output = await new Promise((resolve) => {
		execFile(
			n8nBin(dir),
			['execute', '--id', workflowId, '--rawOutput'],
			{ env: n8nEnv(userFolder, port, brokerPort), timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
			(_error, stdout) => resolve(String(stdout ?? '')),
		);
	});
	// --rawOutput prints the run data as one JSON document on its own lines; log lines come before it.
	const lines = output.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start < 0) throw new Error(`n8n execute printed no run data:\n${output.slice(0, 2000)}`);
	for (let end = lines.length; end > start; end--) {
		try {
			return JSON.parse(lines.slice(start, end).join('\n'));
		} catch {
			// log noise after the document: try a shorter slice
		}
	}
	throw new Error(`n8n execute printed run data that is not JSON:\n${output.slice(0, 2000)}`);
}

module.exports = {
	ROOT,
	prepareUserFolder,
	installPackageInto,
	startN8n,
	executeWorkflow,
};
