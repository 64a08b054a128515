import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ContactCardFields } from '../../../shared/resources/contactCards';
import { checkHttpsUrl, trimmedText } from '../../helpers/parameters';

export const CARD_FIELDS = {
	firstName: {
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'The first name people see for your line',
	},
	lastName: {
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'The last name people see for your line',
	},
	imageUrl: {
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/logo.png',
		description: 'A public HTTPS URL of the photo people see for your line',
	},
} satisfies Record<string, INodeProperties>;

/** The card fields set in a collection, validated; empty fields are left out. */
export function readCardFields(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): ContactCardFields {
	const card: ContactCardFields = {};
	const firstName = trimmedText(fields.firstName);
	const lastName = trimmedText(fields.lastName);
	const imageUrl = trimmedText(fields.imageUrl);
	if (firstName) card.first_name = firstName;
	if (lastName) card.last_name = lastName;
	if (imageUrl) card.image_url = checkHttpsUrl(context, itemIndex, imageUrl, 'Image URL');
	return card;
}
