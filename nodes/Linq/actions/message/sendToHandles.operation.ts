import { contentFields } from '../../descriptions/content';
import { buildMessage, readContent } from '../../helpers/content';
import { toField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readHandles } from '../../helpers/parameters';
import { sendToHandles } from '../../../shared/resources/messages';

export default defineOperation({
	resource: 'message',
	operation: 'sendToHandles',
	name: 'Send to Handles',
	action: 'Send a message to phone numbers or emails',
	description:
		'Send a message to one person (a DM) or several (a group) by their phone numbers or emails. Linq picks the sending line and reuses an existing chat with exactly these people, or starts one; the output says which line and chat. Safe to retry.',
	toolDescription:
		'Send a message to one person (a DM) or several (a group) by phone number (E.164, like +12223334444) or email address, over iMessage, RCS or SMS. The text is sent verbatim as plain text: no Markdown. Linq picks your sending line and reuses the chat with exactly these people, or starts one. Answers {"sent":true,"chat_id","message_id","from"} (from: the line that sent it). Each call sends one new message.',
	endpoints: ['sendToHandles', 'createAttachment'],
	properties: [
		toField,
		...contentFields(),
		{
			displayName: 'Continuation Text',
			name: 'continuationText',
			type: 'string',
			default: '',
			description:
				"If the existing chat's line is flagged, Linq moves the conversation to a fresh line and sends this text instead of the message, so the person knows why a new number writes to them",
		},
	],
	async prepare(itemIndex, run) {
		return {
			to: readHandles(this, itemIndex, 'to', 'To'),
			draft: await readContent(this, itemIndex, run),
			continuationText:
				String(this.getNodeParameter('continuationText', itemIndex, '') ?? '').trim() || undefined,
		};
	},
	async execute({ to, draft, continuationText }, client, itemIndex, run) {
		const message = await buildMessage(this, draft, client, itemIndex);
		const answer = await sendToHandles(client, to, message, continuationText, itemIndex);
		if (run.isTool)
			return {
				sent: true,
				chat_id: answer.chat_id,
				message_id: answer.message?.id,
				from: answer.from,
			};
		return { ...answer, message_id: answer.message?.id, idempotency_key: draft.idempotencyKey };
	},
	identifyItem: ({ to }) => ({ to }),
});
