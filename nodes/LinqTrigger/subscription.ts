import type { IDataObject, IHookFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { commaList, invalidParameterError, isE164 } from '../Linq/helpers/validation';
import { LinqClient } from '../Linq/transport';
import { linqDetailsOf } from '../Linq/transport/errors';
import { forgetTrigger } from './deliveries';
import { WEBHOOK_VERSION } from './events';

interface WebhookSubscription {
	id: string;
	target_url: string;
	subscribed_events?: string[];
	phone_numbers?: string[] | null;
	signing_secret?: string;
}

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
export function triggerKey(context: IHookFunctions | IWebhookFunctions) {
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
	const phoneNumbers = commaList(context.getNodeParameter('filters.phoneNumbers', '')).map((line) => {
		if (isE164(line)) return line;
		throw invalidParameterError(
			context.getNode(),
			'Phone Lines',
			line,
			0,
			'Phone lines are your Linq numbers in E.164 format, like +12223334444, separated by commas.',
		);
	});
	return { events, phoneNumbers };
}

function clear(state: SubscriptionState) {
	delete state.subscriptionId;
	delete state.signingSecret;
	delete state.targetUrl;
}

function isNotFound(error: unknown) {
	const details = linqDetailsOf(error);
	return details?.status === 404;
}

/**
 * True only when the stored subscription still exists at Linq with this node's URL, events and
 * lines, and its secret is stored. A stored subscription that no longer matches is deleted here,
 * by id, so that create() starts clean and nothing is left behind at Linq.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	if (!state.subscriptionId) return false;
	// Bad parameters fail before anything is sent.
	const wanted = desiredSubscription(this);
	const client = await LinqClient.create(this);
	let remote: WebhookSubscription;
	try {
		remote = await client.request<WebhookSubscription>({
			method: 'GET',
			path: `/v3/webhook-subscriptions/${encodeURIComponent(state.subscriptionId)}`,
		});
	} catch (error) {
		if (isNotFound(error)) {
			this.logger.info('Linq Trigger: the stored subscription is gone at Linq; a new one will be created', {
				subscriptionId: state.subscriptionId,
			});
			clear(state);
			return false;
		}
		// Our client already throws NodeApiErrors; this passes them through unchanged.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const matches =
		remote.target_url === targetUrlOf(this) &&
		sameSet(remote.subscribed_events, wanted.events) &&
		sameSet(remote.phone_numbers, wanted.phoneNumbers) &&
		typeof state.signingSecret === 'string' &&
		state.signingSecret !== '';
	if (matches) return true;
	this.logger.info('Linq Trigger: the stored subscription no longer matches this node; replacing it', {
		subscriptionId: state.subscriptionId,
	});
	await deleteAtLinq(this, client, state.subscriptionId);
	forget(this, state);
	return false;
}

/** The HTTPS rule (Linq refuses plain http) explained in n8n's terms. */
function assertDeliverable(context: IHookFunctions, client: LinqClient, targetUrl: string) {
	if (targetUrl.startsWith('https://') || !client.isProductionLinq) return;
	throw new NodeOperationError(context.getNode(), `Linq only delivers webhooks to HTTPS URLs, and this trigger's URL is ${targetUrl}`, {
		description:
			'Make n8n reachable over HTTPS and tell it its public address with the WEBHOOK_URL environment variable (N8N_WEBHOOK_URL in newer n8n), for example WEBHOOK_URL=https://n8n.example.com/, then restart n8n. For a local n8n, use a tunnel (such as ngrok or cloudflared) and set that variable to the tunnel address.',
	});
}

async function createAtLinq(client: LinqClient, targetUrl: string, wanted: ReturnType<typeof desiredSubscription>) {
	const body: IDataObject = { target_url: targetUrl, subscribed_events: wanted.events };
	if (wanted.phoneNumbers.length > 0) body.phone_numbers = wanted.phoneNumbers;
	return await client.request<WebhookSubscription>({ method: 'POST', path: '/v3/webhook-subscriptions', body });
}

/** Linq keeps one subscription per target URL; a second create for the same URL is refused. */
function isDuplicateUrl(error: unknown) {
	const details = linqDetailsOf(error);
	if (!details) return false;
	const text = String(details.message ?? '').toLowerCase();
	return details.status === 409 || (details.status === 400 && /already|exist|unique|duplicate/.test(text));
}

/**
 * Creates the subscription and keeps its id and signing secret. If Linq already has one for this
 * exact URL (left over from a crash, or created by an earlier activation whose secret was lost),
 * that one is deleted and created anew, because a secret cannot be read back from Linq.
 */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	const client = await LinqClient.create(this);
	const targetUrl = targetUrlOf(this);
	assertDeliverable(this, client, targetUrl);
	const wanted = desiredSubscription(this);

	let created: WebhookSubscription;
	try {
		created = await createAtLinq(client, targetUrl, wanted);
	} catch (error) {
		if (!isDuplicateUrl(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
		const { subscriptions = [] } = await client.request<{ subscriptions?: WebhookSubscription[] }>({
			method: 'GET',
			path: '/v3/webhook-subscriptions',
		});
		const stale = subscriptions.find((s) => s.target_url === targetUrl);
		if (!stale) throw new NodeApiError(this.getNode(), error as JsonObject);
		this.logger.info('Linq Trigger: replacing an existing subscription for this URL', { subscriptionId: stale.id });
		await deleteAtLinq(this, client, stale.id);
		created = await createAtLinq(client, targetUrl, wanted);
	}
	if (!created.id || !created.signing_secret) {
		throw new NodeOperationError(this.getNode(), 'Linq created the subscription but did not return its id and signing secret', {
			description: 'Deactivate and activate the workflow again. If it keeps happening, check the Base URL in the credential.',
		});
	}
	state.subscriptionId = created.id;
	state.signingSecret = created.signing_secret;
	state.targetUrl = targetUrl;
	return true;
}

/** Deletes one subscription by id. A 404 counts as deleted; anything else is logged and surfaces. */
async function deleteAtLinq(context: IHookFunctions, client: LinqClient, subscriptionId: string) {
	try {
		await client.request({
			method: 'DELETE',
			path: `/v3/webhook-subscriptions/${encodeURIComponent(subscriptionId)}`,
			idempotent: true,
		});
	} catch (error) {
		if (!isNotFound(error)) {
			context.logger.error('Linq Trigger: could not delete the webhook subscription at Linq', {
				subscriptionId,
				error: (error as Error).message,
			});
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
	}
}

/** Clears what the trigger kept about its subscription and its deliveries. */
function forget(context: IHookFunctions, state: SubscriptionState) {
	clear(state);
	delete state.deliveries;
	forgetTrigger(triggerKey(context));
}

/** Deletes the stored subscription at Linq (a 404 counts as deleted) and clears the static data. */
export async function removeSubscription(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	if (state.subscriptionId) await deleteAtLinq(this, await LinqClient.create(this), state.subscriptionId);
	forget(this, state);
	return true;
}
