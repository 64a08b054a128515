import { defineOperation } from '../operation';
import { readHandle } from '../../helpers/parameters';
import { checkImessage } from '../../../shared/resources/capability';
import { capabilityFields, readFromLine } from './fields';

export default defineOperation({
	resource: 'capability',
	operation: 'checkImessage',
	name: 'Check iMessage',
	action: 'Check whether a handle can receive iMessage',
	description:
		'Check whether a phone number (E.164, like +12223334444) or email address can receive iMessage. Returns { address, available }. Use it with Check RCS to route a message: iMessage when available, else RCS, else SMS.',
	endpoints: ['checkImessage'],
	properties: capabilityFields(
		'The phone number in E.164 format (like +12223334444) or the email address to check',
	),
	prepare(itemIndex) {
		return {
			address: readHandle(this, itemIndex, 'address', 'Address'),
			from: readFromLine(this, itemIndex),
		};
	},
	async execute({ address, from }, client, itemIndex) {
		const answer = await checkImessage(client, address, from, itemIndex);
		return { ...answer, address: answer.address ?? address, available: answer.available === true };
	},
	identifyItem: ({ address }) => ({ address }),
});
