import type { INodeProperties } from 'n8n-workflow';

import { UUID_REGEX_SOURCE } from '../../shared/validation';

const E164_REGEX_SOURCE = '^\\s*\\+[1-9]\\d{1,14}\\s*$';

function uuidMode(what: string) {
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
		validation: [
			{
				type: 'regex' as const,
				properties: {
					regex: UUID_REGEX_SOURCE,
					errorMessage: `Not a valid ${what} ID: Linq ${what} IDs are UUIDs`,
				},
			},
		],
	};
}

/** A Linq object picked from a searchable list (the default, as n8n wants) or by its ID (a UUID). */
function uuidLocator(spec: {
	displayName: string;
	name: string;
	what: string;
	description: string;
	searchListMethod: string;
	placeholder: string;
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.placeholder,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			uuidMode(spec.what),
		],
	};
}

/** A chat: picked from a searchable list (group chats only, for operations that need a group), or by ID. */
export function chatLocator(
	options: { groupsOnly?: boolean; name?: string; displayName?: string; description?: string } = {},
): INodeProperties {
	return uuidLocator({
		displayName: options.displayName ?? 'Chat',
		name: options.name ?? 'chatId',
		what: 'chat',
		description:
			options.description ??
			(options.groupsOnly ? 'The group chat to act on' : 'The chat to act on'),
		searchListMethod: options.groupsOnly ? 'searchGroupChats' : 'searchChats',
		placeholder: options.groupsOnly ? 'Select a group chat...' : 'Select a chat...',
	});
}

/** A message: from the latest messages of the chosen chat (or of your recent chats), or by ID. */
export function messageLocator(description = 'The message to act on'): INodeProperties {
	return uuidLocator({
		displayName: 'Message',
		name: 'messageId',
		what: 'message',
		description,
		searchListMethod: 'searchMessages',
		placeholder: 'Select a recent message...',
	});
}

/** A webhook subscription: picked from a list of your subscriptions (URL and events), or by ID. */
export function subscriptionLocator(description: string): INodeProperties {
	return uuidLocator({
		displayName: 'Subscription',
		name: 'subscriptionId',
		what: 'subscription',
		description,
		searchListMethod: 'searchSubscriptions',
		placeholder: 'Select a subscription...',
	});
}

/** The people a new message goes to: one gives a DM, several a group chat. */
export const toField: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. +12223334444, casey@example.com',
	description:
		'Phone numbers (E.164, like +12223334444) or emails, separated by commas; one gives a DM, several a group chat',
};

/**
 * One of your Linq lines. `valueIs: 'number'` gives its phone number (what `from` takes); `'id'` gives
 * the line's ID (what the phone number endpoints take).
 */
export function lineLocator(options: {
	name: string;
	displayName?: string;
	description: string;
	valueIs: 'number' | 'id';
	required?: boolean;
}): INodeProperties {
	const manual =
		options.valueIs === 'number'
			? {
					displayName: 'By Number',
					name: 'number',
					type: 'string' as const,
					placeholder: 'e.g. +12223334444',
					validation: [
						{
							type: 'regex' as const,
							properties: {
								regex: E164_REGEX_SOURCE,
								errorMessage: 'Not a phone number in E.164 format, like +12223334444',
							},
						},
					],
				}
			: uuidMode('phone number');
	return {
		displayName: options.displayName ?? 'Phone Line',
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select one of your lines...',
				typeOptions: {
					searchListMethod: options.valueIs === 'number' ? 'searchLineNumbers' : 'searchLineIds',
					searchable: true,
				},
			},
			manual,
		],
	};
}

/** A person's phone number or email address. */
export function handleField(
	options: { name?: string; displayName?: string; description?: string } = {},
): INodeProperties {
	return {
		displayName: options.displayName ?? 'Handle',
		name: options.name ?? 'handle',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +12223334444',
		description:
			options.description ??
			'Phone number in E.164 format (like +12223334444) or email address. Surrounding spaces are ignored.',
	};
}

/** Return All / Limit, as n8n's Get Many operations have them. */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** Simplify: a few fields instead of Linq's whole object (the fields are listed in docs/linq-node.md). */
export function simplifyField(fields: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (${fields})`,
	};
}

/** Your lines as a comma-separated list (or an array from an expression): a filter where empty means all lines. */
export function phoneLinesField(description: string): INodeProperties {
	return {
		displayName: 'Phone Lines',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		placeholder: 'e.g. +12223334444, +13334445555',
		description,
	};
}
