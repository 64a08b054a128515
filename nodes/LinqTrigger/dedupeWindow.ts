import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { decodeWindow, encodeWindow, type Window } from './savedWindow';

/** Linq retries a failed delivery up to 10 times over about 25 minutes; remember ids longer than that. */
export const DEDUPE_WINDOW_MS = 60 * 60 * 1000;
/** At most this many ids are kept per trigger (the oldest go first). */
export const DEDUPE_MAX_ENTRIES = 1000;
/** How long a second copy of a delivery waits for the first copy's answer before Linq is asked to retry. */
export const COPY_WAIT_MS = 5_000;
/** A claim whose answer never went out (its request died) is given up after this; a copy may then run. */
export const CLAIM_TTL_MS = 2 * 60 * 1000;

/** How the answer to a claimed delivery went: a 2xx reached Linq, or it did not. */
export type Outcome = 'answered' | 'released';

/** The delivery's HTTP answer, as seen by the dedupe window. */
export interface AnswerWatcher {
	/** Calls back just before the answer is written (n8n saves the static data right after), with its status code. */
	sending(callback: (statusCode: number) => void): void;
	/** Calls back once the answer has gone out, with its status code. */
	sent(callback: (statusCode: number) => void): void;
}

export type Verdict = 'accept' | 'duplicate' | 'inFlight';

export interface Clock {
	now(): number;
	wait(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), wait: async (ms) => await sleep(ms) };

interface Claim {
	at: number;
	/** The execution exists: the trigger ran in it, in this process (n8n's regular mode). */
	recorded: boolean;
	outcome?: Outcome;
	settled: Promise<Outcome>;
	settle(outcome: Outcome): void;
	/** Its answer is being written. */
	answering?: boolean;
}

/** Saves may be left to a later answer for at most this many answers, and this long. */
export const MAX_UNSAVED_ANSWERS = 10;
export const MAX_UNSAVED_MS = 1_000;

/** Per trigger: answers since this process last had n8n save the window, and when that was. */
const unsavedByTrigger = new Map<string, { answers: number; since: number }>();

/** Per trigger: the claims still waiting for their answer (a handful, unlike all claims). */
const pendingByTrigger = new Map<string, Set<Claim>>();

function pendingOf(triggerKey: string): Set<Claim> {
	let pending = pendingByTrigger.get(triggerKey);
	if (!pending) {
		pending = new Set();
		pendingByTrigger.set(triggerKey, pending);
	}
	return pending;
}

/**
 * Whether `claim`'s request can leave the save to a later answer: another delivery of this
 * trigger, taken moments ago, is still waiting for its answer, and its save (made after that
 * answer) writes a window with `claim` in it. Bounded (MAX_UNSAVED_ANSWERS, MAX_UNSAVED_MS), so a
 * crash leaves few ids unsaved, which can then run again only if Linq sends them again.
 */
function leaveSaveToLater(triggerKey: string, claim: Claim, now: number): boolean {
	const unsaved = unsavedByTrigger.get(triggerKey) ?? { answers: 0, since: now };
	let waiting = false;
	for (const other of pendingOf(triggerKey))
		if (other !== claim && now - other.at < MAX_UNSAVED_MS * 5) waiting = true;
	if (waiting && unsaved.answers < MAX_UNSAVED_ANSWERS && now - unsaved.since < MAX_UNSAVED_MS) {
		unsavedByTrigger.set(triggerKey, { answers: unsaved.answers + 1, since: unsaved.since });
		return true;
	}
	unsavedByTrigger.delete(triggerKey);
	return false;
}

/**
 * What this process knows of each trigger's deliveries: the ones it claimed and how they went.
 * Other requests write into the durable window only ids whose execution exists (recorded, or
 * answered): an id still waiting may belong to an execution n8n has not recorded yet.
 */
const claimsByTrigger = new Map<string, Map<string, Claim>>();

