import type { IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import {
	invalidParameterError,
	isHttpsUrl,
	listValues,
	validateHandle,
	validateLine,
	validateLineList,
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
	const values = listValues(raw);
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

/** A value as trimmed text ('' when it is empty or missing). */
export function trimmedText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return (typeof value === 'string' ? value : String(value)).trim();
}

/** A parameter's text, trimmed ('' when empty or not set). */
export function readText(context: IExecuteFunctions, itemIndex: number, name: string): string {
	return trimmedText(context.getNodeParameter(name, itemIndex, ''));
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

/** Optional handles (phones or emails), each validated; none gives []. */
export function readOptionalHandles(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string[] {
	const values = listValues(context.getNodeParameter(name, itemIndex, '') as unknown);
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
	const values = listValues(context.getNodeParameter(name, itemIndex, '') as unknown);
	return [...new Set(validateLineList(context.getNode(), label, values, itemIndex))];
}

/**
 * A JSON parameter's value: parsed when it is text (an expression may give the value itself),
 * refused, naming the parameter and the item, when it is not JSON. `fix` says what to enter.
 */
export function parseJsonParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	raw: unknown,
	fix: string,
): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return jsonParse(raw);
	} catch {
		throw invalidParameterError(
			context.getNode(),
			label,
			raw,
			itemIndex,
			`This is not valid JSON. ${fix}`,
		);
	}
}
