import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What a Linq failure looks like once normalised; also what continue-on-fail items carry. */
export interface LinqErrorDetails {
	/** HTTP status of the response, when there was one. */
	status?: number;
	/** Linq's numeric code (`error.code`), or a transport code such as `ECONNRESET`. */
	code?: number | string;
	message: string;
	docUrl?: string;
	traceId?: string;
	/** Seconds Linq asked us to wait (429). */
	retryAfter?: number;
}

/**
 * What to do about each Linq error code (https://docs.linqapp.com/error). Each hint tells the user how to fix
 * the failure, not only what it is.
 */
const HINTS: Record<number, string> = {
	1001: 'A required field is missing. Fill in every required parameter of the node.',
	1002: 'Use E.164 like +12223334444: a plus sign, the country code and the number, without spaces, dashes or brackets.',
	1003: 'Linq could not read the request body. This is a bug in the node: please report it with the trace ID.',
	1004: 'The message content is invalid: check the message parts (no two text parts in a row; link and app parts must stand alone).',
	1005: 'A parameter value is invalid. Note that the first message of a new chat may not contain a link.',
	1006: 'Direct message chats cannot be updated: only group chats can be renamed or get an icon.',
	1007: "Linq is rate limiting this API key. Lower the node's Parallel Requests option or spread the work over time.",
	1008: 'The iMessage app message is invalid: app name is required and the team ID must be 10 uppercase letters or digits.',
	2001: 'Check the chat ID: Linq has no chat with this ID for this API key. Pick the chat from the list to be sure.',
	2002: 'Check the message ID: Linq has no such message (messages on the ephemeral tier are deleted after 24 hours).',
	2003: 'Check the attachment ID: Linq has no such attachment for this API key.',
	2004: 'Check the API key in the credential: Linq did not accept it. Copy it again from Linq.',
	2005: 'This resource belongs to another Linq partner. Use the credential of the account that owns it.',
	2006: 'The phone line is not one of yours. Use a line listed under your Linq phone numbers.',
	2007: 'The attachment is not ready yet; it usually is a few seconds after the upload.',
	2008: 'In the Linq sandbox a recipient must message your line first before you can message them.',
	2009: 'The chat is still being created (the node already waited and asked again); it usually is ready a few seconds later.',
	2010: 'Check the webhook subscription ID: Linq has no such subscription for this API key.',
	2011: 'This feature is not enabled for your Linq account. Ask Linq support to enable it.',
	2012: 'No contact card exists for this phone number. Create the contact card first.',
	2013: 'The chat is unavailable: you may have left this chat. Linq refuses further actions in a chat you left; use another chat.',
	2014: 'A contact card already exists for this phone number. Update it instead of creating it.',
	2015: "The operation conflicts with the chat's current state. Check the chat (participants, service) against Linq's rules for this operation.",
	2016: 'This operation is not supported in group chats.',
	2017: "This operation is not supported on this chat's service type (for example, Leave Chat works only in iMessage groups).",
	2018: 'iMessage app messages can only be sent over iMessage.',
	2019: "Check the phone number ID: use the line's ID from the phone number list, not the number itself.",
	2021: 'Check the payment request ID: Linq has no such payment request.',
	2022: 'Linq could not set up the contact card just now (temporarily, on its side).',
	3001: 'Linq was briefly unable to handle the request (on its side).',
	3002: 'Linq was briefly unable to handle the request (on its side).',
	3003: 'Linq was briefly unable to handle the request (on its side).',
	3004: 'Linq was briefly unable to handle the request (on its side).',
	3005: 'Linq timed out talking to the network.',
	3006: 'Linq had an internal error. If it persists, contact Linq support with the trace ID.',
	3007: 'Linq gave up delivering after the maximum number of attempts. Check the recipient.',
	4001: "Linq could not deliver. Check the recipient handle and the chat's service.",
	4002: 'The sending phone line is not available right now; another of your lines may work.',
	4003: 'Linq could not deliver a webhook. Check that your webhook URL is reachable over HTTPS.',
	4004: 'Linq is temporarily unavailable (usually for about 30 seconds).',
	4005: 'The recipient does not support this message type (for example an app card to someone not on iMessage).',
	5001: 'Linq could not process the file.',
	5002: 'Linq could not process the file.',
	5003: 'Linq could not create the file URL.',
	5004: 'This file type is not supported by Linq. Use one of the supported content types.',
	5005: 'The file is too large: media URLs may be at most 10 MB (100 MB when uploaded first).',
	5006: "The file's content does not match its extension. Fix the file or its URL.",
	5007: 'Linq could not download the file from the URL. Check that it is public and served over HTTPS.',
};

