'use strict';
/**
 * Stopping a child started with `detached: true` together with everything it started, and stopping a
 * long-running script (npm run dev, npm run sandbox) however it is asked to.
 */

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

/**
 * Calls `stop` once when this script is asked to stop: SIGINT (Ctrl-C), SIGTERM (an IDE or a process
 * manager), SIGHUP (the terminal closed), or when its parent is gone. Under npm, a signal sent to
 * npm's process alone reaches the script only if the script is npm's own child: npm runs scripts
 * through `sh -c` and forwards SIGINT and SIGTERM to that shell, which passes neither on, so
 * package.json starts these scripts with `exec`. npm does not forward SIGHUP: it ends, and the
 * parent watch below notices.
 * @param {(reason: string) => unknown} stop
 * @param {number} [pollMs]
 */
function onStopRequest(stop, pollMs = 500) {
	let stopping = false;
	const once = (reason) => {
		if (stopping) return;
		stopping = true;
		clearInterval(watch);
		void stop(reason);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => once(signal));
	const parent = process.ppid;
	const watch = setInterval(() => {
		if (process.ppid !== parent) once('its parent process ended');
	}, pollMs);
	watch.unref();
}

module.exports = { stopProcessGroup, onStopRequest };
