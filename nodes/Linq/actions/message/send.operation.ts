import { contentFields } from '../../descriptions/content';
import { buildMessage, readContent } from '../../helpers/content';
import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { sendMessage } from '../../../shared/resources/messages';

export default defineOperation({
	resource: 'message',
	operation: 'send',
	name: 'Send',
	action: 'Send a message',
	description:
		'Send a message (text, and optionally images or files) to an existing chat over iMessage, RCS or SMS. Give the chat ID and the text. Safe to retry: a retry never sends the message twice.',
	toolDescription:
		'Send a message to a Linq chat (iMessage, RCS or SMS). The text is sent verbatim as plain text: no Markdown. A chat ID, where asked for, is a UUID like the chat_id of the incoming message. Answers {"sent":true,"chat_id","message_id"}; React and Get Thread take that message_id. Each call sends one new message: do not call again for a message that answered "sent":true.',
	endpoints: ['sendMessage', 'createAttachment'],
	properties: [chatLocator({ description: 'The chat to send to' }), ...contentFields()],
	async prepare(itemIndex, run) {
		return { chatId: readChatId(this, itemIndex), draft: await readContent(this, itemIndex, run) };
	},
	async execute({ chatId, draft }, client, itemIndex, run) {
		const message = await buildMessage(this, draft, client, itemIndex);
		const answer = await sendMessage(client, chatId, message, itemIndex);
		const messageId = answer.message?.id;
		if (run.isTool) return { sent: true, chat_id: answer.chat_id ?? chatId, message_id: messageId };
		return {
			chat_id: answer.chat_id ?? chatId,
			message_id: messageId,
			delivery_status: answer.message?.delivery_status,
			idempotency_key: draft.idempotencyKey,
			message: answer.message,
		};
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
