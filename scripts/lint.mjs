// `npm run lint`: n8n's community-package scan, exactly as @n8n/scan-community-package applies it
// (its exported analyzePackage and source patterns): once over the source, once over the package
// as npm would publish it (packed from the built dist/). Inline eslint-disable comments do not count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function report(label, result) {
	if (result.passed) {
		console.log(`✅ ${label}: no scan errors`);
		return true;
	}
	console.log(`❌ ${label}: ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

if (!existsSync(path.join(root, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}

const sourceOk = report('source', await analyzePackage(root, SOURCE_FILE_PATTERNS));

const work = mkdtempSync(path.join(tmpdir(), 'linqapp-lint-'));
let distOk = false;
try {
	execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, stdio: 'pipe' });
	const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
	distOk = report('packed dist', await analyzePackage(unpacked, ['**/*.js', 'package.json']));
} finally {
	rmSync(work, { recursive: true, force: true });
}

process.exit(sourceOk && distOk ? 0 : 1);