function claimsOf(triggerKey: string): Map<string, Claim> {
	let claims = claimsByTrigger.get(triggerKey);
	if (!claims) {
		claims = new Map();
		claimsByTrigger.set(triggerKey, claims);
	}
	return claims;
}

function newClaim(at: number): Claim {
	let resolve: (outcome: Outcome) => void = () => undefined;
	const settled = new Promise<Outcome>((r) => (resolve = r));
	const claim: Claim = {
		at,
		recorded: false,
		settled,
		settle(outcome) {
			if (claim.outcome) return;
			claim.outcome = outcome;
			resolve(outcome);
		},
	};
	return claim;
}

const exists = (claim: Claim) => claim.outcome === 'answered' || (claim.recorded && !claim.outcome);

/** The saved window: as loaded from the database, or this request's own (lazy) one. */
function readDurable(store: IDataObject): ReadonlyMap<string, number> {
	const value = store.deliveries as { toJSON?: () => unknown } | string | undefined;
	return decodeWindow(
		typeof value === 'object' && typeof value.toJSON === 'function' ? value.toJSON() : value,
	);
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

/** Per trigger: when its claims were last pruned (once a second is enough: they live minutes). */
const prunedAtByTrigger = new Map<string, number>();

/** Forgets answered claims that fell out of the window, and claims whose answer never came. */
function pruneClaims(triggerKey: string, claims: Map<string, Claim>, now: number) {
	if (now - (prunedAtByTrigger.get(triggerKey) ?? -Infinity) < 1000) return;
	prunedAtByTrigger.set(triggerKey, now);
	const pending = pendingOf(triggerKey);
	for (const [id, claim] of claims) {
		const limit = claim.outcome === 'answered' ? DEDUPE_WINDOW_MS : CLAIM_TTL_MS;
		if (now - claim.at > limit) {
			claims.delete(id);
			pending.delete(claim);
		}
	}
	if (claims.size > DEDUPE_MAX_ENTRIES * 2) {
		const oldest = [...claims.entries()]
			.filter(([, claim]) => claim.outcome === 'answered')
			.sort((a, b) => a[1].at - b[1].at)
			.slice(0, claims.size - DEDUPE_MAX_ENTRIES * 2);
		for (const [id] of oldest) claims.delete(id);
	}
}

/**
 * The durable window for the static data n8n loaded for this request; once assigned to it, n8n
 * saves it as it answers the request. The window is computed when n8n writes it (JSON.stringify calls toJSON):
 * what this request loaded, every id of this process whose execution exists by then, and this
 * request's own id (an accepted delivery is answered only once its execution exists). n8n saves
 * static data as a whole object, so a snapshot taken earlier would drop the ids answered since
 * when concurrent requests save out of order.
 */
function writeWindow(
	store: IDataObject,
	claims: Map<string, Claim>,
	clock: Clock,
	own?: { id: string; claim: Claim },
) {
	const loaded = readDurable(store);
	const window = Object.create(null) as IDataObject;
	Object.defineProperty(window, 'toJSON', {
		enumerable: false,
		value: () => {
			const ids = new Map(loaded);
			for (const [id, claim] of claims) if (exists(claim) && !ids.has(id)) ids.set(id, claim.at);
			if (own && own.claim.outcome !== 'released') ids.set(own.id, own.claim.at);
			return encodeWindow(prune(ids, clock.now()));
		},
	});
	return window;
}

/**
 * Decides what to do with a verified delivery: `accept` it (start one execution), drop it as a
 * `duplicate` (answer 200, start nothing), or, while another copy of it is still being taken and
 * its answer has not gone out, report it `inFlight` (answer 503: Linq retries it later, and by then
 * it is either a known duplicate or free to run).
 *
 * A delivery is a duplicate when its id is in the durable window (static data, saved by n8n with
 * the answer and read by every n8n process) or when this process saw a 2xx go out for it. A copy
 * arriving while the first copy waits for its answer waits up to COPY_WAIT_MS for it.
 */
export async function claimDelivery(
	store: IDataObject,
	triggerKey: string,
	webhookId: string,
	watchAnswer: AnswerWatcher,
	clock: Clock = realClock,
): Promise<Verdict> {
	const claims = claimsOf(triggerKey);
	pruneClaims(triggerKey, claims, clock.now());
	const loaded = readDurable(store);
	if (loaded.has(webhookId)) {
		// A repeat starts nothing, so n8n saves right away: put back ids a concurrent save dropped.
		let dropped = false;
		for (const [id, c] of claims) if (!dropped && exists(c) && !loaded.has(id)) dropped = true;
		if (dropped) {
			// Assigning the field marks the static data changed; n8n then saves it.
			store.deliveries = writeWindow(store, claims, clock);
		}
		return 'duplicate';
	}
	const earlier = claims.get(webhookId);
	if (earlier) {
		const outcome =
			earlier.outcome ??
			(await Promise.race([earlier.settled, clock.wait(COPY_WAIT_MS).then(() => undefined)]));
		if (outcome === 'answered') return 'duplicate';
		if (outcome === undefined) return 'inFlight';
		// The earlier copy's answer was not a 2xx: Linq retries, and this copy may run.
		if (claims.get(webhookId) === earlier) claims.delete(webhookId);
		else return await claimDelivery(store, triggerKey, webhookId, watchAnswer, clock);
	}
	const claim = newClaim(clock.now());
	claims.set(webhookId, claim);
	const pending = pendingOf(triggerKey);
	pending.add(claim);
	watchAnswer.sent((statusCode) => {
		pending.delete(claim);
		claim.settle(statusCode >= 200 && statusCode < 300 ? 'answered' : 'released');
		if (claim.outcome === 'released' && claims.get(webhookId) === claim) claims.delete(webhookId);
	});
	// The window is assigned (which marks the static data changed, so n8n saves it right after the
	// answer) only just before the answer is written: n8n may clear the change flag before that
	// (WorkflowRunner.run() builds a Workflow over the same static data object, and building one
	// resets the flag: n8n@2.41.1 packages/cli/src/workflow-runner.ts, establishContextForPersistence).
	// And only by the last answer of the deliveries in flight: each save writes the whole window
	// (up to DEDUPE_MAX_ENTRIES ids), and a later answer's save carries this id too, so n8n writes
	// the window once per burst instead of once per delivery.
	const window = writeWindow(store, claims, clock, { id: webhookId, claim });
	watchAnswer.sending((statusCode) => {
		// Not a 2xx: n8n could not start the execution (n8n 1.x answers 500 while its database is
		// not ready after a restart). Such an id must not reach any window, not even while the
		// answer is written: Linq sends it again, and it must run then. n8n saves nothing after such
		// an answer, so no other answer leaves its save to this one (answering).
		claim.answering = true;
		pending.delete(claim);
		if (statusCode < 200 || statusCode >= 300) return;
		claim.recorded = true;
		if (!leaveSaveToLater(triggerKey, claim, clock.now())) store.deliveries = window;
	});
	return 'accept';
}

/**
 * Called by the trigger inside the delivery's execution, just before it answers Linq: the
 * execution exists, so other requests may now write this id too. Does nothing in a process that
 * did not take the delivery (a queue-mode worker).
 */
export function markRecorded(triggerKey: string, webhookId: string) {
	const claim = claimsByTrigger.get(triggerKey)?.get(webhookId);
	if (claim && !claim.outcome) claim.recorded = true;
}

/** Forgets what this process remembers for a trigger (used when its subscription goes away). */
export function forgetTrigger(triggerKey: string) {
	claimsByTrigger.delete(triggerKey);
	unsavedByTrigger.delete(triggerKey);
	pendingByTrigger.delete(triggerKey);
	prunedAtByTrigger.delete(triggerKey);
}
