import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LINQ_EVENT_OPTIONS, LINQ_EVENT_TYPES, WEBHOOK_VERSION } from '../../../shared/events';
import { withPayloadVersion } from '../../../shared/resources/webhookSubscriptions';
import {
	LINQ_CREDENTIAL_TYPE,
	LINQ_PRODUCTION_BASE_URL,
	normalizeBaseUrl,
} from '../../../shared/credential';
import { invalidParameterError, listValues } from '../../../shared/validation';
import { assertDeliverable } from '../../../shared/webhookUrl';

export const SIGNING_SECRET_NOTICE =
	'Linq shows the subscription\'s signing secret only once, in this node\'s output (signing_secret). Store it now, for example in a "Linq Webhook Signing Secret API" credential for a Linq Trigger that connects using the signing secret: it cannot be read again.';

export function targetUrlField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Target URL',
		name: 'targetUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/webhook',
		description: `Where Linq posts the events (HTTPS; one subscription per URL). Linq's payload format follows the URL's version= parameter: when the URL names none, version=${WEBHOOK_VERSION} is added, the format the Linq Trigger reads.`,
		...extra,
	};
}

export function eventsField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: LINQ_EVENT_OPTIONS,
		default: [],
		description: 'The Linq events to send to the URL',
		...extra,
	};
}

/** Whether the credential of this execution points at production Linq, read once per execution (and only when needed). */
const productionByExecution = new WeakMap<object, Promise<boolean>>();
function pointsAtProductionLinq(context: IExecuteFunctions): Promise<boolean> {
	let known = productionByExecution.get(context);
	if (!known) {
		known = context
			.getCredentials(LINQ_CREDENTIAL_TYPE)
			.then((data) => normalizeBaseUrl(data.baseUrl) === LINQ_PRODUCTION_BASE_URL);
		productionByExecution.set(context, known);
	}
	return known;
}

/**
 * The Target URL, checked before anything is sent: an absolute http(s) URL, HTTPS when the
 * credential points at production Linq (which delivers only to HTTPS), pinned to a payload version.
 */
export async function readTargetUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): Promise<string> {
	const node = context.getNode();
	const value = typeof raw === 'string' ? raw.trim() : raw;
	let parsed: URL | undefined;
	try {
		parsed = typeof value === 'string' && !/\s/.test(value) ? new URL(value) : undefined;
	} catch {
		parsed = undefined;
	}
	if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
		throw invalidParameterError(
			node,
			'Target URL',
			raw,
			itemIndex,
			'Enter the full https:// URL Linq should post the events to, like https://n8n.example.com/webhook/linq.',
		);
	}
	const url = value as string;
	if (!url.startsWith('https://')) {
		try {
			assertDeliverable(node, await pointsAtProductionLinq(context), url, 'the Target URL');
		} catch (error) {
			const refusal = error as Error & { description?: string };
			throw invalidParameterError(
				node,
				'Target URL',
				url,
				itemIndex,
				`${refusal.message}: use an https:// URL. If it is a webhook URL of this n8n: ${refusal.description ?? ''}`.trim(),
			);
		}
	}
	return withPayloadVersion(url, WEBHOOK_VERSION);
}

/** The chosen events (an array, or comma-separated text from an expression), each one of Linq's. */
export function readEvents(context: IExecuteFunctions, itemIndex: number, raw: unknown): string[] {
	const values = listValues(raw);
	if (values.length === 0) {
		throw invalidParameterError(
			context.getNode(),
			'Events',
			raw,
			itemIndex,
			'Select at least one event for Linq to send.',
		);
	}
	for (const value of values) {
		if (typeof value !== 'string' || !LINQ_EVENT_TYPES.includes(value)) {
			throw invalidParameterError(
				context.getNode(),
				'Events',
				value,
				itemIndex,
				'Not a Linq event type. Pick the events from the list (Webhook Subscription → Get Event Types lists them), like message.received.',
			);
		}
	}
	return [...new Set(values as string[])];
}
