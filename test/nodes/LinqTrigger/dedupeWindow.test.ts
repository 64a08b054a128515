/**
 * The dedupe window as n8n processes see it: each request loads the workflow's static data from
 * the database, and n8n saves the whole object back as it answers the request, so the save that
 * lands last wins. Each "process" here is its own copy of the module (its own memory), sharing
 * one "database"; an answer going out is the watcher's callback.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Clock } from '../../../nodes/LinqTrigger/dedupeWindow';
import {
	CLAIM_TTL_MS,
	COPY_WAIT_MS,
	DEDUPE_MAX_ENTRIES,
	DEDUPE_WINDOW_MS,
	MAX_UNSAVED_ANSWERS,
	MAX_UNSAVED_MS,
} from '../../../nodes/LinqTrigger/dedupeWindow';
import { decodeWindow } from '../../../nodes/LinqTrigger/savedWindow';

type DedupeWindow = typeof import('../../../nodes/LinqTrigger/dedupeWindow');

const KEY = 'wf:node:live';
const processes: DedupeWindow[] = [];

function newProcess(): DedupeWindow {
	let copy: DedupeWindow | undefined;
	jest.isolateModules(() => {
		copy = jest.requireActual<DedupeWindow>('../../../nodes/LinqTrigger/dedupeWindow');
	});
	processes.push(copy!);
	return copy!;
}

afterEach(() => {
	for (const p of processes.splice(0)) p.forgetTrigger(KEY);
});

/** A clock whose waits take no real time: each one is a turn of the event loop that moves time on. */
function testClock(start = 1_000_000) {
	const clock = {
		t: start,
		waits: [] as number[],
		now: () => clock.t,
		wait: (ms: number) =>
			new Promise<void>((resolve) =>
				setImmediate(() => {
					clock.waits.push(ms);
					clock.t += ms;
					resolve();
				}),
			),
	};
	return clock as Clock & { t: number; waits: number[] };
}

/** What n8n writes to its database: the static data as JSON (our window computes itself then). */
const saveOf = (store: IDataObject): IDataObject => JSON.parse(JSON.stringify(store));
const idsIn = (store: IDataObject) => [...decodeWindow(saveOf(store).deliveries).keys()].sort();

/** A request's answer, sent later by the test (n8n answers once the execution exists). */
function answerLater() {
	let sending: (status: number) => void = () => undefined;
	let sent: (status: number) => void = () => undefined;
	return {
		watch: {
			sending: (callback: (status: number) => void) => (sending = callback),
			sent: (callback: (status: number) => void) => (sent = callback),
		},
		/** The answer is being written: n8n's `end()` was called, the response has not finished. */
		writing: (status: number) => sending(status),
		send: (status = 200) => {
			sending(status);
			sent(status);
		},
	};
}

