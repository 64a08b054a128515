/**
 * The developers' guide keeps files in nodes/ and credentials/ under about 300 lines, so each reads
 * in one sitting; CONTRIBUTING.md (Code layout) says where a new piece goes instead.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

describe('code layout', () => {
	const files = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

	it('finds the shipped source', () => {
		expect(files).toContain(path.join('nodes', 'Linq', 'Linq.node.ts'));
		expect(files.length).toBeGreaterThan(50);
	});

	it(`keeps every file in nodes/ and credentials/ at ${MAX_LINES} lines or fewer`, () => {
		const long = files
			.map((file) => ({
				file,
				lines: fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1,
			}))
			.filter(({ lines }) => lines > MAX_LINES);
		expect(long).toEqual([]);
	});
});