const STATUS_HINTS: Record<number, string> = {
	400: 'Linq rejected the request as invalid. Check the node parameters.',
	401: 'Check the API key in the credential: Linq did not accept it.',
	403: 'This API key is not allowed to do this. Check the credential and your Linq plan.',
	404: 'Linq has nothing at this address. Check the IDs and the Base URL in the credential.',
	408: 'The request timed out at Linq.',
	409: 'The request conflicts with the current state at Linq.',
	429: "Linq is rate limiting this API key. Lower the node's Parallel Requests option or spread the work over time.",
};

/** The hint for a Linq code (or, failing that, for an HTTP status). */
export function linqErrorHint(
	code: number | string | undefined,
	status?: number,
): string | undefined {
	if (typeof code === 'number' && HINTS[code]) return HINTS[code];
	if (status !== undefined && STATUS_HINTS[status]) return STATUS_HINTS[status];
	if (status !== undefined && status >= 500) {
		return 'Linq or something in front of it failed. If it persists, contact Linq support.';
	}
	return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Describes a body that is not Linq's envelope, without dumping it whole. */
function describeForeignBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'an empty body';
	if (typeof body === 'string') {
		const text = body.trim();
		if (/^<(!doctype|html|\?xml|head|body)/i.test(text)) return 'an HTML page';
		if (/^[[{]/.test(text)) return 'JSON that could not be read (it may be truncated)';
		return `text "${text.slice(0, 120)}${text.length > 120 ? '…' : ''}"`;
	}
	return 'JSON that is not a Linq error';
}

/**
 * Reads Linq's error envelope `{ error: { status, code, message, doc_url, retry_after }, success, trace_id }`.
 * Every field but `error.code`/`error.message` is optional in the wild (https://docs.linqapp.com/error). Anything
 * else (HTML from a proxy, an empty or truncated body) still yields a readable message.
 */
export function parseLinqError(status: number, body: unknown): LinqErrorDetails {
	let parsed = body;
	if (typeof body === 'string' && /^\s*[[{]/.test(body)) {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = body;
		}
	}
	const envelope = isRecord(parsed) ? parsed : undefined;
	const error = envelope && isRecord(envelope.error) ? envelope.error : undefined;
	const message = asString(error?.message) ?? asString(envelope?.message);
	if (error && message) {
		return {
			status: asNumber(error.status) ?? status,
			code: asNumber(error.code) ?? asString(error.code),
			message,
			docUrl: asString(error.doc_url),
			traceId: asString(envelope?.trace_id) ?? asString(error.trace_id),
			retryAfter: asNumber(error.retry_after),
		};
	}
	return {
		status,
		message: `Linq answered HTTP ${status} with ${describeForeignBody(body)}`,
		traceId: asString(envelope?.trace_id),
	};
}

/** Transport failures: no HTTP response at all. */
const CONNECTION_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'Linq refused the connection',
	ECONNRESET: 'The connection to Linq was closed before it answered',
	EPIPE: 'The connection to Linq was closed before it answered',
	ETIMEDOUT: 'Linq did not answer in time',
	ECONNABORTED: 'Linq did not answer in time',
	ESOCKETTIMEDOUT: 'Linq did not answer in time',
	ENOTFOUND: 'The Linq host name could not be resolved',
	EAI_AGAIN: 'The Linq host name could not be resolved',
	EHOSTUNREACH: 'The Linq host is unreachable',
	ERR_CANCELED: 'The request to Linq was cancelled',
};

const CODE_IN_TEXT = new RegExp(`\\b(${Object.keys(CONNECTION_MESSAGES).join('|')})\\b`);

function codeInText(text: string): string | undefined {
	const match = CODE_IN_TEXT.exec(text);
	if (match) return match[1];
	if (/timeout of \d+ms exceeded/i.test(text)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(text)) return 'ECONNRESET';
	return undefined;
}

/**
 * Finds the system error code (ECONNRESET, ETIMEDOUT…) of a failed request. n8n wraps the HTTP
 * client's error in a NodeApiError that keeps the original text only in `messages`, so look
 * there as well as in `code` and the cause chain.
 */
export function findConnectionCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && isRecord(current); depth++) {
		if (typeof current.code === 'string' && CONNECTION_MESSAGES[current.code]) return current.code;
		const texts = [current.message, ...(Array.isArray(current.messages) ? current.messages : [])];
		for (const text of texts) {
			const code = typeof text === 'string' ? codeInText(text) : undefined;
			if (code) return code;
		}
		current = current.cause ?? current.reason;
	}
	return undefined;
}

