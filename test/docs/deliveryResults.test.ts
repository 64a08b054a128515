import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { deliveryResultsTable, deliverySummary } from '../../scripts/docs/deliveryResults';

const counted = (answered: number, executions: number, lost: number, ranTwice: number) => ({
	answered,
	executions,
	lost,
	startingUp: 2,
	ranTwice,
	neverAnswered: 0,
});

describe("the crash suites' table in docs/delivery-guarantees.md", () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-results-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('has nothing to write before a crash suite has run', () => {
		expect(deliveryResultsTable(dir)).toBeUndefined();
		expect(deliverySummary(dir)).toBeUndefined();
	});

	it('lists each version and scenario for both nodes, versions in numeric order, and the round-robin replies', () => {
		const write = (name: string, report: object) =>
			fs.writeFileSync(path.join(dir, name), JSON.stringify(report));
		write('delivery-n8n-2.41.1.json', {
			seed: 7,
			measuredAt: '2026-12-02T05:00:00.000Z',
			burst: { 'Linq Trigger': counted(300, 300, 0, 0), Webhook: counted(300, 299, 1, 0) },
			'stream with 2 crashes (seed 7)': { 'Linq Trigger': counted(200, 204, 0, 4) },
		});
		write('delivery-n8n-2.8.4.json', {
			measuredAt: '2026-12-01T05:00:00.000Z',
			'redelivered after the restart': { 'Linq Trigger': counted(300, 309, 0, 9) },
		});
		write('queue-crash-n8n-2.8.4.json', {
			'kill -9 mid-stream': { Webhook: counted(150, 150, 0, 0) },
			'round-robin copies, auto-reply': {
				deliveries: 10,
				executions: 20,
				replies: 10,
				replays: 10,
			},
		});
		write('queue-dedupe-n8n-2.8.4.json', { summary: {} });

		const lines = (deliveryResultsTable(dir) as string).split('\n');
		expect(lines.filter((line) => line.startsWith('| 2.'))).toEqual([
			'| 2.8.4 | regular | after that restart, every answered delivery sent again | Linq Trigger | 300 | 309 | **0** | 2 | 9 | 0 | 2026-12-01 |',
			'| 2.41.1 | regular | SIGKILL right after a burst of 300 (20 in flight) | Linq Trigger | 300 | 300 | **0** | 2 | 0 | 0 | 2026-12-02 |',
			"| 2.41.1 | regular | SIGKILL right after a burst of 300 (20 in flight) | n8n's Webhook node | 300 | 299 | **1** | 2 | 0 | 0 | 2026-12-02 |",
			'| 2.41.1 | regular | a stream at 10/s with 2 SIGKILLs at random moments, Linq retrying | Linq Trigger | 200 | 204 | **0** | 2 | 4 | 0 | 2026-12-02 |',
			"| 2.8.4 | queue | kill -9 of the trigger's webhook process mid-stream (10/s, no drain), Linq retrying | n8n's Webhook node | 150 | 150 | **0** | 2 | 0 | 0 |  |",
			'| 2.8.4 |  | 10 | 20 | 10 | 10 |',
		]);
		expect(
			(deliverySummary(dir) as string).split('\n').filter((line) => line.startsWith('- ')),
		).toEqual([
			"- n8n 2.8.4: n8n's Webhook node lost **0** of 150 answered 200 (0 ran twice; 2 more got n8n's own start-up 200 and reached no node).",
			"- n8n 2.41.1: Linq Trigger lost **0** of 500 answered 200 (4 ran twice; 4 more got n8n's own start-up 200 and reached no node); n8n's Webhook node lost **1** of 300 answered 200 (0 ran twice; 2 more got n8n's own start-up 200 and reached no node).",
		]);
	});
});
