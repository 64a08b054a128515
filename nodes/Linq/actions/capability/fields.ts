import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { handleField, lineLocator } from '../../descriptions/fields';
import { readOptionalLine } from '../../helpers/parameters';

/** What both checks take: the address, and optionally the line to check from. */
export function capabilityFields(addressDescription: string): INodeProperties[] {
	return [
		handleField({ name: 'address', displayName: 'Address', description: addressDescription }),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				lineLocator({
					name: 'from',
					displayName: 'From Line',
					description:
						'The line of yours to check from. By default Linq uses a line from your pool.',
					valueIs: 'number',
					required: false,
				}),
			],
		},
	];
}

export function readFromLine(context: IExecuteFunctions, itemIndex: number): string | undefined {
	return readOptionalLine(context, itemIndex, 'additionalFields.from', 'From Line');
}
