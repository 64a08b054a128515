import type { IDataObject } from 'n8n-workflow';

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
	durable[webhookId] = now;
	prune(memory, now);
	prune(durable, now);
	store.deliveries = durable;
	return true;
}

/** Forgets what this process remembers for a trigger (used when its subscription goes away). */
export function forgetTrigger(triggerKey: string) {
	recentInProcess.delete(triggerKey);
}
