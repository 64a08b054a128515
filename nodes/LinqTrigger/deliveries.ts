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
		const oldest = [...window.entries()]
			.sort((a, b) => a[1] - b[1])
			.slice(0, window.size - DEDUPE_MAX_ENTRIES);
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
 * so it survives a restart and is read by every n8n process that loads the workflow).
 *
 * n8n saves static data as a whole object, so two processes that accept deliveries of one trigger
 * at the same moment can drop each other's ids (the later save wins). The documented balancer
 * setting gives each trigger one webhook process, so its window has one writer (README: "Scaling
 * with queue mode"). For the moments that is not so (a process stopping, plain round-robin), every
 * save writes the union of what this process knows and what it loaded, so ids a save dropped come
 * back with the next save of the process that accepted them.
 */
export function claimDelivery(
	store: IDataObject,
	triggerKey: string,
	webhookId: string,
	now = Date.now(),
): boolean {
	const known = windowOf(triggerKey);
	const durable = readDurable(store);
	const seen = known.has(webhookId) || durable.has(webhookId);
	if (!seen) known.set(webhookId, now);
	writeUnion(store, known, durable, now);
	return !seen;
}

/**
 * Writes this process's window into the static data when the loaded copy lacks any of its ids (or
 * holds expired ones). Called again just before the webhook call returns, so the save that follows
 * carries every id this process accepted up to then, not a snapshot from before a slow step.
 */
export function rememberDeliveries(store: IDataObject, triggerKey: string, now = Date.now()) {
	writeUnion(store, windowOf(triggerKey), readDurable(store), now);
}

/** The union write itself (see claimDelivery). */
function writeUnion(store: IDataObject, known: Window, durable: Window, now: number) {
	for (const [id, at] of durable) if (!known.has(id)) known.set(id, at);
	prune(known, now);
	const missing = [...known.keys()].some((id) => !durable.has(id));
	if (missing || prune(durable, now).size !== known.size) {
		// Assigning the field marks the static data changed; n8n then saves it.
		store.deliveries = asDictionary(known);
	}
}

/**
 * The window as a plain JSON object without a prototype. Such an object is a dictionary to V8; a
 * literal with 1,000 keys that shift on every write would make V8 build a new hidden class per key
 * (3 to 4 ms per delivery once the window is full, measured by `npm run bench`).
 */
function asDictionary(window: Window): IDataObject {
	const saved = Object.create(null) as IDataObject;
	for (const [id, at] of window) saved[id] = at;
	return saved;
}

/** Forgets what this process remembers for a trigger (used when its subscription goes away). */
export function forgetTrigger(triggerKey: string) {
	knownInProcess.delete(triggerKey);
}
