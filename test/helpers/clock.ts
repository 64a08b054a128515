/**
 * Waiting in the nodes goes through n8n-workflow's `sleep`; test/setup.ts replaces it, for every test
 * file, with one that returns at once and records how long it was asked to wait. Tests then assert
 * on the waits (Retry-After honoured, backoff) without spending them, so a busy machine cannot make
 * them slow or flaky. With a virtual clock on, each wait also moves the (faked) clock forward, so
 * time-based behaviour (a rate limit refilling) plays out in order, without real time passing.
 */
const store = globalThis as unknown as {
	__linqSleeps?: number[];
	__linqVirtualClock?: boolean;
	__linqHeldSleeps?: Promise<void>;
};

export function recordedSleeps(): number[] {
	return (store.__linqSleeps ??= []);
}

export function clearSleeps() {
	recordedSleeps().length = 0;
}

export async function instantSleep(ms: number): Promise<void> {
	recordedSleeps().push(ms);
	if (store.__linqHeldSleeps) await store.__linqHeldSleeps;
	if (store.__linqVirtualClock) jest.setSystemTime(Date.now() + ms);
	// Let other work run (as a real sleep would), without waiting for the clock.
	await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Fakes only Date (timers stay real); each recorded wait advances it. Undo with `useRealClock`. */
export function useVirtualClock(start = Date.parse('2026-11-23T10:00:00Z')) {
	jest.useFakeTimers({
		now: start,
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
	store.__linqVirtualClock = true;
}

export function useRealClock() {
	store.__linqVirtualClock = false;
	jest.useRealTimers();
}

/**
 * Until the returned function is called, every wait lasts (for a test where something must happen
 * while the node waits: an answer going out while a copy waits for it).
 */
export function holdSleeps(): () => void {
	let release: () => void = () => undefined;
	store.__linqHeldSleeps = new Promise<void>((resolve) => (release = resolve));
	return () => {
		store.__linqHeldSleeps = undefined;
		release();
	};
}
