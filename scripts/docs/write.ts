/**
 * `npm run docs`: writes the tables made from the code: the operation table into README.md, the
 * endpoint table into docs/linq-node.md, the queue-mode suite's latest measurements into
 * docs/queue-mode.md and the crash suites' into docs/delivery-guarantees.md, when they have run here.
 */
import fs from 'node:fs';
import path from 'node:path';

import { deliveryResultsTable, deliverySummary } from './deliveryResults';
import { latestQueueReport, queueResultsTable } from './queueResults';
import { endpointsTable, operationsSummary, operationsTable, withBlock } from './tables';

const ROOT = path.resolve(__dirname, '..', '..');

function writeBlock(file: string, name: string, content: string) {
	const full = path.join(ROOT, file);
	fs.writeFileSync(full, withBlock(fs.readFileSync(full, 'utf8'), name, content, file));
	console.log(`${file}: ${name} written.`);
}

writeBlock('README.md', 'operations', operationsSummary());
writeBlock(path.join('docs', 'linq-node.md'), 'operations', operationsTable());
writeBlock(path.join('docs', 'linq-node.md'), 'endpoints', endpointsTable());
const queue = latestQueueReport();
if (queue) writeBlock(path.join('docs', 'queue-mode.md'), 'queue', queueResultsTable(queue));
const delivery = deliveryResultsTable();
if (delivery)
	writeBlock(path.join('docs', 'delivery-guarantees.md'), 'delivery-measured', delivery);
const summary = deliverySummary();
if (summary) writeBlock('README.md', 'guarantees-measured', summary);
