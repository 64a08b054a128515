import { subscriptionLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readUuid } from '../../helpers/parameters';
import { deleteSubscription } from '../../../shared/resources/webhookSubscriptions';

export default defineOperation({
	resource: 'webhookSubscription',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a webhook subscription',
	description:
		'Delete a Linq webhook subscription: Linq stops sending its events at once. Its signing secret is gone with it; to rotate a secret, delete the subscription and create it again.',
	endpoints: ['deleteWebhookSubscription'],
	properties: [subscriptionLocator('The webhook subscription to delete')],
	prepare(itemIndex) {
		return { subscriptionId: readUuid(this, itemIndex, 'subscriptionId', 'Subscription') };
	},
	async execute({ subscriptionId }, client, itemIndex) {
		await deleteSubscription(client, subscriptionId, itemIndex);
		return { deleted: true, subscription_id: subscriptionId };
	},
	identifyItem: ({ subscriptionId }) => ({ subscription_id: subscriptionId }),
});
