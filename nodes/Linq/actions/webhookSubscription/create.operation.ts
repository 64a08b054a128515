import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { createSubscription } from '../../../shared/resources/webhookSubscriptions';
import {
	eventsField,
	readEvents,
	readTargetUrl,
	SIGNING_SECRET_NOTICE,
	targetUrlField,
} from './fields';
import { readPhoneLines } from '../../helpers/parameters';
import { phoneLinesField } from '../../descriptions/fields';

export default defineOperation({
	resource: 'webhookSubscription',
	operation: 'create',
	name: 'Create',
	action: 'Create a webhook subscription',
	description:
		'Subscribe an HTTPS URL to Linq webhook events (for example message.received), optionally only for some of your lines. The output has the subscription\'s signing_secret, which Linq shows only this once: store it now (for example in a "Linq Webhook Signing Secret API" credential for a Linq Trigger that connects using the signing secret).',
	endpoints: ['createWebhookSubscription'],
	properties: [
		{
			displayName: SIGNING_SECRET_NOTICE,
			name: 'signingSecretNotice',
			type: 'notice',
			default: '',
		},
		targetUrlField({ required: true }),
		eventsField({ required: true }),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				phoneLinesField(
					'Only send events of these lines of yours (E.164, separated by commas). Leave empty for all lines.',
				),
			],
		},
	],
	async prepare(itemIndex) {
		const targetUrl = await readTargetUrl(
			this,
			itemIndex,
			this.getNodeParameter('targetUrl', itemIndex, ''),
		);
		const events = readEvents(this, itemIndex, this.getNodeParameter('events', itemIndex, []));
		const phoneNumbers = readPhoneLines(
			this,
			itemIndex,
			'additionalFields.phoneNumbers',
			'Phone Lines',
		);
		return { targetUrl, events, phoneNumbers };
	},
	async execute({ targetUrl, events, phoneNumbers }, client, itemIndex) {
		const created = await createSubscription(
			client,
			{ target_url: targetUrl, subscribed_events: events, phone_numbers: phoneNumbers },
			itemIndex,
		);
		return created as IDataObject;
	},
	identifyItem: ({ targetUrl }) => ({ target_url: targetUrl }),
});
