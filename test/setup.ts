import nock from 'nock';

import { clearSleeps, instantSleep } from './helpers/clock';
import { captureLog, clearLogs } from './helpers/logs';
import { knownSecrets } from './helpers/secrets';

// Waits in the nodes (Retry-After, backoff, rate-limit pauses) are recorded, not spent: see helpers/clock.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: instantSleep }));
beforeEach(() => clearSleeps());

// Each test file gets its own nock, but Node's http module is shared across files in a worker:
// activate nock per file and restore http afterwards, or files would see each other's patches.
beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	// Tests never reach the internet: only loopback is allowed, for local servers started by a test.
	nock.disableNetConnect();
	nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});

afterEach(() => {
	nock.cleanAll();
});

afterAll(() => {
	nock.restore();
});

/**
 * Secrets never appear in a log line. Everything printed while a test file runs (stdout, stderr,
 * console, and n8n's own Logger, which nodes reach as this.logger) is kept and searched for every
 * API key and signing secret the suite handed out.
 */
const printed: string[] = [];
const keep = (args: unknown[]) =>
	printed.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
function safeJson(value: unknown): string {
	try {
		return value instanceof Error
			? `${value.message} ${value.stack ?? ''} ${JSON.stringify(value)}`
			: JSON.stringify(value);
	} catch {
		return String(value);
	}
}

for (const stream of [process.stdout, process.stderr]) {
	const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
	stream.write = ((...args: unknown[]) => {
		keep([String(args[0])]);
		return write(...args);
	}) as typeof stream.write;
}
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		keep(args);
		original(...args);
	};
}

{
	// Every n8n Logger (scoped or not) writes through Logger.prototype.log for enabled levels. What the
	// nodes log (this.logger) is captured instead of printed: tests assert on it (helpers/logs), and
	// the secret guard below searches it.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require('@n8n/backend-common');
	Logger.prototype.log = function (level: string, message: string, metadata?: unknown) {
		keep([level, message, metadata]);
		captureLog({ level, message, metadata });
	};
}
beforeEach(() => clearLogs());

afterAll(() => {
	const text = printed.join('\n');
	const leaked = knownSecrets().filter((secret) => text.includes(secret));
	if (leaked.length > 0)
		throw new Error(
			`A secret appeared in a log line (${leaked.length} of ${knownSecrets().length})`,
		);
});

// n8n-core starts an SSH client sweeper (a 60 s interval) when an execution context is built; n8n
// stops it on shutdown, so do the same here or jest cannot exit.
afterAll(() => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require('@n8n/di');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
