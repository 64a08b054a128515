// `npm run lint`: both of n8n's checks for community nodes, with inline eslint-disable comments ignored.
//  1. n8n's official community-node lint: @n8n/node-cli's ESLint configuration (eslint.config.mjs),
//     what `n8n-node lint` and n8n's starter run, over nodes/, credentials/ and package.json.
//  2. n8n's community-package scan (@n8n/scan-community-package's analyzePackage and source patterns),
//     once over the source and once over the package as npm would publish it (packed from dist/).
//  3. Formatting: every file Prettier covers (.prettierrc.js, .prettierignore) is formatted as the
//     starter sets it (`npm run format` fixes it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function officialLint() {
	const eslint = new ESLint({ cwd: root, allowInlineConfig: false });
	const results = await eslint.lintFiles(['nodes', 'credentials', 'package.json']);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const files = results.length;
	if (errors + warnings === 0) {
		console.log(
			`✅ n8n community-node lint (@n8n/node-cli ESLint config): ${files} files, 0 errors, 0 warnings`,
		);
		return true;
	}
	const formatter = await eslint.loadFormatter('stylish');
	console.log(await formatter.format(results));
	console.log(`❌ n8n community-node lint: ${errors} errors, ${warnings} warnings`);
	return false;
}

function report(label, result) {
	if (result.passed) {
		console.log(`✅ n8n community-package scan, ${label}: no errors`);
		return true;
	}
	console.log(`❌ n8n community-package scan, ${label}: ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

async function scan() {
	const sourceOk = report('source', await analyzePackage(root, SOURCE_FILE_PATTERNS));
	const work = mkdtempSync(path.join(tmpdir(), 'linqapp-lint-'));
	try {
		execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
			cwd: root,
			stdio: 'pipe',
		});
		const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
		execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
		const distOk = report(
			'packed dist',
			await analyzePackage(path.join(work, 'package'), ['**/*.js', 'package.json']),
		);
		return sourceOk && distOk;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

if (!existsSync(path.join(root, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}

function formatting() {
	try {
		execFileSync('npx', ['prettier', '--list-different', '.'], { cwd: root, stdio: 'pipe' });
		console.log("✅ formatting (Prettier, the starter's settings): every file is formatted");
		return true;
	} catch (error) {
		const files = String(error.stdout ?? '').trim();
		console.log(
			`❌ formatting: these files are not formatted (run \`npm run format\`):\n${files || error.message}`,
		);
		return false;
	}
}

const lintOk = await officialLint();
const scanOk = await scan();
const formatOk = formatting();
process.exit(lintOk && scanOk && formatOk ? 0 : 1);
