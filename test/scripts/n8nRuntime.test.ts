/**
 * Starting n8n for the dev loop and the end-to-end suites: an n8n that never becomes ready is
 * stopped before the start fails, so it keeps neither its port nor the caller's run alive.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { startN8n } from '../../scripts/lib/n8n-runtime';

async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe('startN8n', () => {
	it('stops an n8n that did not become ready in time before it fails', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linqapp-fake-n8n-'));
		const pidFile = path.join(dir, 'pid');
		// An "n8n" that starts and never listens, as n8n 1.x did under load answering "Database is not ready".
		fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'node_modules', '.bin', 'n8n'),
			`#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 60\n`,
			{ mode: 0o755 },
		);
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'linqapp-fake-n8n-user-'));
		try {
			await expect(
				startN8n({ userFolder, port: await freePort(), dir, timeoutMs: 500 }),
			).rejects.toThrow('n8n start did not become ready in time');
			const pid = Number(fs.readFileSync(pidFile, 'utf8'));
			expect(pid).toBeGreaterThan(0);
			expect(alive(pid)).toBe(false);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	}, 30_000);
});
