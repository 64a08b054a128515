import { lineLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readOptionalLine } from '../../helpers/parameters';
import { listContactCards } from '../../../shared/resources/contactCards';

export default defineOperation({
	resource: 'contactCard',
	operation: 'get',
	name: 'Get',
	action: 'Get contact cards',
	description:
		'Get the contact cards (the name and photo your lines share on iMessage), one output item per card: all of them, or the card of one line. is_active tells whether Linq applied the card.',
	endpoints: ['listContactCards'],
	properties: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			options: [
				lineLocator({
					name: 'phoneNumber',
					displayName: 'Phone Line',
					description: 'Only the card of this line of yours',
					valueIs: 'number',
					required: false,
				}),
			],
		},
	],
	prepare(itemIndex) {
		return { phoneNumber: readOptionalLine(this, itemIndex, 'filters.phoneNumber', 'Phone Line') };
	},
	async execute({ phoneNumber }, client, itemIndex) {
		return await listContactCards(client, phoneNumber, itemIndex);
	},
	identifyItem: ({ phoneNumber }) => (phoneNumber ? { phone_number: phoneNumber } : {}),
});
