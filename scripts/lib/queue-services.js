'use strict';
/**
 * The services around n8n in queue mode, from Debian's packages, each on a loopback port and in a
 * folder of its own, started and stopped by the test tooling (never the system's own instances):
 * a fresh PostgreSQL cluster with its own database and role, Redis without persistence, and nginx
 * as the load balancer in front of the n8n webhook processes (see scripts/queue/*.conf).
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { stopProcessGroup } = require('./process-group');

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** A program on PATH (or in the sbin folders Debian puts nginx in), or undefined. */
function findProgram(name) {
	const dirs = [
		...(process.env.PATH ?? '').split(path.delimiter),
		'/usr/sbin',
		'/sbin',
		'/usr/local/sbin',
	];
	for (const dir of dirs) {
		const file = path.join(dir, name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// not here
		}
	}
	return undefined;
}

/** The newest PostgreSQL server's bin folder (Debian: /usr/lib/postgresql/<major>/bin), or undefined. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const majors = fs.existsSync(base)
		? fs
				.readdirSync(base)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const major of majors) {
		if (fs.existsSync(path.join(base, major, 'bin', 'postgres')))
			return path.join(base, major, 'bin');
	}
	const initdb = findProgram('initdb');
	return initdb && findProgram('pg_ctl') ? path.dirname(initdb) : undefined;
}

class MissingPackageError extends Error {}

/**
 * The binaries queue mode needs, or a one-line error naming the Debian package to install.
 * @returns {{ pgBin: string, redis: string, nginx: string }}
 */
function requireBinaries() {
	const pgBin = postgresBinDir();
	const redis = findProgram('redis-server');
	const nginx = findProgram('nginx');
	const missing = [
		!pgBin && ['PostgreSQL server (initdb, pg_ctl)', 'postgresql'],
		!redis && ['redis-server', 'redis-server'],
		!nginx && ['nginx', 'nginx'],
	].filter(Boolean);
	if (missing.length > 0) {
		const what = missing.map(([name]) => name).join(' and ');
		const packages = missing.map(([, pkg]) => pkg).join(' ');
		const them = missing.length > 1 ? 'them' : 'it';
		throw new MissingPackageError(
			`Queue mode needs ${what}, not installed here; install ${them} from Debian's packages: sudo apt-get install -y ${packages}`,
		);
	}
	if (isRoot()) {
		try {
			execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
		} catch {
			throw new MissingPackageError(
				"PostgreSQL refuses to run as root and there is no `postgres` user: install Debian's postgresql package, which creates it.",
			);
		}
	}
	return {
		pgBin: /** @type {string} */ (pgBin),
		redis: /** @type {string} */ (redis),
		nginx: /** @type {string} */ (nginx),
	};
}

