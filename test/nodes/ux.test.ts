/**
 * The nodes' and credentials' texts against n8n's UX guidelines for community nodes (the rules we keep
 * breaking on purpose are in docs/ux-guidelines.md, with the reason): Title Case names, sentence-case
 * descriptions and actions, booleans described with "Whether…", placeholders that start with "e.g.",
 * resource locators that default to "From list", Simplify as the guidelines word it with at most 10
 * fields, info boxes punctuated as the guidelines say, and secrets in password fields.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { LinqAppApi } from '../../credentials/LinqAppApi.credentials';
import { LinqAppWebhookSecretApi } from '../../credentials/LinqAppWebhookSecretApi.credentials';
import { Linq } from '../../nodes/Linq/Linq.node';
import { LinqTrigger } from '../../nodes/LinqTrigger/LinqTrigger.node';

type Found = { path: string; property: INodeProperties };

function walk(properties: INodeProperties[], path: string, found: Found[] = []): Found[] {
	for (const property of properties) {
		const here = `${path} → ${property.displayName || property.name}`;
		found.push({ path: here, property });
		if (property.type === 'collection')
			walk((property.options ?? []) as INodeProperties[], here, found);
		if (property.type === 'fixedCollection')
			for (const group of (property.options ?? []) as INodePropertyCollection[])
				walk(group.values, `${here} → ${group.displayName}`, found);
	}
	return found;
}

const SOURCES: Array<[string, INodeProperties[]]> = [
	['Linq', new Linq().description.properties],
	['Linq Trigger', new LinqTrigger().description.properties],
	['Linq API', new LinqAppApi().properties],
	['Linq Webhook Signing Secret API', new LinqAppWebhookSecretApi().properties],
];
const ALL = SOURCES.flatMap(([name, properties]) => walk(properties, name));
const optionsOf = (property: INodeProperties) =>
	((property.options ?? []) as INodePropertyOptions[]).filter((option) => 'value' in option);

/** Small words Title Case leaves in lower case; and names whose own spelling wins. */
const SMALL_WORDS = new Set(
	'a an the and or nor of to in on by for as at with from via per into if is'.split(' '),
);
const OWN_SPELLING = /^(iMessage|e\.g\.)/;
const isTitleCase = (text: string) =>
	text.split(/\s+/).every((word, index) => {
		const letters = word.replace(/^[^\p{L}\d]+/u, '');
		if (!/^\p{Ll}/u.test(letters)) return true;
		return OWN_SPELLING.test(letters) || (index > 0 && SMALL_WORDS.has(letters.replace(/\W/g, '')));
	});
const startsAsSentence = (text: string) => /^[\p{Lu}\d"'(`$]/u.test(text);

describe("n8n's UX guidelines", () => {
	it('finds the texts', () => {
		expect(ALL.length).toBeGreaterThan(150);
	});

	it('parameter names and option names are Title Case', () => {
		const wrong = [
			...ALL.filter(({ property }) => property.type !== 'notice')
				.filter(({ property }) => !isTitleCase(property.displayName))
				.map(({ path }) => path),
			...ALL.flatMap(({ path, property }) =>
				optionsOf(property)
					.filter((option) => !isTitleCase(option.name))
					.map((option) => `${path}: ${option.name}`),
			),
		];
		expect(wrong).toEqual([]);
	});

	it('descriptions start as sentences; actions are sentence case', () => {
		const descriptions = ALL.flatMap(({ path, property }) => [
			...(property.description ? [{ path, text: property.description }] : []),
			...optionsOf(property)
				.filter((option) => option.description)
				.map((option) => ({ path: `${path}: ${option.name}`, text: option.description as string })),
		]);
		expect(descriptions.filter(({ text }) => !startsAsSentence(text))).toEqual([]);
		const actions = ALL.flatMap(({ property }) =>
			optionsOf(property).flatMap((option) => (option.action ? [option.action] : [])),
		);
		expect(actions.length).toBeGreaterThanOrEqual(42);
		// Sentence case: after the first word, capitals only in names (Linq, iMessage, RCS, SMS).
		expect(
			actions.filter(
				(action) =>
					!startsAsSentence(action) ||
					action
						.split(' ')
						.slice(1)
						.some((word) => /^\p{Lu}\p{Ll}/u.test(word) && !/^(Linq|RCS|SMS)\b/.test(word)),
			),
		).toEqual([]);
	});

	it('booleans are described with "Whether…"', () => {
		const booleans = ALL.filter(({ property }) => property.type === 'boolean');
		expect(booleans.length).toBeGreaterThan(5);
		expect(
			booleans
				.filter(({ property }) => !/^Whether /.test(property.description ?? ''))
				.map(({ path }) => path),
		).toEqual([]);
	});

	it('placeholders are examples starting with "e.g.", or the prompts of a list or an "Add" button', () => {
		const placeholders = ALL.filter(({ property }) => property.placeholder);
		expect(placeholders.length).toBeGreaterThan(20);
		expect(
			placeholders
				.filter(({ property }) => !/^(e\.g\. |Select |Add )/.test(property.placeholder as string))
				.map(({ path, property }) => `${path}: ${property.placeholder}`),
		).toEqual([]);
	});

	it('resource locators with a list default to "From list"', () => {
		const locators = ALL.filter(({ property }) => property.type === 'resourceLocator');
		expect(locators.length).toBeGreaterThan(5);
		for (const { path, property } of locators)
			if (property.modes?.some((mode) => mode.name === 'list'))
				expect([path, (property.default as { mode?: string }).mode]).toEqual([path, 'list']);
	});

	it('Simplify is worded as the guidelines say and lists at most 10 fields', () => {
		const simplify = ALL.filter(({ property }) => property.name === 'simplify');
		expect(simplify.length).toBeGreaterThan(5);
		for (const { path, property } of simplify) {
			expect([path, property.displayName, property.type]).toEqual([path, 'Simplify', 'boolean']);
			const description = property.description ?? '';
			expect(description).toMatch(
				/^Whether to return a simplified version of the response instead of the raw data/,
			);
			const fields = /\(([^)]*)\)$/.exec(description)?.[1].split(', ') ?? [];
			expect([path, fields.length > 0 && fields.length <= 10]).toEqual([path, true]);
		}
	});

	it('info boxes: one sentence has no period, more than one end with one', () => {
		const notices = ALL.filter(({ property }) => property.type === 'notice');
		expect(notices.length).toBeGreaterThan(0);
		for (const { path, property } of notices) {
			const sentences = property.displayName.split(/(?<=[.!?])\s+(?=\p{Lu})/u);
			expect([path, /\.$/.test(property.displayName)]).toEqual([path, sentences.length > 1]);
		}
	});

	it('secrets are password fields', () => {
		const secrets = ALL.filter(({ property }) => /key|secret|token|password/i.test(property.name));
		expect(secrets.map(({ property }) => property.name)).toEqual(
			expect.arrayContaining(['apiKey', 'signingSecret']),
		);
		for (const { path, property } of secrets.filter(({ property }) => property.type === 'string'))
			if (!/idempotency/i.test(property.name))
				expect([path, property.typeOptions?.password]).toEqual([path, true]);
	});
});
