/**
 * Every link resolves: in the Markdown files, the codex files (nodes/*\/*.node.json) and the
 * credentials' documentationUrl. Relative files must exist and `#anchors` must be headings of the
 * target (as GitHub makes them); links to this repository on GitHub are checked as the local files
 * they name. Pages of Linq's documentation must be ones listed in docs/linq-docs.md (tests never
 * reach the internet, so other external links are checked for form only).
 */
import fs from 'node:fs';
import path from 'node:path';

import { LinqAppApi } from '../../credentials/LinqAppApi.credentials';
import { LinqAppWebhookSecretApi } from '../../credentials/LinqAppWebhookSecretApi.credentials';

const ROOT = path.join(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/linqapp/n8n-nodes-linqapp';
const SKIP = new Set(['node_modules', 'dist', '.git', '.n8n-dev', 'results']);

function filesUnder(dir: string, pattern: RegExp): string[] {
	return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : filesUnder(relative, pattern);
		return pattern.test(entry.name) ? [relative] : [];
	});
}

/** Markdown without its code blocks, and (for links) without its inline code: code holds no links. */
const withoutCodeBlocks = (text: string) =>
	text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
const withoutCode = (text: string) => withoutCodeBlocks(text).replace(/`[^`\n]*`/g, '');

/** The anchors GitHub gives a Markdown file's headings (github-slugger's rules), plus explicit ids. */
function anchorsOf(file: string): Set<string> {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, heading] of withoutCodeBlocks(text).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
		const base = heading
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<[^>]+>/g, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
			.replace(/ /g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	for (const [, id] of text.matchAll(/<a (?:id|name)="([^"]+)"/g)) anchors.add(id);
	return anchors;
}

const linqPages = new Set(
	[
		...fs
			.readFileSync(path.join(ROOT, 'docs', 'linq-docs.md'), 'utf8')
			.matchAll(/\| (https:\/\/docs\.linqapp\.com\S*) \|/g),
	].map(([, url]) => url),
);
const ERROR_CODE_PAGE = /^https:\/\/docs\.linqapp\.com\/error\/codes\/[1-5]xxx\/[1-5]\d{3}\/$/;

/** Why `target` (linked from `from`, a file in the repository) does not resolve, or undefined. */
function problemWith(from: string, target: string): string | undefined {
	if (target.startsWith(REPOSITORY)) {
		const rest = target.slice(REPOSITORY.length);
		const [where, anchor] = rest.split('#');
		if (where === '' || where === '/')
			return anchor === undefined || anchor === 'readme'
				? undefined
				: problemWith('README.md', `#${anchor}`);
		const local = /^\/(?:blob|tree)\/main\/(.+)$/.exec(where)?.[1];
		if (!local) return `not a file of this repository: ${target}`;
		return problemWith('README.md', `${local}${anchor === undefined ? '' : `#${anchor}`}`);
	}
	if (target.startsWith('https://docs.linqapp.com')) {
		return linqPages.has(target) || ERROR_CODE_PAGE.test(target)
			? undefined
			: `a Linq page not listed in docs/linq-docs.md: ${target}`;
	}
	if (/^(https?:|mailto:)/.test(target)) {
		try {
			new URL(target);
			return undefined;
		} catch {
			return `not a URL: ${target}`;
		}
	}
	const [file, anchor] = target.split('#');
	const resolved = file === '' ? from : path.normalize(path.join(path.dirname(from), file));
	if (resolved.startsWith('..') || !fs.existsSync(path.join(ROOT, resolved)))
		return `no such file: ${target}`;
	if (anchor === undefined) return undefined;
	if (!resolved.endsWith('.md')) return `an anchor into a file that is not Markdown: ${target}`;
	return anchorsOf(resolved).has(anchor) ? undefined : `no heading #${anchor} in ${resolved}`;
}

const markdownFiles = filesUnder('.', /\.md$/);

describe('links', () => {
	it('finds the Markdown files', () => {
		expect(markdownFiles).toEqual(
			expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'docs/errors.md']),
		);
	});

	it.each(markdownFiles)('every link in %s resolves', (file) => {
		const text = withoutCode(fs.readFileSync(path.join(ROOT, file), 'utf8'));
		const targets = [
			...[...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(([, target]) => target),
			...[...text.matchAll(/<(https?:\/\/[^>]+)>/g)].map(([, target]) => target),
		];
		expect(targets.map((target) => problemWith(file, target)).filter(Boolean)).toEqual([]);
	});

	it('every documentation link in the codex files resolves', () => {
		const urls = filesUnder('nodes', /\.node\.json$/).flatMap((file) => {
			const codex = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as {
				resources: Record<string, Array<{ url: string }>>;
			};
			return Object.values(codex.resources).flatMap((links) => links.map(({ url }) => url));
		});
		expect(urls.length).toBeGreaterThanOrEqual(4);
		expect(urls.map((url) => problemWith('README.md', url)).filter(Boolean)).toEqual([]);
	});

	it("every credential's documentationUrl resolves", () => {
		const urls = [
			new LinqAppApi().documentationUrl,
			new LinqAppWebhookSecretApi().documentationUrl,
		];
		expect(urls.map((url) => problemWith('README.md', url)).filter(Boolean)).toEqual([]);
	});

	it("every page of Linq's documentation cited in the code is listed in docs/linq-docs.md", () => {
		const cited = ['nodes', 'credentials', 'sandbox', 'scripts', 'test', 'bench']
			.flatMap((dir) => filesUnder(dir, /\.(ts|js|json)$/))
			.filter((file) => file !== path.join('test', 'docs', 'links.test.ts'))
			.flatMap((file) =>
				[
					...fs
						.readFileSync(path.join(ROOT, file), 'utf8')
						.matchAll(/https:\/\/docs\.linqapp\.com[^\s'"`)<>,]*/g),
				].map(([url]) => ({ file, url: url.replace(/[.:;]$/, '') })),
			)
			// Error pages are built from the code: `…/error/codes/${…}xxx/${code}/`.
			.filter(({ url }) => !url.includes('${'));
		expect(cited.length).toBeGreaterThan(40);
		expect(cited.filter(({ url }) => problemWith('README.md', url) !== undefined)).toEqual([]);
	});

	it('the anchors follow GitHub', () => {
		const anchors = anchorsOf('README.md');
		for (const anchor of [
			'credentials',
			'https-and-webhook_url',
			'who-creates-the-webhook-subscription',
		])
			expect([anchor, anchors.has(anchor)]).toEqual([anchor, true]);
		expect(problemWith('README.md', '#no-such-heading')).toBe(
			'no heading #no-such-heading in README.md',
		);
		expect(problemWith('README.md', 'docs/missing.md')).toBe('no such file: docs/missing.md');
	});
});
