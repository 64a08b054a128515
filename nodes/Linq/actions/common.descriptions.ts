import type { INodeProperties } from 'n8n-workflow';

import { UUID_REGEX_SOURCE } from '../helpers/validation';

/** The group chat an operation acts on: picked from a searchable list, or pasted as an ID. */
export const groupChatLocator: INodeProperties = {
	displayName: 'Chat',
	name: 'chatId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The group chat to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a group chat...',
			typeOptions: {
				searchListMethod: 'searchGroupChats',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '550e8400-e29b-41d4-a716-446655440000',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: UUID_REGEX_SOURCE,
						errorMessage: 'Not a valid chat ID: Linq chat IDs are UUIDs',
					},
				},
			],
		},
	],
};

/** A participant's phone number or email address. */
export const handleField: INodeProperties = {
	displayName: 'Handle',
	name: 'handle',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+12223334444',
	description:
		'Phone number in E.164 format (like +12223334444) or email address of the participant. Surrounding spaces are ignored.',
};
