/**
 * `npm run dev` as a person runs it: every address it prints answers, and every way of stopping
 * npm's process (Ctrl-C's SIGINT, an IDE's or a process manager's SIGTERM, a closed terminal's
 * SIGHUP) stops everything it started: the dev script, n8n, n8n's task runner and the sandbox, and
 * frees their ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { E2E_BROKER_PORT, E2E_KEEP, E2E_N8N_PORT } from './settings';

const ROOT = path.join(__dirname, '..', '..');
const SANDBOX_PORT = E2E_N8N_PORT + 16;
const PORTS = [E2E_N8N_PORT, E2E_BROKER_PORT, SANDBOX_PORT];

/** Every process below `pid`, from /proc (n8n runs in its own process group, so not by group). */
function descendants(pid: number): Array<{ pid: number; command: string }> {
	const children = new Map<number, number[]>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// gone meanwhile
		}
	}
	const found: Array<{ pid: number; command: string }> = [];
	const visit = (parent: number) => {
		for (const child of children.get(parent) ?? []) {
			let command = '';
			try {
				command = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ');
			} catch {
				// gone meanwhile
			}
			found.push({ pid: child, command });
			visit(child);
		}
	};
	visit(pid);
	return found;
}

const isAlive = (pid: number) => {
	try {
		// A zombie still has a /proc entry: count it as gone (nothing runs, nothing holds a port).
		return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
};

const portIsFree = (port: number) =>
	new Promise<boolean>((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, ms: number) {
	const until = Date.now() + ms;
	while (!(await condition())) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

interface Dev {
	npm: ChildProcess;
	output: () => string;
	folder: string;
}

async function startDev(): Promise<Dev> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'linqapp-dev-test-'));
	// Its own process group, as a shell gives a job; signals below go to npm's process alone.
	const npm = spawn('npm', ['run', 'dev'], {
		cwd: ROOT,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			N8N_PORT: String(E2E_N8N_PORT),
			N8N_RUNNERS_BROKER_PORT: String(E2E_BROKER_PORT),
			LINQ_SANDBOX_PORT: String(SANDBOX_PORT),
			LINQAPP_DEV_FOLDER: folder,
		},
	});
	let output = '';
	npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitFor(
		'npm run dev to be ready',
		() => {
			if (npm.exitCode !== null) throw new Error(`npm run dev exited early:\n${output}`);
			return output.includes('Ctrl-C stops everything.');
		},
		240_000,
	);
	return { npm, output: () => output, folder };
}

function cleanUp(dev: Dev, tree: Array<{ pid: number }>) {
	for (const { pid } of [{ pid: dev.npm.pid ?? 0 }, ...tree])
		if (pid && isAlive(pid)) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	if (!E2E_KEEP) fs.rmSync(dev.folder, { recursive: true, force: true });
}

describe('npm run dev', () => {
	beforeAll(async () => {
		for (const port of PORTS) expect([port, await portIsFree(port)]).toEqual([port, true]);
	});

	it('prints addresses that answer', async () => {
		const dev = await startDev();
		const tree = descendants(dev.npm.pid ?? 0);
		try {
			const text = dev.output();
			const editor = /Editor:\s+(http:\S+)/.exec(text)?.[1];
			const baseUrl = /Base URL (http:\S+)/.exec(text)?.[1];
			const key = /API key (\S+)/.exec(text)?.[1];
			const urls = [...text.matchAll(/(http:\/\/127\.0\.0\.1:\d+\/__sandbox\/\S*)/g)].map(
				([, url]) => url,
			);
			expect(editor).toBe(`http://127.0.0.1:${E2E_N8N_PORT}`);
			expect(urls).toEqual([
				`http://127.0.0.1:${SANDBOX_PORT}/__sandbox/`,
				`http://127.0.0.1:${SANDBOX_PORT}/__sandbox/state`,
			]);
			expect((await fetch(editor as string)).status).toBe(200);
			for (const url of urls) {
				const answer = await fetch(url);
				expect([url, answer.status]).toEqual([url, 200]);
				expect(answer.headers.get('content-type')).toMatch(/json/);
			}
			// The Base URL is what goes into a credential: Linq's API under it answers with the key.
			const lines = await fetch(`${baseUrl}/v3/phone_numbers`, {
				headers: { authorization: `Bearer ${key}` },
			});
			expect(lines.status).toBe(200);
		} finally {
			process.kill(dev.npm.pid ?? 0, 'SIGINT');
			await waitFor('the dev loop to stop', () => tree.every(({ pid }) => !isAlive(pid)), 60_000);
			cleanUp(dev, tree);
		}
	}, 300_000);

	it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
		"%s to npm's process stops the dev script, n8n, its task runner and the sandbox",
		async (signal) => {
			const dev = await startDev();
			const tree = descendants(dev.npm.pid ?? 0);
			try {
				expect(tree.some(({ command }) => command.includes('scripts/dev.js'))).toBe(true);
				expect(tree.some(({ command }) => /n8n start/.test(command))).toBe(true);
				process.kill(dev.npm.pid ?? 0, signal);
				await waitFor(
					`every process of npm run dev to end after ${signal}`,
					() => tree.every(({ pid }) => !isAlive(pid)),
					60_000,
				).catch((error: Error) => {
					const left = tree.filter(({ pid }) => isAlive(pid)).map(({ command }) => command);
					throw new Error(`${error.message}; still running:\n${left.join('\n')}`);
				});
				for (const port of PORTS) expect([port, await portIsFree(port)]).toEqual([port, true]);
			} finally {
				cleanUp(dev, tree);
			}
		},
		300_000,
	);
});
