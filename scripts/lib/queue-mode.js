'use strict';
/**
 * n8n in queue mode on loopback, for the queue-mode end-to-end suite and `node scripts/queue-up.js`:
 * a fresh PostgreSQL and Redis (Debian's postgresql and redis-server), n8n main (activates
 * workflows, serves the editor and REST API, no production webhooks) + one worker (runs the
 * executions) + N `n8n webhook` processes (receive deliveries), and nginx as the balancer in front
 * (scripts/queue/*.conf). Every process has its own user folder and log; `stop()` ends them all.
 *
 * Ports come from one base, E2E_QUEUE_BASE_PORT (default 6100), and are checked free first:
 *   base+0 PostgreSQL · base+1 Redis · base+2 balancer (the public URL: WEBHOOK_URL)
 *   base+10 main (+11 its task-runner broker) · base+20 worker health check (+21 broker)
 *   base+30+2i webhook process i (+31+2i its broker)
 */
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { cacheDir } = require('./n8n-install');
const { prepareUserFolder, startN8n } = require('./n8n-runtime');
const { assertPortsFree, PortInUseError } = require('./ports');
const {
	requireBinaries,
	startPostgres,
	startRedis,
	startBalancer,
	readAccessLog,
} = require('./queue-services');

const BASE_VARIABLE = 'E2E_QUEUE_BASE_PORT';

function basePort() {
	return Number(process.env[BASE_VARIABLE] || 6100);
}

/** Every port of the setup, from the base. */
function queuePorts(base = basePort(), webhookCount = 2) {
	return {
		postgres: base,
		redis: base + 1,
		balancer: base + 2,
		main: base + 10,
		mainBroker: base + 11,
		worker: base + 20,
		workerBroker: base + 21,
		webhooks: Array.from({ length: webhookCount }, (_, i) => ({
			port: base + 30 + 2 * i,
			broker: base + 31 + 2 * i,
		})),
	};
}

/** The port list for assertPortsFree: each names its offset and the variable that moves them all. */
function portSpecs(ports, base) {
	const spec = (port, what) => ({
		port,
		what: `queue-mode ${what}, ${BASE_VARIABLE} + ${port - base}`,
		variable: BASE_VARIABLE,
	});
	return [
		spec(ports.postgres, 'PostgreSQL'),
		spec(ports.redis, 'Redis'),
		spec(ports.balancer, 'nginx balancer'),
		spec(ports.main, 'n8n main'),
		spec(ports.mainBroker, "n8n main's task-runner broker"),
		spec(ports.worker, 'n8n worker health check'),
		spec(ports.workerBroker, "n8n worker's task-runner broker"),
		...ports.webhooks.flatMap((w, i) => [
			spec(w.port, `n8n webhook process ${i + 1}`),
			spec(w.broker, `n8n webhook process ${i + 1}'s broker`),
		]),
	];
}

/** The environment every n8n process of the setup shares. */
function queueEnv({ postgres, redis, publicUrl, encryptionKey }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		// Every process builds webhook URLs from the balancer's address, so Linq posts to the balancer.
		WEBHOOK_URL: publicUrl,
		N8N_WEBHOOK_URL: publicUrl,
		N8N_PROXY_HOPS: '1',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
	};
}

/**
 * Starts the whole setup. Anything started before a failure is stopped again before it throws.
 * @param {{ balancer?: 'per-trigger'|'round-robin', webhookCount?: number, base?: number, dir?: string,
 *   log?: (line: string) => void, env?: Record<string, string> }} [options]
 */
