import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { linqDetailsOf } from '../shared/errors';
import { assertDeliverable } from '../shared/webhookUrl';
import {
	createSubscription,
	deleteSubscription,
	getSubscription,
	listSubscriptions,
	updateSubscription,
	type WebhookSubscription,
} from '../shared/resources/webhookSubscriptions';
import { LinqClient } from '../shared/transport';
import { listValues, validateLineList } from '../shared/validation';
import { WEBHOOK_VERSION } from '../shared/events';
import { forgetTrigger } from './dedupeWindow';

/** What the trigger keeps in its node static data. */
export interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	signingSecret?: string;
	targetUrl?: string;
}

const sorted = (values: string[] | null | undefined) => [...(values ?? [])].sort();
const sameSet = (a: string[] | null | undefined, b: string[] | null | undefined) =>
	JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/**
 * Identifies one trigger's deliveries in this process. "Listen for test event" (mode manual) and
 * the active workflow have different URLs and subscriptions, so they are kept apart.
 */
export function triggerKey(context: IHookFunctions | IWebhookFunctions | IExecuteFunctions) {
	const channel = context.getMode() === 'manual' ? 'test' : 'live';
	return `${context.getWorkflow().id ?? ''}:${context.getNode().id}:${channel}`;
}

/** The URL Linq posts to: this node's webhook URL, pinned to the payload version we parse. */
export function targetUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default') as string;
	return `${url}${url.includes('?') ? '&' : '?'}version=${WEBHOOK_VERSION}`;
}

/** What the node's parameters ask Linq to send: events and an optional line filter. */
export function desiredSubscription(context: IHookFunctions) {
	const events = context.getNodeParameter('events', []) as string[];
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Select at least one event in "Events"', {
			description: 'Linq needs at least one event type to send to this trigger.',
		});
	}
	const phoneNumbers = validateLineList(
		context.getNode(),
		'Phone Lines',
		listValues(context.getNodeParameter('filters.phoneNumbers', '')),
		0,
	);
	return { events, phoneNumbers };
}

function isNotFound(error: unknown) {
	return linqDetailsOf(error)?.status === 404;
}

/** The stored subscription as Linq has it now, or undefined when Linq no longer has it. */
async function readStored(
	context: IHookFunctions,
	client: LinqClient,
	state: SubscriptionState,
): Promise<WebhookSubscription | undefined> {
	if (!state.subscriptionId) return undefined;
	try {
		return await getSubscription(client, state.subscriptionId);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/**
 * Only reads: true when the stored subscription still exists at Linq, active, with this node's URL,
 * events and lines, and its secret is stored. Anything else is decided (and repaired) in create().
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	if (!state.subscriptionId || !state.signingSecret) return false;
	// Bad parameters fail before anything is sent.
	const wanted = desiredSubscription(this);
	const remote = await readStored(this, await LinqClient.create(this), state);
	return (
		remote !== undefined &&
		remote.is_active !== false &&
		remote.target_url === targetUrlOf(this) &&
		sameSet(remote.subscribed_events, wanted.events) &&
		sameSet(remote.phone_numbers, wanted.phoneNumbers)
	);
}

/** Linq keeps one subscription per target URL; a second create for the same URL is refused. */
function isDuplicateUrl(error: unknown) {
	const details = linqDetailsOf(error);
	if (!details) return false;
	const text = String(details.message ?? '').toLowerCase();
	return (
		details.status === 409 ||
		(details.status === 400 && /already|exist|unique|duplicate/.test(text))
	);
}

/**
 * Creates a subscription for `targetUrl`. If Linq already has one for this exact URL whose secret
 * we do not have (left over from a crash, or created by hand), that one is useless to us: it is
 * deleted and created anew, because a secret cannot be read back from Linq.
 */
async function createFresh(
	context: IHookFunctions,
	client: LinqClient,
	targetUrl: string,
	wanted: ReturnType<typeof desiredSubscription>,
): Promise<WebhookSubscription> {
	const input = {
		target_url: targetUrl,
		subscribed_events: wanted.events,
		phone_numbers: wanted.phoneNumbers,
	};
	try {
		return await createSubscription(client, input);
	} catch (error) {
		if (!isDuplicateUrl(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
		const stale = (await listSubscriptions(client)).find((s) => s.target_url === targetUrl);
		if (!stale) throw new NodeApiError(context.getNode(), error as JsonObject);
		context.logger.info('Linq Trigger: replacing an existing subscription for this URL', {
			subscriptionId: stale.id,
		});
		await deleteQuietlyIfGone(context, client, stale.id);
		return await createSubscription(client, input);
	}
}

/** Deletes one subscription by id; a 404 counts as deleted. */
async function deleteQuietlyIfGone(
	context: IHookFunctions,
	client: LinqClient,
	subscriptionId: string,
) {
	try {
		await deleteSubscription(client, subscriptionId);
	} catch (error) {
		if (!isNotFound(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/**
 * The trigger's `webhookMethods.create` (n8n calls it on activation): makes Linq's subscription
 * match the node, deciding what that takes:
 * - the stored subscription still exists for this URL: it is updated in place (events, lines,
 *   active again). Linq's update keeps the signing secret, so nothing else changes;
 * - otherwise (gone, or the webhook URL changed): a new one is created first, and only then is the
 *   old one deleted, so a failing create leaves the old subscription and the stored state as they were.
 */
export async function syncSubscription(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	const client = await LinqClient.create(this);
	const targetUrl = targetUrlOf(this);
	assertDeliverable(this.getNode(), client.isProductionLinq, targetUrl, "this trigger's URL");
	const wanted = desiredSubscription(this);

	const stored = state.signingSecret ? await readStored(this, client, state) : undefined;
	if (stored && stored.target_url === targetUrl) {
		await updateSubscription(client, stored.id, {
			subscribed_events: wanted.events,
			phone_numbers: wanted.phoneNumbers,
			is_active: true,
		});
		state.targetUrl = targetUrl;
		return true;
	}

	const created = await createFresh(this, client, targetUrl, wanted);
	if (!created.id || !created.signing_secret) {
		throw new NodeOperationError(
			this.getNode(),
			'Linq created the subscription but did not return its id and signing secret',
			{
				description:
					'Deactivate and activate the workflow again. If it keeps happening, check the Base URL in the credential.',
			},
		);
	}
	const previous = state.subscriptionId;
	state.subscriptionId = created.id;
	state.signingSecret = created.signing_secret;
	state.targetUrl = targetUrl;
	delete state.deliveries;
	forgetTrigger(triggerKey(this));
	if (previous && previous !== created.id) {
		try {
			await deleteQuietlyIfGone(this, client, previous);
		} catch (error) {
			// The new subscription is in place; the old one only points at a URL this node left.
			this.logger.warn('Linq Trigger: could not delete the previous webhook subscription at Linq', {
				subscriptionId: previous,
				error: (error as Error).message,
			});
		}
	}
	return true;
}

/** Deletes the stored subscription at Linq (a 404 counts as deleted) and clears the static data. */
export async function removeSubscription(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	if (state.subscriptionId) {
		try {
			await deleteQuietlyIfGone(this, await LinqClient.create(this), state.subscriptionId);
		} catch (error) {
			this.logger.error('Linq Trigger: could not delete the webhook subscription at Linq', {
				subscriptionId: state.subscriptionId,
				error: (error as Error).message,
			});
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	}
	delete state.subscriptionId;
	delete state.signingSecret;
	delete state.targetUrl;
	delete state.deliveries;
	forgetTrigger(triggerKey(this));
	return true;
}
