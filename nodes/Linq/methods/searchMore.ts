import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	listSubscriptions,
	type WebhookSubscription,
} from '../../shared/resources/webhookSubscriptions';
import { LinqClient } from '../../shared/transport';

/** How many event names a subscription's description shows before "+N more". */
const EVENTS_SHOWN = 3;

function eventsOf(subscription: WebhookSubscription): string {
	const events = subscription.subscribed_events ?? [];
	const shown = events.slice(0, EVENTS_SHOWN).join(', ');
	return events.length > EVENTS_SHOWN ? `${shown} +${events.length - EVENTS_SHOWN} more` : shown;
}

/**
 * Your webhook subscriptions (Linq lists them all at once): named by their target URL, described
 * by their events, and marked when paused. The filter matches the URL, an event or the ID.
 */
export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const subscriptions = await listSubscriptions(await LinqClient.create(this));
	const needle = filter?.trim().toLowerCase() ?? '';
	return {
		results: subscriptions
			.filter(
				(s) =>
					!needle ||
					s.target_url?.toLowerCase().includes(needle) ||
					s.id.toLowerCase() === needle ||
					(s.subscribed_events ?? []).some((event) => event.toLowerCase().includes(needle)),
			)
			.map((s) => ({
				name: s.target_url || s.id,
				value: s.id,
				description: [s.is_active === false ? 'Paused' : undefined, eventsOf(s)]
					.filter(Boolean)
					.join(' · '),
			})),
	};
}
