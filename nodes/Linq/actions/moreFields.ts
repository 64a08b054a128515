import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	commaList,
	invalidParameterError,
	isE164,
	isHttpsUrl,
	validateHandle,
} from '../../shared/validation';

/**
 * Parameter builders and readers for the phone number, capability, contact card and webhook
 * subscription operations (the chat and message ones are in fields.ts and parameters.ts).
 */

/** Your lines as a comma-separated list (or an array from an expression): a filter where empty means all lines. */
export function phoneLinesField(description: string): INodeProperties {
	return {
		displayName: 'Phone Lines',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		placeholder: 'e.g. +12223334444, +13334445555',
		description,
	};
}

/** A parameter's text, trimmed ('' when empty or not text). */
export function readText(context: IExecuteFunctions, itemIndex: number, name: string): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === undefined || raw === null) return '';
	return (typeof raw === 'string' ? raw : String(raw)).trim();
}

/** A public https:// URL, refused (naming the parameter and item) when it is anything else. */
export function checkHttpsUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	value: string,
	label: string,
	what = 'a public',
): string {
	if (isHttpsUrl(value)) return value;
	throw invalidParameterError(
		context.getNode(),
		label,
		value,
		itemIndex,
		`Use ${what} https:// URL, like https://example.com/photo.jpg.`,
	);
}

/** A list parameter given as an array (from an expression) or as comma-separated text. */
function listOf(raw: unknown): unknown[] {
	if (Array.isArray(raw))
		return raw
			.map((value) => (typeof value === 'string' ? value.trim() : value))
			.filter((v) => v !== '');
	return commaList(raw);
}

/** Optional handles (phones or emails), each validated; none gives []. */
export function readOptionalHandles(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string[] {
	const values = listOf(context.getNodeParameter(name, itemIndex, '') as unknown);
	return [
		...new Set(values.map((value) => validateHandle(context.getNode(), label, value, itemIndex))),
	];
}

/** Your lines as E.164 numbers, each validated; none gives []. */
export function readPhoneLines(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string[] {
	const values = listOf(context.getNodeParameter(name, itemIndex, '') as unknown);
	const lines = values.map((value) => {
		const line = typeof value === 'string' ? value : String(value);
		if (typeof value === 'string' && isE164(line)) return line;
		throw invalidParameterError(
			context.getNode(),
			label,
			value,
			itemIndex,
			'Phone lines are your Linq numbers in E.164 format (a plus sign, the country code and the number, digits only), like +12223334444, separated by commas.',
		);
	});
	return [...new Set(lines)];
}
