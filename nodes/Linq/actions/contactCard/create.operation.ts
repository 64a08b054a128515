import type { IDataObject } from 'n8n-workflow';

import { lineLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readLine, readText } from '../../helpers/parameters';
import { createContactCard } from '../../../shared/resources/contactCards';
import { invalidParameterError } from '../../../shared/validation';
import { CARD_FIELDS, readCardFields } from './fields';

export default defineOperation({
	resource: 'contactCard',
	operation: 'create',
	name: 'Create',
	action: 'Create a contact card',
	description:
		'Set up the contact card (first name, optional last name and photo) one of your lines shares on iMessage. Once per line: if the line already has a card, Linq refuses (error 2014) and Contact Card → Update changes it. Chat → Share Contact Card then shares it in a chat.',
	endpoints: ['createContactCard'],
	properties: [
		lineLocator({
			name: 'phoneNumber',
			description: 'The line of yours the card is for',
			valueIs: 'number',
		}),
		{ ...CARD_FIELDS.firstName, required: true },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [CARD_FIELDS.imageUrl, CARD_FIELDS.lastName],
		},
	],
	prepare(itemIndex) {
		const phoneNumber = readLine(this, itemIndex, 'phoneNumber', 'Phone Line');
		const firstName = readText(this, itemIndex, 'firstName');
		if (!firstName) {
			throw invalidParameterError(
				this.getNode(),
				'First Name',
				firstName,
				itemIndex,
				'Enter the first name people should see for your line.',
			);
		}
		const extra = readCardFields(
			this,
			itemIndex,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		);
		return { card: { phone_number: phoneNumber, first_name: firstName, ...extra } };
	},
	async execute({ card }, client, itemIndex) {
		return await createContactCard(client, card, itemIndex);
	},
	identifyItem: ({ card }) => ({ phone_number: card.phone_number }),
});
