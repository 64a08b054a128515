import create from './create.operation';
import deleteSubscription from './delete.operation';
import get from './get.operation';
import getEventTypes from './getEventTypes.operation';
import getMany from './getMany.operation';
import update from './update.operation';

/** The Webhook Subscription resource's operations; each is declared in its own file. */
export const webhookSubscriptionOperations = [
	create,
	get,
	getMany,
	update,
	deleteSubscription,
	getEventTypes,
];
