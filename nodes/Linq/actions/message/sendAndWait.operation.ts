import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { chatLocator, toField } from '../../descriptions/fields';
import { defineOperation, WaitForResponse } from '../operation';
import { currentResponseProperties } from './sendAndWait/description';
import { legacyResponseProperties } from './sendAndWait/legacyDescription';
import { readQuestion } from './sendAndWait/settings';
import { startWaiting } from './sendAndWait/setup';

/**
 * Send and Wait for Response: the question goes out over Linq, the execution waits, and the node's
 * webhook (sendAndWait/webhook.ts) resumes it with the person's answer. The design, and why:
 * docs/send-and-wait.md.
 */

/** Who is asked, and what: the same in every node version. */
const questionProperties: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		options: [
			{ name: 'Chat', value: 'chat', description: 'An existing chat' },
			{
				name: 'Phone Numbers or Emails',
				value: 'handles',
				description: 'Linq picks the line and the chat',
			},
		],
		default: 'chat',
	},
	{
		...chatLocator({ description: 'The chat to ask in' }),
		displayOptions: { show: { sendTo: ['chat'] } },
	},
	{ ...toField, displayOptions: { show: { sendTo: ['handles'] } } },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description:
			'What to ask. The node adds how to answer: for an approval (see Approval Options), and the numbered choices for Multiple Choice.',
	},
];

export default defineOperation({
	resource: 'message',
	operation: SEND_AND_WAIT_OPERATION,
	name: 'Send and Wait for Response',
	action: 'Send a message and wait for a response',
	description:
		'Send a message over iMessage, RCS or SMS and pause the workflow until the person answers: a yes or no (a reply word or a tapback), free text, or one of several choices. Used as a human review step for AI agents.',
	endpoints: [
		'createWebhookSubscription',
		'updateWebhookSubscription',
		'deleteWebhookSubscription',
		'listWebhookSubscriptions',
		'sendMessage',
		'sendToHandles',
		'getMessage',
		'getChat',
	],
	properties: [...questionProperties, ...currentResponseProperties, ...legacyResponseProperties],
	waitsForResponse: true,
	prepare(itemIndex, run) {
		return readQuestion(this, itemIndex, run);
	},
	async execute(question, client, itemIndex) {
		await startWaiting(this, client, question, itemIndex);
		return new WaitForResponse(question.waitTill);
	},
	identifyItem: ({ chatId, to }) => (chatId ? { chat_id: chatId } : { to }),
});