export function parseConnectionError(error: unknown, baseUrl: string): LinqErrorDetails {
	const code = findConnectionCode(error) ?? 'UNKNOWN';
	const what = CONNECTION_MESSAGES[code] ?? 'The request to Linq failed before an answer came back';
	return { code, message: `${what} (${baseUrl})` };
}

const CONNECTION_HINT =
	'Check the Base URL in the credential and that the server is reachable from n8n.';

/**
 * Whether Linq may have acted on a failed request: it answered 5xx or 408, or nothing came back.
 * A 4xx (other than 408) means Linq refused the request and changed nothing.
 */
export function outcomeUnknown(details: Pick<LinqErrorDetails, 'status'>): boolean {
	return details.status === undefined || details.status === 408 || details.status >= 500;
}

/** What to do about a failure whose outcome is unknown, for requests that are safe to repeat. */
export const RETRY_SAFE_ADVICE =
	'Running the node again is safe, with Retry On Fail too: repeating this request cannot apply it twice.';
/**
 * The same for requests that are not (n8n's Retry On Fail re-runs every item of the node, so items
 * that already went through would be sent again).
 */
export const RETRY_UNSAFE_ADVICE =
	'Linq may have applied it anyway, so the node did not send it again. Check whether it took effect, then re-run only the failed items: set Settings → On Error to "Continue (using error output)" and route the error output back into this node. Do not use Retry On Fail here: it re-runs every item, and items that already went through would be sent twice.';

export interface FailureContext {
	/** Whether sending the request again can never apply it twice (reads, keyed sends, deletes by id). */
	repeatable?: boolean;
}

/** Builds the description n8n shows under the message: code, fix, retry advice, doc link, trace id. */
function describe(details: LinqErrorDetails, context: FailureContext): string {
	const lines: string[] = [];
	const isLinqCode = typeof details.code === 'number';
	if (isLinqCode)
		lines.push(`Linq error ${details.code}${details.status ? ` (HTTP ${details.status})` : ''}.`);
	else if (details.code) lines.push(`Connection error ${details.code}.`);
	else if (details.status) lines.push(`HTTP ${details.status}.`);
	const hint =
		details.status === undefined && !isLinqCode
			? CONNECTION_HINT
			: linqErrorHint(details.code, details.status);
	if (hint) lines.push(hint);
	if (outcomeUnknown(details))
		lines.push(context.repeatable ? RETRY_SAFE_ADVICE : RETRY_UNSAFE_ADVICE);
	if (details.docUrl) lines.push(`Docs: ${details.docUrl}`);
	if (details.traceId) lines.push(`Trace ID: ${details.traceId}`);
	return lines.join(' ');
}

/**
 * The one place that turns a Linq failure into an n8n node failure. The error's `context.linq`
 * keeps the structured details so continue-on-fail items can carry them.
 */
export function toNodeApiError(
	node: INode,
	details: LinqErrorDetails,
	itemIndex?: number,
	context: FailureContext = {},
): NodeApiError {
	const response: JsonObject = {
		message: details.message,
		...(details.status !== undefined ? { status: details.status } : {}),
		...(details.code !== undefined ? { code: details.code } : {}),
		...(details.docUrl ? { doc_url: details.docUrl } : {}),
		...(details.traceId ? { trace_id: details.traceId } : {}),
	};
	const error = new NodeApiError(node, response, {
		message: details.message,
		description: describe(details, context),
		httpCode: details.status !== undefined ? String(details.status) : undefined,
		itemIndex,
	});
	// NodeApiError rewrites messages that mention system codes; keep Linq's own words.
	error.message = details.message;
	error.context.linq = response;
	return error;
}

/** Reads the structured Linq details back from an error produced by {@link toNodeApiError}. */
export function linqDetailsOf(error: unknown): JsonObject | undefined {
	if (isRecord(error) && isRecord(error.context) && isRecord(error.context.linq)) {
		return error.context.linq as JsonObject;
	}
	return undefined;
}
