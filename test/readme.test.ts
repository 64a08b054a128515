/** The README tells the truth about what the code does: its tables are checked against the code. */
import fs from 'node:fs';
import path from 'node:path';

import { linqErrorHint } from '../nodes/shared/errors';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
	it('the hint table shows exactly the hint the node gives for each Linq code', () => {
		const rows = [...readme.matchAll(/^\| (\d{4}) \| (.*) \|$/gm)];
		expect(rows.length).toBeGreaterThanOrEqual(48);
		for (const [, code, hint] of rows) expect([code, hint]).toEqual([code, linqErrorHint(Number(code))]);
	});
});
