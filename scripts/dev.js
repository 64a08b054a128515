#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: build the package, make sure a pinned real n8n is cached (and works), start the
 * Linq sandbox and n8n with this package loaded (scratch user folder .n8n-dev/), create a sandbox
 * credential, import the example workflows, print the editor URL. Rebuilds and restarts n8n when
 * nodes/ or credentials/ change. Ctrl-C, SIGTERM or SIGHUP (to npm's process or to this one) stops
 * everything: n8n with its task runner, and the sandbox.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { createSandbox } = require('../sandbox/server');
const { cacheDir, ensureN8n, selectedVersion } = require('./lib/n8n-install');
const { ROOT, prepareUserFolder, installPackageInto, startN8n } = require('./lib/n8n-runtime');
const { restClient, OWNER } = require('./lib/n8n-rest');
const { assertPortsFree, exitOnPortInUse } = require('./lib/ports');
const { importExamples } = require('./lib/examples');
const { onStopRequest } = require('./lib/process-group');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const BROKER_PORT = Number(process.env.N8N_RUNNERS_BROKER_PORT || N8N_PORT + 13);
const SANDBOX_PORT = Number(process.env.LINQ_SANDBOX_PORT || 4010);
const SANDBOX_KEY = process.env.LINQ_SANDBOX_KEY || 'sk_sandbox_dev';
/** n8n's scratch user folder, reset on every start. */
const USER_FOLDER = path.resolve(process.env.LINQAPP_DEV_FOLDER || path.join(ROOT, '.n8n-dev'));
const LOG_FILE = path.join(USER_FOLDER, 'n8n.log');

const PORTS = [
	{ port: SANDBOX_PORT, what: 'Linq sandbox', variable: 'LINQ_SANDBOX_PORT' },
	{ port: N8N_PORT, what: 'n8n editor', variable: 'N8N_PORT' },
	{ port: BROKER_PORT, what: "n8n's task-runner broker", variable: 'N8N_RUNNERS_BROKER_PORT' },
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function build() {
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** What is running, for the one way of stopping it (the signals and the parent watch, below). */
const running = {
	/** @type {{ stop: () => Promise<void> } | undefined} */ n8n: undefined,
	/** @type {{ close: () => Promise<void> } | undefined} */ sandbox: undefined,
	/** @type {import('node:fs').FSWatcher[]} */ watchers: [],
	stopping: false,
};

async function stopEverything(reason) {
	running.stopping = true;
	console.log(`\nStopping n8n and the sandbox (${reason})...`);
	running.watchers.forEach((w) => w.close());
	await running.n8n?.stop();
	await running.sandbox?.close();
	process.exit(0);
}

async function main() {
	onStopRequest(stopEverything);
	const t0 = Date.now();
	// Before the (possibly long) install: a busy port is reported now, not minutes later.
	await assertPortsFree(PORTS);
	build();
	const tBuild = Date.now();
	const hadN8n = fs.existsSync(path.join(cacheDir(), '.complete'));
	const dir = ensureN8n();
	const tInstall = Date.now();
	await assertPortsFree(PORTS);

	const sandbox = await createSandbox({
		port: SANDBOX_PORT,
		apiKey: SANDBOX_KEY,
		retryDelaysMs: [1000, 2000, 4000, 8000, 16000, 30000, 60000, 60000, 60000, 60000],
	});
	running.sandbox = sandbox;

	prepareUserFolder(USER_FOLDER);
	const start = () =>
		startN8n({
			userFolder: USER_FOLDER,
			port: N8N_PORT,
			brokerPort: BROKER_PORT,
			dir,
			logFile: LOG_FILE,
			// Known from the moment it is spawned, so a stop request during start-up stops it too.
			onSpawn: (process) => {
				running.n8n = process;
			},
		});
	let n8n = await start();
	const tN8n = Date.now();

	const api = await restClient(n8n.url);
	const imported = await importExamples(api, sandbox);
	const tReady = Date.now();

	console.log(`
n8n ${selectedVersion()} with the Linq nodes is running.
  Editor:        ${n8n.url}   (log in as ${OWNER.email} / ${OWNER.password})
  Linq sandbox:  Base URL ${sandbox.baseUrl}   API key ${sandbox.apiKey}
                 control endpoints: ${sandbox.origin}/__sandbox/   its state: ${sandbox.origin}/__sandbox/state
  Credential:    "Linq sandbox" (already set up)   Examples imported: ${imported}
  n8n log:       ${LOG_FILE}
Timings: build ${seconds(tBuild - t0)}, n8n ${hadN8n ? 'from the cache (checked' : '(installed'} in ${seconds(tInstall - tBuild)}), n8n start ${seconds(tN8n - tInstall)}, ready in ${seconds(tReady - t0)} in all.
Editing nodes/ or credentials/ rebuilds and restarts n8n. Ctrl-C stops everything.`);
	if (running.stopping) return;

	let restarting = false;
	let timer;
	const onChange = () => {
		clearTimeout(timer);
		timer = setTimeout(async () => {
			if (restarting || running.stopping) return;
			restarting = true;
			try {
				console.log('Change detected: rebuilding and restarting n8n...');
				build();
				installPackageInto(USER_FOLDER);
				await n8n.stop();
				n8n = await start();
				console.log(`n8n restarted with the new build (${seconds(n8n.startupMs)}).`);
			} catch (error) {
				console.error(`Rebuild failed: ${/** @type {Error} */ (error).message}`);
			} finally {
				restarting = false;
			}
		}, 500);
	};
	running.watchers = ['nodes', 'credentials'].map((d) =>
		fs.watch(path.join(ROOT, d), { recursive: true }, onChange),
	);
}

main().catch((error) => {
	// Asked to stop while starting: stopEverything finishes the job.
	if (running.stopping) return;
	try {
		exitOnPortInUse(error);
	} catch {
		console.error(`npm run dev failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
});
