#!/usr/bin/env node
'use strict';
/**
 * `node scripts/install-n8n.js [version ...]`: makes sure each n8n version (by default every version
 * the end-to-end suites run: scripts/lib/n8n-versions.js) is installed and smoke-tested in the n8n
 * cache, all at the same time, each in its own process with its lines prefixed by its version.
 * An install mostly waits on the registry and the disk, so three together take little longer than
 * the slowest one. `.ci/run` starts it while the unit tests run; the suites then find each install
 * complete and check it again before use (n8n-install.js, ensureN8n).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const { E2E_N8N_VERSIONS } = require('./lib/n8n-versions');

const INSTALLER = path.join(__dirname, 'lib', 'n8n-install.js');

/** Installs one version in a child process; resolves with its exit code and seconds. */
function installOne(version) {
	const started = Date.now();
	const child = spawn(
		process.execPath,
		[
			'-e',
			`require(${JSON.stringify(INSTALLER)}).ensureN8n((line) => console.log(line), ${JSON.stringify(version)})`,
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	for (const stream of [child.stdout, child.stderr])
		readline
			.createInterface({ input: stream })
			.on('line', (line) => process.stdout.write(`[n8n ${version}] ${line}\n`));
	return new Promise((resolve) => {
		child.on('close', (code) =>
			resolve({ version, code: code ?? 1, seconds: Math.round((Date.now() - started) / 1000) }),
		);
	});
}

async function main() {
	const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : E2E_N8N_VERSIONS;
	const results = await Promise.all(versions.map(installOne));
	for (const { version, code, seconds } of results)
		process.stdout.write(
			`n8n ${version}: ${code === 0 ? 'ready' : `failed (exit ${code})`} after ${seconds} s\n`,
		);
	process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}

void main();
