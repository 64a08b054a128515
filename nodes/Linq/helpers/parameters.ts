import type { IExecuteFunctions } from 'n8n-workflow';

import {
	commaList,
	invalidParameterError,
	isE164,
	isHttpsUrl,
	validateHandle,
	validateLine,
	validateUuid,
} from '../../shared/validation';

/**
 * Reading one item's parameters, validated, with errors that name the parameter (by its display
 * name) and the item. Resource locators give their value whatever mode they are in.
 */
export function readUuid(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return validateUuid(context.getNode(), label, raw, itemIndex);
}

export const readChatId = (
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'chatId',
	label = 'Chat',
) => readUuid(context, itemIndex, name, label);

export const readMessageId = (
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'messageId',
	label = 'Message',
) => readUuid(context, itemIndex, name, label);

export function readHandle(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'handle',
	label = 'Handle',
): string {
	return validateHandle(
		context.getNode(),
		label,
		context.getNodeParameter(name, itemIndex, ''),
		itemIndex,
	);
}

/** A list of handles: an array (from an expression) or comma-separated text. */
export function readHandles(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string[] {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const values = Array.isArray(raw)
		? raw.map((value) => (typeof value === 'string' ? value.trim() : value))
		: commaList(raw);
	if (values.length === 0) {
		throw invalidParameterError(
			context.getNode(),
			label,
			raw,
			itemIndex,
			'Enter at least one phone number (E.164, like +12223334444) or email address, separated by commas.',
		);
	}
	const handles = values.map((value) => validateHandle(context.getNode(), label, value, itemIndex));
	return [...new Set(handles)];
}

/** One of your lines, as its E.164 number. */
export function readLine(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return validateLine(context.getNode(), label, raw, itemIndex);
}

/** An optional line: empty means "let Linq pick". */
export function readOptionalLine(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string | undefined {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	if (raw === '' || raw === undefined || raw === null) return undefined;
	return validateLine(context.getNode(), label, raw, itemIndex);
}

/** Return All / Limit: undefined means all. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw invalidParameterError(
			context.getNode(),
			'Limit',
			limit,
			itemIndex,
			'Use a whole number of 1 or more, or turn on Return All.',
		);
	}
	return limit;
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
