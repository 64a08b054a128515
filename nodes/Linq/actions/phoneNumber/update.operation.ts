import { lineLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readText, readUuid } from '../../helpers/parameters';
import { updatePhoneNumber } from '../../../shared/resources/phoneNumbers';
import { invalidParameterError, isE164 } from '../../../shared/validation';

export default defineOperation({
	resource: 'phoneNumber',
	operation: 'update',
	name: 'Update',
	action: 'Update a phone number',
	description:
		'Set where inbound phone calls to one of your Linq lines are forwarded (a phone number in E.164, like +12223334444), or turn call forwarding off with an empty Forwarding Number. Give the line by its ID (Phone Number → Get Many lists them).',
	endpoints: ['updatePhoneNumber'],
	properties: [
		lineLocator({
			name: 'phoneNumberId',
			valueIs: 'id',
			description: 'The line whose call forwarding to set',
		}),
		{
			displayName: 'Forwarding Number',
			name: 'forwardingNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. +12223334444',
			description:
				'Where calls to the line are forwarded, in E.164 format. Leave empty to turn call forwarding off.',
		},
	],
	prepare(itemIndex) {
		const phoneNumberId = readUuid(this, itemIndex, 'phoneNumberId', 'Phone Line');
		const forwarding = readText(this, itemIndex, 'forwardingNumber');
		if (forwarding !== '' && !isE164(forwarding)) {
			throw invalidParameterError(
				this.getNode(),
				'Forwarding Number',
				forwarding,
				itemIndex,
				'Use a phone number in E.164 format like +12223334444 (a plus sign, the country code and the number, digits only), or leave it empty to turn call forwarding off.',
			);
		}
		return { phoneNumberId, forwardingNumber: forwarding === '' ? null : forwarding };
	},
	async execute({ phoneNumberId, forwardingNumber }, client, itemIndex) {
		return await updatePhoneNumber(client, phoneNumberId, forwardingNumber, itemIndex);
	},
	identifyItem: ({ phoneNumberId }) => ({ phone_number_id: phoneNumberId }),
});
