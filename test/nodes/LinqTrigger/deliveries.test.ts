/**
 * The dedupe window as several n8n processes see it: each request loads the workflow's static data
 * from the database, and n8n saves the whole object back after the call, so the last save wins.
 * Each "process" here is its own copy of the module (its own memory), sharing one "database".
 */
import type { IDataObject } from 'n8n-workflow';

import { DEDUPE_MAX_ENTRIES, DEDUPE_WINDOW_MS } from '../../../nodes/LinqTrigger/deliveries';

type Deliveries = typeof import('../../../nodes/LinqTrigger/deliveries');

function newProcess(): Deliveries {
	let copy: Deliveries | undefined;
	jest.isolateModules(() => {
		copy = jest.requireActual<Deliveries>('../../../nodes/LinqTrigger/deliveries');
	});
	return copy as Deliveries;
}

const KEY = 'wf:node:live';
const clone = (value: IDataObject): IDataObject => JSON.parse(JSON.stringify(value));

describe('dedupe window across processes', () => {
	it('a repeat is refused in the same process and, once saved, in another process', () => {
		const [a, b] = [newProcess(), newProcess()];
		let database: IDataObject = {};
		const request = clone(database);
		expect(a.claimDelivery(request, KEY, 'msg_1', 1000)).toBe(true);
		expect(a.claimDelivery(clone(database), KEY, 'msg_1', 1001)).toBe(false);
		database = request;
		expect(b.claimDelivery(clone(database), KEY, 'msg_1', 1002)).toBe(false);
	});

	it("an id dropped by another process's concurrent save is written back by the next save of the process that knows it", () => {
		const [a, b] = [newProcess(), newProcess()];
		let database: IDataObject = {};
		// Both processes load the same snapshot; A saves first, B's save (without msg_a) wins.
		const loadedByA = clone(database);
		const loadedByB = clone(database);
		expect(a.claimDelivery(loadedByA, KEY, 'msg_a', 1000)).toBe(true);
		database = clone(loadedByA);
		expect(b.claimDelivery(loadedByB, KEY, 'msg_b', 1001)).toBe(true);
		database = clone(loadedByB);
		expect(Object.keys(database.deliveries as object)).toEqual(['msg_b']);

		// A's next request, even a repeat that starts nothing, restores what it knows.
		const next = clone(database);
		expect(a.claimDelivery(next, KEY, 'msg_a', 1002)).toBe(false);
		database = next;
		expect(Object.keys(database.deliveries as object).sort()).toEqual(['msg_a', 'msg_b']);
		// And a restarted process (empty memory) now refuses the repeat from the database alone.
		expect(newProcess().claimDelivery(clone(database), KEY, 'msg_a', 1003)).toBe(false);
	});

	it('in one process, a request that returns after a later one saves every id accepted up to then', () => {
		const a = newProcess();
		// r1 and r2 load the same snapshot; r1 is slow (a media download), r2 returns and saves first.
		const r1 = clone({});
		const r2 = clone({});
		expect(a.claimDelivery(r1, KEY, 'msg_slow', 1000)).toBe(true);
		expect(a.claimDelivery(r2, KEY, 'msg_fast', 1001)).toBe(true);
		expect(Object.keys(r2.deliveries as object).sort()).toEqual(['msg_fast', 'msg_slow']);
		// r1's copy still lacks msg_fast; saved last as it is, it would drop it.
		expect(Object.keys(r1.deliveries as object)).toEqual(['msg_slow']);
		a.rememberDeliveries(r1, KEY, 1002);
		expect(Object.keys(r1.deliveries as object).sort()).toEqual(['msg_fast', 'msg_slow']);
	});

	it('a repeat that changes nothing does not mark the static data changed', () => {
		const a = newProcess();
		const database: IDataObject = {};
		a.claimDelivery(database, KEY, 'msg_1', 1000);
		const loaded = clone(database);
		let writes = 0;
		const observed = new Proxy(loaded, {
			set(target, name, value) {
				writes++;
				return Reflect.set(target, name, value);
			},
		});
		expect(a.claimDelivery(observed, KEY, 'msg_1', 1001)).toBe(false);
		expect(writes).toBe(0);
	});

	it('keeps at most the window: ids older than an hour and beyond the size limit are dropped', () => {
		const a = newProcess();
		const database: IDataObject = {};
		a.claimDelivery(database, KEY, 'old', 0);
		for (let i = 0; i < DEDUPE_MAX_ENTRIES + 5; i++)
			a.claimDelivery(database, KEY, `msg_${i}`, DEDUPE_WINDOW_MS + 10 + i);
		const kept = Object.keys(database.deliveries as object);
		expect(kept).toHaveLength(DEDUPE_MAX_ENTRIES);
		expect(kept).not.toContain('old');
		expect(kept).not.toContain('msg_0');
		expect(kept).toContain(`msg_${DEDUPE_MAX_ENTRIES + 4}`);
	});

	it('forgetTrigger clears the process memory', () => {
		const a = newProcess();
		a.claimDelivery({}, KEY, 'msg_1', 1000);
		a.forgetTrigger(KEY);
		expect(a.claimDelivery({}, KEY, 'msg_1', 1001)).toBe(true);
	});
});
