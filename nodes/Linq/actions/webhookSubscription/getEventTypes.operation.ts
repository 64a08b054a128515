import { defineOperation } from '../operation';
import { listEventTypes } from '../../../shared/resources/webhookSubscriptions';

export default defineOperation({
	resource: 'webhookSubscription',
	operation: 'getEventTypes',
	name: 'Get Event Types',
	action: 'Get the webhook event types',
	description:
		'List every webhook event type Linq can send (like message.received or reaction.added), in one output item: { events, doc_url }. Its events list fits the Events of Webhook Subscription → Create and Update.',
	endpoints: ['listWebhookEvents'],
	properties: [],
	prepare() {
		return {};
	},
	async execute(_prepared, client, itemIndex) {
		// One item with the whole list, not one per event: the list is what Create and Update take as
		// Events ({{ $json.events }}), and one item per event would run every later node once per event.
		const answer = await listEventTypes(client, itemIndex);
		return { events: answer.events ?? [], doc_url: answer.doc_url };
	},
});
