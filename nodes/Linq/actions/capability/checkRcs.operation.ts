import { defineOperation } from '../operation';
import { readHandle } from '../../helpers/parameters';
import { checkRcs } from '../../../shared/resources/capability';
import { invalidParameterError, isE164 } from '../../../shared/validation';
import { capabilityFields, readFromLine } from './fields';

export default defineOperation({
	resource: 'capability',
	operation: 'checkRcs',
	name: 'Check RCS',
	action: 'Check whether a phone number can receive RCS',
	description:
		'Check whether a phone number (E.164, like +12223334444) can receive RCS. Email addresses cannot: RCS works with phone numbers only. Returns { address, available }. Use it with Check iMessage to route a message: iMessage when available, else RCS, else SMS.',
	endpoints: ['checkRcs'],
	properties: capabilityFields(
		'The phone number to check, in E.164 format like +12223334444 (RCS works with phone numbers only)',
	),
	prepare(itemIndex) {
		const address = readHandle(this, itemIndex, 'address', 'Address');
		if (!isE164(address)) {
			throw invalidParameterError(
				this.getNode(),
				'Address',
				address,
				itemIndex,
				'RCS works with phone numbers only: use a phone number in E.164 format like +12223334444. To check an email address, use Capability → Check iMessage.',
			);
		}
		return { address, from: readFromLine(this, itemIndex) };
	},
	async execute({ address, from }, client, itemIndex) {
		const answer = await checkRcs(client, address, from, itemIndex);
		return { ...answer, address: answer.address ?? address, available: answer.available === true };
	},
	identifyItem: ({ address }) => ({ address }),
});
