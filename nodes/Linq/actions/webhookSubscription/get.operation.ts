import { subscriptionLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readUuid } from '../../helpers/parameters';
import { getSubscription } from '../../../shared/resources/webhookSubscriptions';

export default defineOperation({
	resource: 'webhookSubscription',
	operation: 'get',
	name: 'Get',
	action: 'Get a webhook subscription',
	description:
		'Get one Linq webhook subscription by its ID: its target URL, events, line filter (empty: all lines) and whether it is active. The signing secret is never included: Linq shows it only when the subscription is created.',
	endpoints: ['getWebhookSubscription'],
	properties: [subscriptionLocator('The webhook subscription to get')],
	prepare(itemIndex) {
		return { subscriptionId: readUuid(this, itemIndex, 'subscriptionId', 'Subscription') };
	},
	async execute({ subscriptionId }, client, itemIndex) {
		return await getSubscription(client, subscriptionId, itemIndex);
	},
	identifyItem: ({ subscriptionId }) => ({ subscription_id: subscriptionId }),
});
