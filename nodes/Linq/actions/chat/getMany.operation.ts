import { lineLocator, returnAllFields, simplifyField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readLimit, readOptionalLine } from '../../helpers/parameters';
import { simplifyChat } from '../../helpers/simplify';
import { listChats } from '../../../shared/resources/chats';
import { validateHandle } from '../../../shared/validation';
import { CHAT_SIMPLE_FIELDS } from './get.operation';

export default defineOperation({
	resource: 'chat',
	operation: 'getMany',
	name: 'Get Many',
	action: 'Get many chats',
	description:
		'List your chats, optionally only those on one line or with one person, one output item per chat.',
	endpoints: ['listChats'],
	properties: [
		...returnAllFields(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			options: [
				lineLocator({
					name: 'from',
					displayName: 'On Line',
					description: 'Only chats on this line of yours',
					valueIs: 'number',
					required: false,
				}),
				{
					displayName: 'With Participant',
					name: 'to',
					type: 'string',
					default: '',
					placeholder: 'e.g. +12223334444',
					description: 'Only chats with this person (phone number in E.164 or email)',
				},
			],
		},
		simplifyField(CHAT_SIMPLE_FIELDS),
	],
	prepare(itemIndex) {
		const toRaw = String(this.getNodeParameter('filters.to', itemIndex, '') ?? '').trim();
		return {
			from: readOptionalLine(this, itemIndex, 'filters.from', 'On Line'),
			to: toRaw ? validateHandle(this.getNode(), 'With Participant', toRaw, itemIndex) : undefined,
			limit: readLimit(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async execute({ from, to, limit, simplify }, client, itemIndex, run) {
		const chats = await listChats(client, { from, to }, limit, itemIndex);
		return chats.map((chat) => (simplify || run.isTool ? simplifyChat(chat) : chat));
	},
});
