import type { IDataObject } from 'n8n-workflow';

import { phoneLinesField, subscriptionLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readPhoneLines, readUuid } from '../../helpers/parameters';
import {
	updateSubscription,
	type SubscriptionInput,
} from '../../../shared/resources/webhookSubscriptions';
import { invalidParameterError } from '../../../shared/validation';
import { eventsField, readEvents, readTargetUrl, targetUrlField } from './fields';

export default defineOperation({
	resource: 'webhookSubscription',
	operation: 'update',
	name: 'Update',
	action: 'Update a webhook subscription',
	description:
		'Change a Linq webhook subscription: pause or resume it, or change its target URL, events or lines (empty lines: all lines). Only the fields given change; the signing secret stays the same.',
	endpoints: ['updateWebhookSubscription'],
	properties: [
		subscriptionLocator('The webhook subscription to change'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{
					displayName: 'Active',
					name: 'isActive',
					type: 'boolean',
					default: true,
					description:
						'Whether Linq delivers events to the URL (turn off to pause the subscription)',
				},
				eventsField({
					description: 'The Linq events to send to the URL, instead of the current ones',
				}),
				phoneLinesField(
					'Only send events of these lines of yours (E.164, separated by commas), instead of the current filter. Empty: all lines.',
				),
				targetUrlField(),
			],
		},
	],
	async prepare(itemIndex) {
		const subscriptionId = readUuid(this, itemIndex, 'subscriptionId', 'Subscription');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: SubscriptionInput = {};
		if (fields.targetUrl !== undefined)
			changes.target_url = await readTargetUrl(this, itemIndex, fields.targetUrl);
		if (fields.events !== undefined)
			changes.subscribed_events = readEvents(this, itemIndex, fields.events);
		// Empty means all lines: the request then says so with phone_numbers: null.
		if (fields.phoneNumbers !== undefined)
			changes.phone_numbers = readPhoneLines(
				this,
				itemIndex,
				'updateFields.phoneNumbers',
				'Phone Lines',
			);
		if (fields.isActive !== undefined) {
			if (typeof fields.isActive !== 'boolean') {
				throw invalidParameterError(
					this.getNode(),
					'Active',
					fields.isActive,
					itemIndex,
					'Use true (deliver events) or false (paused).',
				);
			}
			changes.is_active = fields.isActive;
		}
		if (Object.keys(changes).length === 0) {
			throw invalidParameterError(
				this.getNode(),
				'Update Fields',
				fields,
				itemIndex,
				'Add Active, Events, Phone Lines or Target URL to change.',
			);
		}
		return { subscriptionId, changes };
	},
	async execute({ subscriptionId, changes }, client, itemIndex) {
		return await updateSubscription(client, subscriptionId, changes, itemIndex);
	},
	identifyItem: ({ subscriptionId }) => ({ subscription_id: subscriptionId }),
});
