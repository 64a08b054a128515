'use strict';
/**
 * Ports the dev loop and the end-to-end suites listen on. A port that is already taken is reported
 * in one line that names it and the environment variable that moves it, before anything starts.
 */
const net = require('node:net');

class PortInUseError extends Error {
	/** @param {{ port: number, what: string, variable: string }} spec */
	constructor({ port, what, variable }) {
		super(
			`Port ${port} (${what}) is already in use. Stop whatever uses it, or set ${variable} to a free port (for example ${variable}=${port + 100}).`,
		);
		this.name = 'PortInUseError';
		this.port = port;
		this.variable = variable;
	}
}

/** Resolves when nothing listens on 127.0.0.1:port; rejects with a PortInUseError otherwise. */
function assertPortFree(spec) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (error) => {
			if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE')
				reject(new PortInUseError(spec));
			else reject(error);
		});
		server.listen({ port: spec.port, host: '127.0.0.1', exclusive: true }, () =>
			server.close(() => resolve(undefined)),
		);
	});
}

/** @param {Array<{ port: number, what: string, variable: string }>} specs */
async function assertPortsFree(specs) {
	for (const spec of specs) await assertPortFree(spec);
}

/** Prints a PortInUseError as its one line and exits; rethrows anything else. */
function exitOnPortInUse(error) {
	if (error instanceof PortInUseError) {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}

module.exports = { PortInUseError, assertPortFree, assertPortsFree, exitOnPortInUse };
