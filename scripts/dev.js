#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: build the package, make sure a pinned real n8n is cached, start the Linq sandbox
 * and n8n with this package loaded (scratch user folder .n8n-dev/), create a sandbox credential,
 * import the example workflows, print the editor URL. Rebuilds and restarts n8n when nodes/ or
 * credentials/ change. Ctrl-C stops everything.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { createSandbox } = require('../sandbox/server');
const { ROOT, ensureN8n, prepareUserFolder, installPackageInto, startN8n, restClient, cacheDir } = require('./lib/n8n-runtime');

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.LINQ_SANDBOX_PORT ?? 4010);
const SANDBOX_KEY = process.env.LINQ_SANDBOX_KEY ?? 'sk_sandbox_dev';
const USER_FOLDER = path.join(ROOT, '.n8n-dev');
const LOG_FILE = path.join(USER_FOLDER, 'n8n.log');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function build() {
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

async function main() {
	const t0 = Date.now();
	build();
	const tBuild = Date.now();
	const hadN8n = fs.existsSync(path.join(cacheDir(), '.complete'));
	const dir = ensureN8n();
	const tInstall = Date.now();

	const sandbox = await createSandbox({
		port: SANDBOX_PORT,
		apiKey: SANDBOX_KEY,
		retryDelaysMs: [1000, 2000, 4000, 8000, 16000, 30000, 60000, 60000, 60000, 60000],
	});

	prepareUserFolder(USER_FOLDER);
	let n8n = await startN8n({ userFolder: USER_FOLDER, port: N8N_PORT, dir, logFile: LOG_FILE });
	const tN8n = Date.now();

	const api = await restClient(n8n.url);
	const credential = await api.createCredential('Linq sandbox', { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
	const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));
	for (const file of examples) {
		const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
		await api.importWorkflow(workflow, credential);
	}
	const tReady = Date.now();

	console.log(`
n8n with the Linq nodes is running.
  Editor:        ${n8n.url}   (log in as dev@example.com / Linq-dev-loop-1)
  Linq sandbox:  ${sandbox.baseUrl}   API key ${sandbox.apiKey}
                 control: ${sandbox.origin}/__sandbox/{state,requests,deliveries,faults,latency,chats,reset}
  Credential:    "Linq sandbox" (already set up)   Examples imported: ${examples.length}
  n8n log:       ${LOG_FILE}
Timings: build ${seconds(tBuild - t0)}, n8n ${hadN8n ? 'cached' : `install ${seconds(tInstall - tBuild)}`}, n8n start ${seconds(tN8n - tInstall)}, ready in ${seconds(tReady - t0)} in all.
Editing nodes/ or credentials/ rebuilds and restarts n8n. Ctrl-C stops everything.`);

	let restarting = false;
	let timer;
	const onChange = () => {
		clearTimeout(timer);
		timer = setTimeout(async () => {
			if (restarting) return;
			restarting = true;
			try {
				console.log('Change detected: rebuilding and restarting n8n...');
				build();
				installPackageInto(USER_FOLDER);
				await n8n.stop();
				n8n = await startN8n({ userFolder: USER_FOLDER, port: N8N_PORT, dir, logFile: LOG_FILE });
				console.log(`n8n restarted with the new build (${seconds(n8n.startupMs)}).`);
			} catch (error) {
				console.error(`Rebuild failed: ${/** @type {Error} */ (error).message}`);
			} finally {
				restarting = false;
			}
		}, 500);
	};
	const watchers = ['nodes', 'credentials'].map((d) => fs.watch(path.join(ROOT, d), { recursive: true }, onChange));

	const stop = async () => {
		console.log('\nStopping n8n and the sandbox...');
		watchers.forEach((w) => w.close());
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
