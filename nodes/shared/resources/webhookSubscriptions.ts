import type { IDataObject } from 'n8n-workflow';

import type { LinqClient } from '../transport';

/** Linq's webhook subscription (https://docs.linqapp.com/guides/webhooks/subscriptions/). */
export interface WebhookSubscription extends IDataObject {
	id: string;
	target_url: string;
	subscribed_events: string[];
	is_active?: boolean;
	phone_numbers?: string[] | null;
	created_at?: string;
	updated_at?: string;
	/** Only in the answer to create: Linq never shows it again. */
	signing_secret?: string;
}

export interface SubscriptionInput {
	target_url?: string;
	subscribed_events?: string[];
	/** Empty means all lines. */
	phone_numbers?: string[];
	is_active?: boolean;
}

/** The request body: an empty line filter goes out as null ("all lines"). */
function bodyOf(input: SubscriptionInput, forUpdate: boolean): IDataObject {
	const body: IDataObject = {};
	if (input.target_url !== undefined) body.target_url = input.target_url;
	if (input.subscribed_events !== undefined) body.subscribed_events = input.subscribed_events;
	if (input.phone_numbers !== undefined) {
		if (input.phone_numbers.length > 0) body.phone_numbers = input.phone_numbers;
		else if (forUpdate) body.phone_numbers = null;
	}
	if (input.is_active !== undefined) body.is_active = input.is_active;
	return body;
}

export async function createSubscription(
	client: LinqClient,
	input: SubscriptionInput,
	itemIndex?: number,
) {
	return await client.call<WebhookSubscription>('createWebhookSubscription', {
		body: bodyOf(input, false),
		itemIndex,
	});
}

export async function getSubscription(
	client: LinqClient,
	subscriptionId: string,
	itemIndex?: number,
) {
	return await client.call<WebhookSubscription>('getWebhookSubscription', {
		params: { subscriptionId },
		itemIndex,
	});
}

export async function listSubscriptions(client: LinqClient, itemIndex?: number) {
	const { subscriptions = [] } = await client.call<{ subscriptions?: WebhookSubscription[] }>(
		'listWebhookSubscriptions',
		{
			itemIndex,
		},
	);
	return subscriptions;
}

/** Linq's PUT is a partial update: only the fields given change, and the signing secret stays. */
export async function updateSubscription(
	client: LinqClient,
	subscriptionId: string,
	input: SubscriptionInput,
	itemIndex?: number,
) {
	return await client.call<WebhookSubscription>('updateWebhookSubscription', {
		params: { subscriptionId },
		body: bodyOf(input, true),
		itemIndex,
	});
}

export async function deleteSubscription(
	client: LinqClient,
	subscriptionId: string,
	itemIndex?: number,
) {
	await client.call('deleteWebhookSubscription', { params: { subscriptionId }, itemIndex });
}

export async function listEventTypes(client: LinqClient, itemIndex?: number) {
	return await client.call<{ events?: string[]; doc_url?: string }>('listWebhookEvents', {
		itemIndex,
	});
}

/**
 * `url` with `version=<version>` added to its query (before any #fragment), unless it names a
 * version already: Linq's payload format follows the target URL's `?version=` (https://docs.linqapp.com/guides/webhooks/subscriptions/).
 * The rest of the URL is kept byte for byte.
 */
export function withPayloadVersion(url: string, version: string): string {
	const hashAt = url.indexOf('#');
	const base = hashAt === -1 ? url : url.slice(0, hashAt);
	const fragment = hashAt === -1 ? '' : url.slice(hashAt);
	const queryAt = base.indexOf('?');
	const query = queryAt === -1 ? '' : base.slice(queryAt + 1);
	if (query.split('&').some((pair) => pair.split('=')[0] === 'version')) return url;
	const separator = queryAt === -1 ? '?' : query === '' || query.endsWith('&') ? '' : '&';
	return `${base}${separator}version=${encodeURIComponent(version)}${fragment}`;
}
