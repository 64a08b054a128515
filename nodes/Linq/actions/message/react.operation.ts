import type { IDataObject } from 'n8n-workflow';

import { messageLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readMessageId } from '../../helpers/parameters';
import { reactToMessage } from '../../../shared/resources/messages';
import { invalidParameterError } from '../../../shared/validation';

/** The tapbacks Linq sends (https://docs.linqapp.com/api/resources/messages/), plus any emoji. */
export const REACTIONS = [
	{ name: 'Love ❤️', value: 'love' },
	{ name: 'Like 👍', value: 'like' },
	{ name: 'Dislike 👎', value: 'dislike' },
	{ name: 'Laugh 😂', value: 'laugh' },
	{ name: 'Emphasize ‼️', value: 'emphasize' },
	{ name: 'Question ❓', value: 'question' },
	{ name: 'Custom Emoji', value: 'custom' },
];

export default defineOperation({
	resource: 'message',
	operation: 'react',
	name: 'React',
	action: 'React to a message',
	description:
		'Add or remove a reaction on a message: a tapback (love, like, dislike, laugh, emphasize, question) or any emoji. Give the message ID and the reaction.',
	toolDescription:
		'React to one message in a Linq chat with a tapback: love, like, dislike, laugh, emphasize or question (or custom, with an emoji). The message ID is a UUID: the message_id of the incoming message, of Send\'s answer, or an id from Get Thread. Answers {"message_id","reaction","action"}.',
	endpoints: ['reactToMessage'],
	properties: [
		messageLocator('The message to react to'),
		{
			displayName: 'Action',
			name: 'reactionAction',
			type: 'options',
			options: [
				{ name: 'Add', value: 'add' },
				{ name: 'Remove', value: 'remove' },
			],
			default: 'add',
		},
		{
			displayName: 'Reaction',
			name: 'reaction',
			type: 'options',
			options: REACTIONS,
			default: 'love',
		},
		{
			displayName: 'Emoji',
			name: 'customEmoji',
			type: 'string',
			default: '',
			// Not `required`: n8n counts a field as shown when the field it depends on is an
			// expression, so a Reaction from $fromAI() would block publishing; prepare() checks it.
			placeholder: 'e.g. 🎉',
			description: 'The emoji to react with, when Reaction is Custom Emoji',
			displayOptions: { show: { reaction: ['custom'] } },
		},
		{
			displayName: 'Part',
			name: 'partIndex',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Which part of the message to react to (0 is the first)',
		},
	],
	prepare(itemIndex) {
		const node = this.getNode();
		const type = String(this.getNodeParameter('reaction', itemIndex, 'love'));
		if (!REACTIONS.some((r) => r.value === type)) {
			throw invalidParameterError(
				node,
				'Reaction',
				type,
				itemIndex,
				`Use one of ${REACTIONS.map((r) => r.value).join(', ')}.`,
			);
		}
		const operation =
			this.getNodeParameter('reactionAction', itemIndex, 'add') === 'remove' ? 'remove' : 'add';
		const customEmoji =
			type === 'custom'
				? String(this.getNodeParameter('customEmoji', itemIndex, '')).trim()
				: undefined;
		if (type === 'custom' && !customEmoji) {
			throw invalidParameterError(
				node,
				'Emoji',
				customEmoji,
				itemIndex,
				'Enter the emoji to react with, like 🎉.',
			);
		}
		const partIndex = Number(this.getNodeParameter('partIndex', itemIndex, 0));
		if (!Number.isInteger(partIndex) || partIndex < 0) {
			throw invalidParameterError(
				node,
				'Part',
				partIndex,
				itemIndex,
				'Use 0 for the first part, 1 for the second, and so on.',
			);
		}
		return {
			messageId: readMessageId(this, itemIndex),
			reaction: { operation, type, customEmoji, partIndex } as const,
		};
	},
	async execute({ messageId, reaction }, client, itemIndex, run) {
		const answer = await reactToMessage(client, messageId, reaction, itemIndex);
		const output: IDataObject = {
			// Linq's acknowledgement (message, status, trace_id) means nothing to a model.
			...(run.isTool ? {} : answer),
			message_id: messageId,
			reaction: reaction.type,
			action: reaction.operation,
		};
		if (reaction.customEmoji) output.custom_emoji = reaction.customEmoji;
		return output;
	},
	identifyItem: ({ messageId }) => ({ message_id: messageId }),
});