describe('dedupe window', () => {
	it('a repeat is refused in the same process once answered, and in another process once saved', async () => {
		const clock = testClock();
		const [a, b] = [newProcess(), newProcess()];
		const request: IDataObject = {};
		const answer = answerLater();
		expect(await a.claimDelivery(request, KEY, 'msg_1', answer.watch, clock)).toBe('accept');
		answer.send(200);
		expect(await a.claimDelivery({}, KEY, 'msg_1', answerLater().watch, clock)).toBe('duplicate');
		const database = saveOf(request);
		expect(await b.claimDelivery(saveOf(database), KEY, 'msg_1', answerLater().watch, clock)).toBe(
			'duplicate',
		);
	});

	it('the saved window is computed when n8n writes it, after the answer: with deliveries in flight, the last answer saves for all', async () => {
		const clock = testClock();
		const a = newProcess();
		const [first, second] = [{}, {}] as IDataObject[];
		const [answerFirst, answerSecond] = [answerLater(), answerLater()];
		await a.claimDelivery(first, KEY, 'msg_a', answerFirst.watch, clock);
		await a.claimDelivery(second, KEY, 'msg_b', answerSecond.watch, clock);
		// msg_a still waits for its answer: the save made after it carries msg_b too.
		answerSecond.send(200);
		expect(idsIn(second)).toEqual([]);
		answerFirst.send(200);
		expect(idsIn(first)).toEqual(['msg_a', 'msg_b']);
	});

	it('an answer that is not a 2xx (n8n could not start the execution) never puts its id in a window, not even while it is written', async () => {
		const clock = testClock();
		const a = newProcess();
		const [failed, other] = [{}, {}] as IDataObject[];
		const failedAnswer = answerLater();
		await a.claimDelivery(failed, KEY, 'msg_500', failedAnswer.watch, clock);
		const otherAnswer = answerLater();
		await a.claimDelivery(other, KEY, 'msg_ok', otherAnswer.watch, clock);
		// n8n writes the 500 (its database is not ready); another request saves meanwhile.
		failedAnswer.writing(500);
		otherAnswer.send(200);
		expect(idsIn(other)).toEqual(['msg_ok']);
		expect(idsIn(failed)).toEqual([]);
		// Linq sends it again once the 500 has gone out: it runs.
		failedAnswer.send(500);
		expect(await a.claimDelivery({}, KEY, 'msg_500', answerLater().watch, clock)).toBe('accept');
	});

	it('a save leaves out ids whose execution may not exist yet, until it ran here (markRecorded) or was answered', async () => {
		const clock = testClock();
		const a = newProcess();
		const [first, second] = [{}, {}] as IDataObject[];
		await a.claimDelivery(first, KEY, 'msg_a', answerLater().watch, clock);
		// msg_a's answer is late: msg_b's request does not count on it to save.
		clock.t += MAX_UNSAVED_MS * 5;
		const answer = answerLater();
		await a.claimDelivery(second, KEY, 'msg_b', answer.watch, clock);
		answer.send(200);
		expect(idsIn(second)).toEqual(['msg_b']);
		a.markRecorded(KEY, 'msg_a');
		expect(idsIn(second)).toEqual(['msg_a', 'msg_b']);
	});

	it(`at most ${MAX_UNSAVED_ANSWERS} answers in a row, and for at most ${MAX_UNSAVED_MS} ms, leave their save to a later one`, async () => {
		const clock = testClock();
		const a = newProcess();
		await a.claimDelivery({}, KEY, 'msg_waiting', answerLater().watch, clock);
		const saved: string[][] = [];
		for (let i = 0; i < MAX_UNSAVED_ANSWERS + 1; i++) {
			const request: IDataObject = {};
			const answer = answerLater();
			await a.claimDelivery(request, KEY, `msg_${i}`, answer.watch, clock);
			answer.send(200);
			saved.push(idsIn(request));
		}
		expect(saved.slice(0, MAX_UNSAVED_ANSWERS).every((ids) => ids.length === 0)).toBe(true);
		expect(saved[MAX_UNSAVED_ANSWERS]).toHaveLength(MAX_UNSAVED_ANSWERS + 1);
		// And by time: one answer leaves its save to later; the next, a second on, saves.
		const [late, later] = [{}, {}] as IDataObject[];
		const [answerLate, answerLater_] = [answerLater(), answerLater()];
		await a.claimDelivery(late, KEY, 'msg_late', answerLate.watch, clock);
		answerLate.send(200);
		expect(idsIn(late)).toEqual([]);
		clock.t += MAX_UNSAVED_MS;
		await a.claimDelivery({}, KEY, 'msg_waiting_2', answerLater().watch, clock);
		await a.claimDelivery(later, KEY, 'msg_later', answerLater_.watch, clock);
		answerLater_.send(200);
		expect(idsIn(later)).toContain('msg_late');
	});

	it('a copy arriving while the first copy waits for its answer waits for it: a 2xx makes it a duplicate', async () => {
		const clock = testClock();
		const a = newProcess();
		const answer = answerLater();
		await a.claimDelivery({}, KEY, 'msg_c', answer.watch, clock);
		const copy = a.claimDelivery({}, KEY, 'msg_c', answerLater().watch, {
			now: clock.now,
			wait: () => new Promise(() => undefined),
		});
		answer.send(200);
		expect(await copy).toBe('duplicate');
	});

	it('a copy whose first copy is not answered within COPY_WAIT_MS is in flight (Linq is asked to retry)', async () => {
		const clock = testClock();
		const a = newProcess();
		await a.claimDelivery({}, KEY, 'msg_s', answerLater().watch, clock);
		expect(await a.claimDelivery({}, KEY, 'msg_s', answerLater().watch, clock)).toBe('inFlight');
		expect(clock.waits).toContain(COPY_WAIT_MS);
	});

	it('after a non-2xx answer (n8n could not start the execution) the id is free again and in no save', async () => {
		const clock = testClock();
		const a = newProcess();
		const answer = answerLater();
		const failed: IDataObject = {};
		await a.claimDelivery(failed, KEY, 'msg_f', answer.watch, clock);
		answer.send(500);
		expect(idsIn(failed)).toEqual([]);
		const other: IDataObject = {};
		expect(await a.claimDelivery(other, KEY, 'msg_f', answerLater().watch, clock)).toBe('accept');
	});

	it('a claim whose answer never came is given up after CLAIM_TTL_MS: a copy may run then', async () => {
		const clock = testClock();
		const a = newProcess();
		await a.claimDelivery({}, KEY, 'msg_t', answerLater().watch, clock);
		clock.t += CLAIM_TTL_MS + 1;
		expect(await a.claimDelivery({}, KEY, 'msg_t', answerLater().watch, clock)).toBe('accept');
	});

	it('the static data is marked changed just before the answer is written (n8n may clear the flag before that)', async () => {
		const clock = testClock();
		const a = newProcess();
		const answer = answerLater();
		let marks = 0;
		const request = new Proxy({} as IDataObject, {
			set(target, name, value) {
				if (name === 'deliveries') marks++;
				return Reflect.set(target, name, value);
			},
		});
		await a.claimDelivery(request, KEY, 'msg_m', answer.watch, clock);
		expect(marks).toBe(0);
		answer.send(200);
		expect(marks).toBe(1);
		expect(idsIn(request)).toEqual(['msg_m']);
	});

	it('a repeat writes the window only when the loaded copy lacks ids this process answered', async () => {
		const clock = testClock();
		const a = newProcess();
		const answer = answerLater();
		const request: IDataObject = {};
		await a.claimDelivery(request, KEY, 'msg_1', answer.watch, clock);
		answer.send(200);
		const database = saveOf(request);
		const untouched = saveOf(database);
		await a.claimDelivery(untouched, KEY, 'msg_1', answerLater().watch, clock);
		expect(untouched).toEqual(database);
		// Another process's save dropped msg_1; a repeat of any delivery puts it back.
		const dropped: IDataObject = { deliveries: { msg_other: clock.now() } };
		expect(await a.claimDelivery(dropped, KEY, 'msg_other', answerLater().watch, clock)).toBe(
			'duplicate',
		);
		expect(idsIn(dropped)).toEqual(['msg_1', 'msg_other']);
	});

	it('keeps at most the window: ids older than an hour and beyond the size limit are dropped', async () => {
		const clock = testClock(0);
		const a = newProcess();
		let database: IDataObject = { deliveries: { old: 0 } };
		clock.t = DEDUPE_WINDOW_MS + 10;
		for (let i = 0; i < DEDUPE_MAX_ENTRIES + 5; i++) {
			const request = saveOf(database);
			const answer = answerLater();
			await a.claimDelivery(request, KEY, `msg_${i}`, answer.watch, clock);
			answer.send(200);
			database = saveOf(request);
			clock.t++;
		}
		const kept = [...decodeWindow(database.deliveries).keys()];
		expect(kept).toHaveLength(DEDUPE_MAX_ENTRIES);
		expect(kept).not.toContain('old');
		expect(kept).not.toContain('msg_0');
		expect(kept).toContain(`msg_${DEDUPE_MAX_ENTRIES + 4}`);
	});

	it('forgetTrigger clears the process memory', async () => {
		const clock = testClock();
		const a = newProcess();
		const answer = answerLater();
		await a.claimDelivery({}, KEY, 'msg_1', answer.watch, clock);
		answer.send(200);
		a.forgetTrigger(KEY);
		expect(await a.claimDelivery({}, KEY, 'msg_1', answerLater().watch, clock)).toBe('accept');
	});
});