/** The command line that runs `file args` as the database user (PostgreSQL will not run as root). */
function asDbUser(file, args) {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function runDb(file, args, options = {}) {
	const [command, argv] = asDbUser(file, args);
	return execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options }).toString();
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port, what, timeoutMs = 30_000, isDead = () => false) {
	const started = Date.now();
	for (;;) {
		const open = await new Promise((resolve) => {
			const socket = net.connect({ port, host: '127.0.0.1' });
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (isDead()) throw new Error(`${what} exited during start-up`);
		if (Date.now() - started > timeoutMs)
			throw new Error(`${what} did not listen on port ${port} in time`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** A child process in a process group of its own, stopped with `signal` (then SIGKILL). */
function spawnService(file, args, logFile, signal = 'SIGTERM') {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(file, args, { stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	let exited = false;
	child.on('exit', () => {
		exited = true;
	});
	return {
		child,
		isDead: () => exited,
		stop: () => stopProcessGroup(child, () => exited, signal),
	};
}

/**
 * A fresh PostgreSQL cluster in `dir` on `port` (loopback only), with the database and role n8n uses.
 * @param {{ pgBin: string, dir: string, port: number }} options
 */
async function startPostgres({ pgBin, dir, port }) {
	const data = path.join(dir, 'data');
	const sockets = path.join(dir, 'sockets');
	const logFile = path.join(dir, 'postgres.log');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	fs.mkdirSync(sockets, { recursive: true });
	if (isRoot()) {
		for (const folder of [dir, data, sockets]) execFileSync('chown', ['postgres:postgres', folder]);
	}
	runDb(path.join(pgBin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${sockets} -c fsync=off -c max_connections=100`;
	runDb(path.join(pgBin, 'pg_ctl'), [
		'-D',
		data,
		'-o',
		options,
		'-l',
		logFile,
		'-w',
		'-t',
		'60',
		'start',
	]);
	const database = {
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'n8n',
		password: `pw_${Date.now().toString(36)}`,
	};
	/** Runs SQL as the superuser over the cluster's socket; returns psql's unaligned, tuples-only output. */
	const psql = (sql, db = 'postgres') =>
		runDb(
			path.join(pgBin, 'psql'),
			[
				'-h',
				sockets,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				db,
				'-v',
				'ON_ERROR_STOP=1',
				'-qAtc',
				sql,
			],
			// Execution data of a whole crash run comes back in one answer.
			{ maxBuffer: 512 * 1024 * 1024 },
		);
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		try {
			runDb(path.join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
		} catch (error) {
			// pg_ctl could not stop it: end the postmaster we started, by the pid it wrote.
			const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
			if (pid > 0) process.kill(pid, 'SIGKILL');
			if (!/not running|No such file/.test(String(/** @type {any} */ (error).stderr ?? '')))
				throw error;
		}
	};
	try {
		psql(`CREATE ROLE ${database.user} LOGIN PASSWORD '${database.password}'`);
		psql(`CREATE DATABASE ${database.database} OWNER ${database.user}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return { ...database, logFile, psql, stop };
}

/** Redis on `port` (loopback only), nothing saved to disk. */
async function startRedis({ redis, dir, port }) {
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
		'--daemonize',
		'no',
	];
	const service = spawnService(redis, args, logFile);
	try {
		await waitForPort(port, 'redis-server', 30_000, service.isDead);
	} catch (error) {
		await service.stop();
		throw new Error(`${/** @type {Error} */ (error).message}; see ${logFile}`);
	}
	return { host: '127.0.0.1', port, logFile, stop: service.stop };
}

/** The balancer configurations in scripts/queue/ (the documented settings). */
const BALANCER_TEMPLATES = {
	'per-trigger': path.resolve(__dirname, '..', 'queue', 'nginx-per-trigger.conf'),
	'round-robin': path.resolve(__dirname, '..', 'queue', 'nginx-round-robin.conf'),
};

/**
 * An nginx configuration from a template: {{PREFIX}} (nginx's own folder), {{USER}} (`user root;`
 * when run as root, so the worker can use the folder), {{LISTEN}}, {{MAIN_SERVER}} and
 * {{WEBHOOK_SERVERS}} (one `server host:port;` line per n8n webhook process; those in `down` are
 * marked `down`: nginx sends them nothing new).
 */
function renderBalancerConfig(template, { prefix, port, main, webhooks, down = [] }) {
	const text = fs.readFileSync(BALANCER_TEMPLATES[template] ?? template, 'utf8');
	const values = {
		PREFIX: prefix,
		USER: isRoot() ? 'user root;' : '',
		LISTEN: `127.0.0.1:${port}`,
		MAIN_SERVER: `server ${main};`,
		WEBHOOK_SERVERS: webhooks
			.map((address) => `server ${address}${down.includes(address) ? ' down' : ''};`)
			.join(' '),
	};
	return text.replace(/\{\{(\w+)\}\}/g, (whole, name) => {
		if (!(name in values))
			throw new Error(`Unknown placeholder ${whole} in the balancer template ${template}`);
		return values[name];
	});
}

/**
 * nginx in the foreground (`daemon off`), with its own prefix folder and configuration.
 * @param {{ nginx: string, dir: string, port: number, template: string, main: string, webhooks: string[] }} options
 */
async function startBalancer({ nginx, dir, port, template, main, webhooks }) {
	fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
	const config = path.join(dir, `nginx-${path.basename(template, '.conf')}.conf`);
	fs.writeFileSync(config, renderBalancerConfig(template, { prefix: dir, port, main, webhooks }));
	const errorLog = path.join(dir, 'error.log');
	execFileSync(nginx, ['-t', '-q', '-p', dir, '-c', config, '-e', errorLog], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const service = spawnService(
		nginx,
		['-p', dir, '-c', config, '-e', errorLog],
		path.join(dir, 'nginx.out'),
		'SIGQUIT',
	);
	try {
		await waitForPort(port, 'nginx', 30_000, service.isDead);
	} catch (error) {
		await service.stop();
		throw new Error(`${/** @type {Error} */ (error).message}; see ${errorLog}`);
	}
	return {
		url: `http://127.0.0.1:${port}`,
		template,
		config,
		accessLog: path.join(dir, 'access.log'),
		errorLog,
		/**
		 * Takes webhook processes out of the balancer (or puts them back): the configuration is written
		 * again and nginx reloads it (SIGHUP); requests already under way finish where they are.
		 * @param {string[]} down
		 */
		async setDown(down) {
			fs.writeFileSync(
				config,
				renderBalancerConfig(template, { prefix: dir, port, main, webhooks, down }),
			);
			execFileSync(nginx, ['-t', '-q', '-p', dir, '-c', config, '-e', errorLog], {
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			process.kill(service.child.pid ?? 0, 'SIGHUP');
		},
		stop: service.stop,
	};
}

/**
 * The balancer's access log (format `linq` of the templates): one entry per request, with the
 * n8n process that answered it (the last address nginx tried).
 * @returns {Array<{ at: number, status: number, upstream: string, webhookId: string, uri: string }>}
 */
function readAccessLog(file) {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.map((line) => /^(\S+) (\d+) (.+?) "([^"]*)" "([^"]*)"$/.exec(line))
		.filter(Boolean)
		.map((m) => ({
			at: Number(m[1]) * 1000,
			status: Number(m[2]),
			upstream: m[3].split(',').pop().trim(),
			webhookId: m[4] === '-' ? '' : m[4],
			uri: m[5],
		}));
}

module.exports = {
	MissingPackageError,
	requireBinaries,
	startPostgres,
	startRedis,
	startBalancer,
	readAccessLog,
};
