'use strict';
/** Stopping a child started with `detached: true` together with everything it started. */

/**
 * Sends `signal` to the child's process group, then SIGKILL if it has not exited after `graceMs`;
 * resolves once it has exited. Does nothing when it already has.
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => boolean} hasExited
 */
async function stopProcessGroup(child, hasExited, signal = 'SIGTERM', graceMs = 10_000) {
	if (hasExited()) return;
	const done = new Promise((resolve) => child.once('exit', resolve));
	const send = (name) => {
		try {
			process.kill(-(child.pid ?? 0), name);
		} catch {
			// No group (already gone, or not detached): the child alone.
			try {
				child.kill(name);
			} catch {
				// already gone
			}
		}
	};
	send(signal);
	const timer = setTimeout(() => send('SIGKILL'), graceMs);
	await done;
	clearTimeout(timer);
}

module.exports = { stopProcessGroup };