async function startQueueMode(options = {}) {
	const {
		balancer: template = 'per-trigger',
		webhookCount = 2,
		base = basePort(),
		log = () => undefined,
	} = options;
	const binaries = requireBinaries();
	const ports = queuePorts(base, webhookCount);
	try {
		await assertPortsFree(portSpecs(ports, base));
	} catch (error) {
		// The variable moves every port at once: suggest another base, not another port.
		if (error instanceof PortInUseError) {
			error.message = error.message.replace(
				/set \S+ to a free port.*$/,
				`set ${BASE_VARIABLE} to move every queue-mode port (for example ${BASE_VARIABLE}=${base + 100}).`,
			);
		}
		throw error;
	}

	const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'linqapp-queue-'));
	// PostgreSQL runs as another user when we are root: it must be able to reach its folder.
	fs.chmodSync(dir, 0o755);
	const logs = path.join(dir, 'logs');
	fs.mkdirSync(logs, { recursive: true });
	const publicUrl = `http://127.0.0.1:${ports.balancer}/`;
	const encryptionKey = randomBytes(24).toString('hex');

	/** What runs, by name, in start order (stopped in reverse); and starts still under way. */
	const running = new Map();
	const pending = new Set();
	let stopping = false;
	/** Starts something and registers it for stop(), even if stop() was called meanwhile. */
	async function track(name, start) {
		const promise = start();
		pending.add(promise);
		try {
			const service = await promise;
			running.delete(name);
			running.set(name, service);
			if (stopping) throw new Error(`${name} started while queue mode was stopping`);
			return service;
		} finally {
			pending.delete(promise);
		}
	}

	const setup = {
		dir,
		ports,
		publicUrl: publicUrl.slice(0, -1),
		/** @type {any} */ postgres: undefined,
		/** @type {any} */ redis: undefined,
		/** @type {any} */ balancer: undefined,
		/** @type {any} */ main: undefined,
		/** @type {any} */ worker: undefined,
		/** @type {any[]} */ webhooks: [],
		logOf: (name) => path.join(logs, `${name}.log`),
		/** The access log of the balancer, parsed (see readAccessLog). */
		accessLog: () => readAccessLog(setup.balancer.accessLog),
		/** The address (127.0.0.1:port) of webhook process i. */
		webhookAddress: (i) => `127.0.0.1:${ports.webhooks[i].port}`,
		/** @type {(i: number) => Promise<void>} */ startWebhook: async () => undefined,
		/** @type {(i: number) => Promise<void>} */ stopWebhook: async () => undefined,
		/** @type {(i: number, drained?: boolean) => Promise<void>} */ drainWebhook: async () =>
			undefined,
		/** @type {(template: string) => Promise<void>} */ useBalancer: async () => undefined,
		stop,
	};
	// The caller can stop what has started so far (Ctrl+C during start-up).
	options.onSetup?.(setup);

	const env = () => ({
		...queueEnv({ postgres: setup.postgres, redis: setup.redis, publicUrl, encryptionKey }),
		...options.env,
	});
	const userFolderOf = (name) => path.join(dir, 'n8n', name);
	const webhookName = (i) => `webhook-${i + 1}`;
	function startProcess(name, command, port, brokerPort, extra = {}) {
		return track(name, async () => {
			const started = Date.now();
			const n8n = await startN8n({
				userFolder: userFolderOf(name),
				port,
				brokerPort,
				command,
				dir: cacheDir(),
				logFile: setup.logOf(name),
				env: { ...env(), ...extra },
			});
			log(
				`n8n ${command} (${name}) ready on port ${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
			);
			return n8n;
		});
	}

	setup.startWebhook = async (i) => {
		setup.webhooks[i] = await startProcess(
			webhookName(i),
			'webhook',
			ports.webhooks[i].port,
			ports.webhooks[i].broker,
		);
	};
	setup.stopWebhook = async (i) => {
		await setup.webhooks[i]?.stop();
	};
	/** Takes webhook process i out of the balancer (true) or back in (false), as a rolling restart does. */
	setup.drainWebhook = async (i, drained = true) => {
		await setup.balancer?.setDown(drained ? [`127.0.0.1:${ports.webhooks[i].port}`] : []);
	};
	setup.useBalancer = async (name) => {
		await setup.balancer?.stop();
		setup.balancer = await track('nginx', () =>
			startBalancer({
				nginx: binaries.nginx,
				dir: path.join(dir, 'nginx'),
				port: ports.balancer,
				template: name,
				main: `127.0.0.1:${ports.main}`,
				webhooks: ports.webhooks.map((w) => `127.0.0.1:${w.port}`),
			}),
		);
		log(`balancer: nginx with ${name} routing on port ${ports.balancer}`);
	};

	let stopped;
	function stop() {
		stopped ??= (async () => {
			stopping = true;
			// What is still starting is stopped once it is up (or has failed).
			while (pending.size > 0) await Promise.allSettled([...pending]);
			const errors = [];
			for (const [name, service] of [...running].reverse()) {
				try {
					await service.stop();
				} catch (error) {
					errors.push(`${name}: ${/** @type {Error} */ (error).message}`);
				}
			}
			running.clear();
			if (process.env.E2E_KEEP) log(`E2E_KEEP: queue-mode folders and logs kept in ${dir}`);
			else fs.rmSync(dir, { recursive: true, force: true });
			if (errors.length > 0) throw new Error(`Stopping queue mode: ${errors.join('; ')}`);
		})();
		return stopped;
	}

	try {
		setup.postgres = await track('postgres', () =>
			startPostgres({
				pgBin: binaries.pgBin,
				dir: path.join(dir, 'postgres'),
				port: ports.postgres,
			}),
		);
		log(`PostgreSQL: fresh cluster on port ${ports.postgres}, database ${setup.postgres.database}`);
		setup.redis = await track('redis', () =>
			startRedis({ redis: binaries.redis, dir: path.join(dir, 'redis'), port: ports.redis }),
		);
		log(`Redis on port ${ports.redis}`);

		// One packed copy of this package, copied into every process's user folder.
		prepareUserFolder(userFolderOf('main'));
		for (const name of ['worker', ...ports.webhooks.map((_, i) => webhookName(i))]) {
			fs.cpSync(userFolderOf('main'), userFolderOf(name), { recursive: true });
		}

		// Main first: it creates the database schema the others need. Then the rest side by side.
		setup.main = await startProcess('main', 'start', ports.main, ports.mainBroker, {
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		const started = await Promise.allSettled([
			startProcess('worker', 'worker', ports.worker, ports.workerBroker).then((worker) => {
				setup.worker = worker;
			}),
			...ports.webhooks.map((_, i) => setup.startWebhook(i)),
		]);
		const failed = started.find((result) => result.status === 'rejected');
		if (failed) throw /** @type {PromiseRejectedResult} */ (failed).reason;
		await setup.useBalancer(template);
	} catch (error) {
		await stop().catch(() => undefined);
		const message = /** @type {Error} */ (error).message;
		throw new Error(
			`Queue mode did not start: ${message}${process.env.E2E_KEEP ? ` (logs in ${logs})` : ' (set E2E_KEEP=1 to keep the logs)'}`,
		);
	}
	return setup;
}

module.exports = { startQueueMode };
