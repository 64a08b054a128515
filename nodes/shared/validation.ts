import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** E.164: a plus sign, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;
/** A pragmatic email check: what Linq would accept as an iMessage address. */
const EMAIL =
	/^(?!\.)(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const UUID_REGEX_SOURCE = UUID.source;

/** A comma-separated list parameter ("a, b,c") as trimmed, non-empty values. */
export function commaList(raw: unknown): string[] {
	return String(raw ?? '')
		.split(',')
		.map((value) => value.trim())
		.filter(Boolean);
}

/**
 * A list parameter's values: comma-separated text, an array (from an expression, or a multiOptions
 * parameter), or an array of comma-separated texts. Each value trimmed, empty ones left out.
 */
export function listValues(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : [raw];
	return values.flatMap((value) => commaList(value));
}

export function isE164(value: string): boolean {
	return E164.test(value);
}

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

/** An absolute https:// URL with a host (Linq fetches media, icons and cards only over HTTPS). */
export function isHttpsUrl(value: unknown): boolean {
	if (typeof value !== 'string' || /\s/.test(value)) return false;
	try {
		const url = new URL(value);
		return url.protocol === 'https:' && url.hostname !== '';
	} catch {
		return false;
	}
}

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === undefined) return 'nothing';
	return JSON.stringify(value) ?? String(value);
}

/** The single error shape for bad input: parameter, value and item, plus how to fix it. */
export function invalidParameterError(
	node: INode,
	parameter: string,
	value: unknown,
	itemIndex: number,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Invalid value ${show(value)} for parameter "${parameter}" [item ${itemIndex}]`,
		{ itemIndex, description: fix },
	);
}

/** A fix that names what the user probably meant, when it is obvious. */
function handleFix(raw: string): string {
	const base =
		'Use a phone number in E.164 format like +12223334444 (a plus sign, the country code and the number, digits only) or an email address.';
	const stripped = raw.replace(/[\s().-]/g, '');
	if (stripped !== raw && E164.test(stripped)) return `${base} Did you mean ${stripped}?`;
	if (/^\d{10}$/.test(stripped))
		return `${base} The number has no country code: for the US that is +1${stripped}.`;
	if (/^00[1-9]\d{1,14}$/.test(stripped))
		return `${base} Replace the leading 00 with +: +${stripped.slice(2)}.`;
	return base;
}

/**
 * Validates a participant handle (phone or email) before anything is sent. Whitespace around the
 * value is trimmed; nothing else is rewritten, so what Linq receives is what the user typed.
 */
export function validateHandle(
	node: INode,
	parameter: string,
	raw: unknown,
	itemIndex: number,
): string {
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value === 'number' && Number.isInteger(value)) {
		throw invalidParameterError(node, parameter, raw, itemIndex, handleFix(String(value)));
	}
	if (typeof value !== 'string' || value === '') {
		throw invalidParameterError(node, parameter, raw, itemIndex, handleFix(''));
	}
	if (isE164(value) || isEmail(value)) return value;
	throw invalidParameterError(node, parameter, raw, itemIndex, handleFix(value));
}

/** Validates a Linq ID (chats, messages, subscriptions… are UUIDs). */
export function validateUuid(
	node: INode,
	parameter: string,
	raw: unknown,
	itemIndex: number,
): string {
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value === 'string' && isUuid(value)) return value;
	throw invalidParameterError(
		node,
		parameter,
		raw,
		itemIndex,
		`The ${parameter.toLowerCase()} ID must be a UUID like 550e8400-e29b-41d4-a716-446655440000. Pick it from the list, or copy the ID from Linq.`,
	);
}

/** One of your Linq lines: a phone number in E.164 (emails are never lines). */
export function validateLine(
	node: INode,
	parameter: string,
	raw: unknown,
	itemIndex: number,
): string {
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value === 'string' && isE164(value)) return value;
	const fix = handleFix(typeof value === 'string' ? value : String(value ?? ''));
	throw invalidParameterError(
		node,
		parameter,
		raw,
		itemIndex,
		`${fix.replace(' or an email address', '')} It must be one of your Linq lines: pick it from the list.`,
	);
}

/** Your lines as a list (the line filters of subscriptions and of the trigger), each in E.164. */
export function validateLineList(
	node: INode,
	parameter: string,
	values: unknown[],
	itemIndex: number,
): string[] {
	return values.map((value) => {
		if (typeof value === 'string' && isE164(value)) return value;
		throw invalidParameterError(
			node,
			parameter,
			value,
			itemIndex,
			'Phone lines are your Linq numbers in E.164 format (a plus sign, the country code and the number, digits only), like +12223334444, separated by commas.',
		);
	});
}
