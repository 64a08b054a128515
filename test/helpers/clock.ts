/**
 * Waiting in the nodes goes through n8n-workflow's `sleep`; test/setup.ts replaces it, for every test
 * file, with one that returns at once and records how long it was asked to wait. Tests then assert
 * on the waits (Retry-After honoured, backoff) without spending them, so a busy machine cannot make
 * them slow or flaky.
 */
const store = globalThis as unknown as { __linqSleeps?: number[] };

export function recordedSleeps(): number[] {
	return (store.__linqSleeps ??= []);
}

export function clearSleeps() {
	recordedSleeps().length = 0;
}

export async function instantSleep(ms: number): Promise<void> {
	recordedSleeps().push(ms);
	// Let other work run (as a real sleep would), without waiting for the clock.
	await new Promise<void>((resolve) => setImmediate(resolve));
}
