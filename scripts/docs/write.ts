/**
 * `npm run docs`: writes the operation and endpoint tables (made from the code) into README.md, and
 * the queue-mode suite's latest measurements when it has run here.
 */
import fs from 'node:fs';
import path from 'node:path';

import { latestQueueReport, queueResultsTable } from './queueResults';
import { endpointsTable, operationsTable, withBlock } from './tables';

const readme = path.resolve(__dirname, '..', '..', 'README.md');
let text = fs.readFileSync(readme, 'utf8');
text = withBlock(text, 'operations', operationsTable());
text = withBlock(text, 'endpoints', endpointsTable());
const queue = latestQueueReport();
if (queue) text = withBlock(text, 'queue', queueResultsTable(queue));
fs.writeFileSync(readme, text);
console.log(
	`README.md: operation and endpoint tables${queue ? `, queue-mode results (n8n ${queue.n8n})` : ''} written.`,
);
