import type { IDataObject } from 'n8n-workflow';

/** Linq retries a failed delivery up to 10 times over about 25 minutes; remember ids longer than that. */
export const DEDUPE_WINDOW_MS = 60 * 60 * 1000;
/** At most this many ids are kept per trigger (the oldest go first). */
export const DEDUPE_MAX_ENTRIES = 1000;

type Window = Map<string, number>;

/**
 * Delivery ids this process knows, per trigger: the ones it accepted, and the ones it has read from
 * the durable window. A fast first check that also catches two copies of one delivery arriving at the
 * same moment, before either has been saved.
 */
const knownInProcess = new Map<string, Window>();

function windowOf(triggerKey: string): Window {
	let known = knownInProcess.get(triggerKey);
	if (!known) {
		known = new Map();
		knownInProcess.set(triggerKey, known);
	}
	return known;
}

/** Drops ids older than the window, then the oldest beyond the size limit. */
function prune(window: Window, now: number): Window {
	for (const [id, at] of window) if (now - at > DEDUPE_WINDOW_MS) window.delete(id);
	if (window.size > DEDUPE_MAX_ENTRIES) {
		const oldest = [...window.entries()].sort((a, b) => a[1] - b[1]).slice(0, window.size - DEDUPE_MAX_ENTRIES);
		for (const [id] of oldest) window.delete(id);
	}
	return window;
}

function readDurable(store: IDataObject): Window {
	const saved = (store.deliveries ?? {}) as IDataObject;
	const window: Window = new Map();
	for (const [id, at] of Object.entries(saved)) if (typeof at === 'number') window.set(id, at);
	return window;
}

/**
 * Claims a delivery id. Returns false when it was seen before: in this process, or in the durable
 * window kept in the node's static data (which n8n writes to its database after the webhook call,
 * so it survives a restart and is shared by every n8n process that loads the workflow).
 *
 * n8n saves static data as a whole object, so when two processes accept deliveries at the same
 * moment, the later save can drop the other's ids. To undo that, every save writes the union of
 * what this process knows and what it loaded: ids one process's save dropped come back with that
 * process's next save, and a process that finds its ids missing writes them back even when it
 * accepts nothing (README: "Scaling with queue mode").
 */
export function claimDelivery(store: IDataObject, triggerKey: string, webhookId: string, now = Date.now()): boolean {
	const known = windowOf(triggerKey);
	const durable = readDurable(store);
	const seen = known.has(webhookId) || durable.has(webhookId);
	for (const [id, at] of durable) if (!known.has(id)) known.set(id, at);
	if (!seen) known.set(webhookId, now);
	prune(known, now);

	const missing = [...known.keys()].some((id) => !durable.has(id));
	if (missing || prune(durable, now).size !== known.size) {
		// Assigning the field marks the static data changed; n8n then saves it.
		store.deliveries = Object.fromEntries(known);
	}
	return !seen;
}

/** Forgets what this process remembers for a trigger (used when its subscription goes away). */
export function forgetTrigger(triggerKey: string) {
	knownInProcess.delete(triggerKey);
}
