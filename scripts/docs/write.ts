/** `npm run docs`: writes the operation and endpoint tables (made from the code) into README.md. */
import fs from 'node:fs';
import path from 'node:path';

import { endpointsTable, operationsTable, withBlock } from './tables';

const readme = path.resolve(__dirname, '..', '..', 'README.md');
let text = fs.readFileSync(readme, 'utf8');
text = withBlock(text, 'operations', operationsTable());
text = withBlock(text, 'endpoints', endpointsTable());
fs.writeFileSync(readme, text);
console.log('README.md: operation and endpoint tables written.');
