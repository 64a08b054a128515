import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/** Linq retries a failed delivery up to 10 times over about 25 minutes; remember ids longer than that. */
export const DEDUPE_WINDOW_MS = 60 * 60 * 1000;
/** At most this many ids are kept per trigger (the oldest go first). */
export const DEDUPE_MAX_ENTRIES = 1000;

/**
 * Ids accepted in this process, per trigger. A fast first check that also catches two copies of
 * one delivery arriving at the same moment, before either has been saved.
 */
const recentInProcess = new Map<string, Map<string, number>>();

function prune(entries: Map<string, number> | IDataObject, now: number) {
	const keys = entries instanceof Map ? [...entries.keys()] : Object.keys(entries);
	const get = (k: string) => (entries instanceof Map ? entries.get(k) : entries[k]) as number;
	const drop = (k: string) => (entries instanceof Map ? entries.delete(k) : delete entries[k]);
	let excess = keys.length - DEDUPE_MAX_ENTRIES;
	for (const key of keys) {
		if (excess > 0 || now - get(key) > DEDUPE_WINDOW_MS) {
			drop(key);
			excess--;
		}
	}
}

/**
 * Claims a delivery id. Returns false when this id was already accepted: in this process, or in
 * the durable window kept in the node's static data (which n8n saves after each webhook call, so
 * it survives a restart).
 */
export function claimDelivery(store: IDataObject, triggerKey: string, webhookId: string, now = Date.now()): boolean {
	let memory = recentInProcess.get(triggerKey);
	if (!memory) {
		memory = new Map();
		recentInProcess.set(triggerKey, memory);
	}
	const durable = (store.deliveries ?? {}) as IDataObject;
	if (memory.has(webhookId) || durable[webhookId] !== undefined) return false;
	memory.set(webhookId, now);
	prune(memory, now);
	// Each request may load its own copy of the static data: write everything this process
	// accepted in the window, so the copy that n8n saves last is complete.
	for (const [id, at] of memory) durable[id] = at;
	prune(durable, now);
	store.deliveries = durable;
	return true;
}

/** Forgets what this process remembers for a trigger (used when its subscription goes away). */
export function forgetTrigger(triggerKey: string) {
	recentInProcess.delete(triggerKey);
	const loop = remarking.get(triggerKey);
	if (loop) loop.until = 0;
}

/** How long after the last accepted delivery the window keeps being marked changed. */
const REMARK_FOR_MS = 10_000;

/** One marking loop per trigger, pointed at the static data of the latest delivery. */
const remarking = new Map<string, { store: IDataObject; until: number; fastUntil: number }>();

/**
 * Keeps the dedupe window marked as changed for a few seconds, so that n8n writes it to its
 * database. n8n saves a workflow's static data after a webhook call, or at the end of the
 * execution, only if its change flag is set; newer n8n (seen in 2.41) builds the execution's
 * workflow before that save, and building it clears the flag, so the window was silently not
 * saved. Re-setting the field sets the flag again after that point, and one of the two saves
 * then writes it. One loop per trigger, whatever the delivery rate; nothing is awaited.
 */
export function keepWindowMarkedChanged(triggerKey: string, store: IDataObject, now = Date.now()) {
	const running = remarking.get(triggerKey);
	if (running) {
		running.store = store;
		running.until = now + REMARK_FOR_MS;
		running.fastUntil = now + 500;
		return;
	}
	const loop = { store, until: now + REMARK_FOR_MS, fastUntil: now + 500 };
	remarking.set(triggerKey, loop);
	void (async () => {
		try {
			while (Date.now() < loop.until) {
				await sleep(Date.now() < loop.fastUntil ? 10 : 250);
				loop.store.deliveries = loop.store.deliveries;
			}
		} finally {
			if (remarking.get(triggerKey) === loop) remarking.delete(triggerKey);
		}
	})();
}
