import type { IDataObject } from 'n8n-workflow';

import { lineLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readLine } from '../../helpers/parameters';
import { updateContactCard } from '../../../shared/resources/contactCards';
import { invalidParameterError } from '../../../shared/validation';
import { CARD_FIELDS, readCardFields } from './fields';

export default defineOperation({
	resource: 'contactCard',
	operation: 'update',
	name: 'Update',
	action: 'Update a contact card',
	description:
		'Change the contact card one of your lines shares on iMessage: its first name, last name or photo. Only the fields given change. The line needs a card first (Contact Card → Create; otherwise Linq answers error 2012).',
	endpoints: ['updateContactCard'],
	properties: [
		lineLocator({
			name: 'phoneNumber',
			description: 'The line of yours whose card to change',
			valueIs: 'number',
		}),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [CARD_FIELDS.firstName, CARD_FIELDS.imageUrl, CARD_FIELDS.lastName],
		},
	],
	prepare(itemIndex) {
		const phoneNumber = readLine(this, itemIndex, 'phoneNumber', 'Phone Line');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes = readCardFields(this, itemIndex, fields);
		if (Object.keys(changes).length === 0) {
			throw invalidParameterError(
				this.getNode(),
				'Update Fields',
				fields,
				itemIndex,
				'Add a First Name, Last Name or Image URL to change.',
			);
		}
		return { phoneNumber, changes };
	},
	async execute({ phoneNumber, changes }, client, itemIndex) {
		return await updateContactCard(client, phoneNumber, changes, itemIndex);
	},
	identifyItem: ({ phoneNumber }) => ({ phone_number: phoneNumber }),
});
