import { contentFields } from '../../descriptions/content';
import { buildMessage, readContent } from '../../helpers/content';
import { lineLocator, toField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readHandles, readLine } from '../../helpers/parameters';
import { createChat } from '../../../shared/resources/chats';

export default defineOperation({
	resource: 'chat',
	operation: 'create',
	name: 'Create',
	action: 'Create a chat',
	description:
		'Start a chat from one of your lines with one person (a DM) or several (a group), with its first message. The first message may not contain a link. Safe to retry.',
	toolDescription:
		'Start a new Linq chat from one of your lines with one person (a DM) or several (a group) by phone number (E.164, like +12223334444) or email address, with its first message: plain text, sent verbatim (no Markdown), and no link (Linq refuses links in a first message). Answers {"created":true,"chat_id","message_id"}; use that chat_id to send more.',
	endpoints: ['createChat', 'createAttachment'],
	properties: [
		lineLocator({
			name: 'from',
			displayName: 'From',
			description: 'The line of yours the chat is on',
			valueIs: 'number',
		}),
		toField,
		{
			displayName:
				'The first message of a new chat may not contain a link (Linq refuses it): send links in a later message',
			name: 'firstMessageNotice',
			type: 'notice',
			default: '',
		},
		...contentFields(),
	],
	async prepare(itemIndex, run) {
		return {
			from: readLine(this, itemIndex, 'from', 'From'),
			to: readHandles(this, itemIndex, 'to', 'To'),
			draft: await readContent(this, itemIndex, run, { firstMessageOfNewChat: true }),
		};
	},
	async execute({ from, to, draft }, client, itemIndex, run) {
		const message = await buildMessage(this, draft, client, itemIndex);
		const { chat = { id: '' } } = await createChat(client, from, to, message, itemIndex);
		const messageId = (chat.message as { id?: string } | undefined)?.id;
		if (run.isTool) return { created: true, chat_id: chat.id, message_id: messageId };
		return {
			chat_id: chat.id,
			message_id: messageId,
			idempotency_key: draft.idempotencyKey,
			...chat,
		};
	},
	identifyItem: ({ from, to }) => ({ from, to }),
});
