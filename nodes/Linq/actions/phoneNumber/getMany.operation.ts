import type { IDataObject } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { listPhoneNumbers, type PhoneNumber } from '../../../shared/resources/phoneNumbers';

export const LINE_SIMPLE_FIELDS = 'id, phone_number, reputation, forwarding_number';

export function simplifyLine(line: PhoneNumber): IDataObject {
	return {
		id: line.id,
		phone_number: line.phone_number,
		reputation:
			line.reputation?.status ?? (line.health_status as IDataObject | undefined)?.status ?? null,
		forwarding_number: line.forwarding_number ?? null,
	};
}

export default defineOperation({
	resource: 'phoneNumber',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many phone numbers',
	description:
		'List your Linq phone lines, one output item per line: its ID (what Update takes), its number, its reputation (HEALTHY: send normally; AT_RISK: slow down; CRITICAL: pause outbound messages) and where its calls are forwarded.',
	endpoints: ['listPhoneNumbers'],
	properties: [simplifyField(LINE_SIMPLE_FIELDS)],
	prepare(itemIndex) {
		return { simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean };
	},
	async execute({ simplify }, client, itemIndex, run) {
		// Linq answers every line at once (the list is not paginated).
		const lines = await listPhoneNumbers(client, itemIndex);
		return lines.map((line) => (simplify || run.isTool ? simplifyLine(line) : line));
	},
});
