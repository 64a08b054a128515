import { defineOperation } from '../operation';
import { listSubscriptions } from '../../../shared/resources/webhookSubscriptions';

export default defineOperation({
	resource: 'webhookSubscription',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many webhook subscriptions',
	description:
		'List all your Linq webhook subscriptions, active and paused, one output item per subscription: ID, target URL, events and line filter (empty: all lines).',
	endpoints: ['listWebhookSubscriptions'],
	properties: [],
	prepare() {
		return {};
	},
	async execute(_prepared, client, itemIndex) {
		// Linq answers every subscription at once (the list is not paginated).
		return await listSubscriptions(client, itemIndex);
	},
});
