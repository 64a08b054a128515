import { defineOperation } from '../operation';
import { findAvailableNumber } from '../../../shared/resources/phoneNumbers';
import { readOptionalHandles } from '../../helpers/parameters';

export default defineOperation({
	resource: 'phoneNumber',
	operation: 'findAvailable',
	name: 'Find Available',
	action: 'Find the best line to send from',
	description:
		'Ask Linq which of your lines to send from, optionally for given recipients (then Linq prefers the line of an existing chat with them). Returns the number and a time-limited vCard link for it. Advisory only: nothing is reserved; pass the number as the line of Chat → Create to use it.',
	endpoints: ['getAvailableNumber'],
	properties: [
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			placeholder: 'e.g. +12223334444, alex@example.com',
			description:
				'Optional recipients (phone numbers in E.164 or email addresses, separated by commas), so that Linq picks the line that already chats with them',
		},
	],
	prepare(itemIndex) {
		return { to: readOptionalHandles(this, itemIndex, 'to', 'To') };
	},
	async execute({ to }, client, itemIndex) {
		const answer = await findAvailableNumber(client, to, itemIndex);
		return { phone_number: answer.phone_number, vcf_url: answer.vcf_url };
	},
	identifyItem: ({ to }) => (to.length > 0 ? { to } : {}),
});
