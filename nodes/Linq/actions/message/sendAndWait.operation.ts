import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, WAIT_INDEFINITELY } from 'n8n-workflow';

import { derivedIdempotencyKey } from '../content';
import { chatLocator, toField } from '../fields';
import { defineOperation, WaitForResponse } from '../operation';
import { readChatId, readHandles } from '../parameters';
import { REACTIONS } from './react.operation';
import {
	approvalInstructions,
	DEFAULT_APPROVE_WORDS,
	DEFAULT_DECLINE_WORDS,
	wordList,
} from './replies';
import { startWaiting } from './waits';
import { invalidParameterError } from '../../../shared/validation';

const TAPBACKS = REACTIONS.filter((r) => r.value !== 'custom');

const properties: INodeProperties[] = [
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
			'What to ask. For an approval, the node adds how to answer (see Approval Options).',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'A yes or no: a reply word, or a tapback on the message',
			},
			{ name: 'Free Text', value: 'freeText', description: 'The text of the next reply' },
		],
		default: 'approval',
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Add Instructions',
				name: 'appendInstructions',
				type: 'boolean',
				default: true,
				description: 'Whether to add "Reply YES to approve or NO to decline." to the message',
			},
			{
				displayName: 'Approve Tapbacks',
				name: 'approveTapbacks',
				type: 'multiOptions',
				options: TAPBACKS,
				default: ['love', 'like'],
				description: 'Tapbacks on the message that approve',
			},
			{
				displayName: 'Approve Words',
				name: 'approveWords',
				type: 'string',
				default: DEFAULT_APPROVE_WORDS,
				description:
					'Replies that approve, separated by commas (case and trailing punctuation are ignored)',
			},
			{
				displayName: 'Decline Tapbacks',
				name: 'declineTapbacks',
				type: 'multiOptions',
				options: TAPBACKS,
				default: ['dislike'],
				description: 'Tapbacks on the message that decline',
			},
			{
				displayName: 'Decline Words',
				name: 'declineWords',
				type: 'string',
				default: DEFAULT_DECLINE_WORDS,
				description: 'Replies that decline, separated by commas',
			},
		],
	},
	{
		displayName: 'Response Options',
		name: 'responseOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Allowed Responders',
				name: 'allowedResponders',
				type: 'string',
				default: '',
				placeholder: '+12223334444, casey@example.com',
				description:
					'Only answers from these people count (comma-separated). Empty: anyone in the chat.',
			},
			{
				displayName: 'Confirmation Message',
				name: 'confirmationMessage',
				type: 'string',
				default: '',
				placeholder: 'Thanks, noted!',
				description: 'A message sent back in the chat once an answer counted. Empty: none.',
			},
			{
				displayName: 'Limit Wait Time',
				name: 'limitWaitTime',
				type: 'fixedCollection',
				default: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'hours' },
				},
				description:
					'Stop waiting after a while; the workflow then goes on with the input item and no answer',
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{
								displayName: 'Limit Type',
								name: 'limitType',
								type: 'options',
								default: 'afterTimeInterval',
								options: [
									{ name: 'After Time Interval', value: 'afterTimeInterval' },
									{ name: 'At Specified Time', value: 'atSpecifiedTime' },
								],
							},
							{
								displayName: 'Amount',
								name: 'resumeAmount',
								type: 'number',
								default: 1,
								typeOptions: { minValue: 0, numberPrecision: 2 },
								displayOptions: { show: { limitType: ['afterTimeInterval'] } },
							},
							{
								displayName: 'Unit',
								name: 'resumeUnit',
								type: 'options',
								default: 'hours',
								options: [
									{ name: 'Seconds', value: 'seconds' },
									{ name: 'Minutes', value: 'minutes' },
									{ name: 'Hours', value: 'hours' },
									{ name: 'Days', value: 'days' },
								],
								displayOptions: { show: { limitType: ['afterTimeInterval'] } },
							},
							{
								displayName: 'Max Date and Time',
								name: 'maxDateAndTime',
								type: 'dateTime',
								default: '',
								displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
							},
						],
					},
				],
			},
			{
				displayName: 'Require Thread Reply',
				name: 'requireThreadReply',
				type: 'boolean',
				default: false,
				description:
					"Whether only replies in the message's thread count (swipe to reply); otherwise any next message in the chat",
			},
		],
	},
];

const UNIT_MS: Record<string, number> = {
	seconds: 1000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

function readWaitTill(context: IExecuteFunctions, itemIndex: number): Date {
	const limit = context.getNodeParameter(
		'responseOptions.limitWaitTime.values',
		itemIndex,
		null,
	) as IDataObject | null;
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	if (limit.limitType === 'atSpecifiedTime') {
		const at = new Date(String(limit.maxDateAndTime ?? ''));
		if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
			throw invalidParameterError(
				context.getNode(),
				'Max Date and Time',
				limit.maxDateAndTime,
				itemIndex,
				'Use a date and time in the future.',
			);
		}
		return at;
	}
	const amount = Number(limit.resumeAmount ?? 1);
	const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
	if (!Number.isFinite(amount) || amount <= 0 || !unit) {
		throw invalidParameterError(
			context.getNode(),
			'Amount',
			limit.resumeAmount,
			itemIndex,
			'Wait for a positive amount of time.',
		);
	}
	return new Date(Date.now() + amount * unit);
}

export default defineOperation({
	resource: 'message',
	operation: SEND_AND_WAIT_OPERATION,
	name: 'Send and Wait for Response',
	action: 'Send a message and wait for a response',
	description:
		'Send a message over iMessage, RCS or SMS and pause the workflow until the person answers: a yes or no (a reply word or a tapback), or free text. Used as a human review step for AI agents.',
	endpoints: [
		'createWebhookSubscription',
		'updateWebhookSubscription',
		'sendMessage',
		'sendToHandles',
		'getMessage',
		'getChat',
	],
	properties,
	waitsForResponse: true,
	prepare(itemIndex, run) {
		const node = this.getNode();
		const sendTo =
			this.getNodeParameter('sendTo', itemIndex, 'chat') === 'handles' ? 'handles' : 'chat';
		const responseType =
			this.getNodeParameter('responseType', itemIndex, 'approval') === 'freeText'
				? 'freeText'
				: 'approval';
		let text = String(this.getNodeParameter('message', itemIndex, '') ?? '');
		if (text.trim() === '')
			throw invalidParameterError(node, 'Message', text, itemIndex, 'Enter the question to send.');
		if (responseType === 'approval') {
			const approval = this.getNodeParameter('approvalOptions', itemIndex, {}) as IDataObject;
			const approveWords = wordList(approval.approveWords ?? DEFAULT_APPROVE_WORDS);
			const declineWords = wordList(approval.declineWords ?? DEFAULT_DECLINE_WORDS);
			const overlap = approveWords.find((word) => declineWords.includes(word));
			if (overlap) {
				throw invalidParameterError(
					node,
					'Approve Words',
					approval.approveWords,
					itemIndex,
					`"${overlap}" is both an approve and a decline word.`,
				);
			}
			if (approval.appendInstructions !== false)
				text = `${text.trimEnd()}\n\n${approvalInstructions(approveWords, declineWords)}`;
		}
		const options = this.getNodeParameter('responseOptions', itemIndex, {}) as IDataObject;
		const allowed = String(options.allowedResponders ?? '').trim()
			? readHandles(this, itemIndex, 'responseOptions.allowedResponders', 'Allowed Responders')
			: [];
		return {
			chatId: sendTo === 'chat' ? readChatId(this, itemIndex) : undefined,
			to: sendTo === 'handles' ? readHandles(this, itemIndex, 'to', 'To') : undefined,
			text,
			responseType,
			allowed,
			waitTill: readWaitTill(this, itemIndex),
			idempotencyKey: derivedIdempotencyKey(run, itemIndex, 'sendAndWait'),
		} as const;
	},
	async execute(prepared, client, itemIndex) {
		await startWaiting(this, client, prepared, itemIndex);
		return new WaitForResponse(prepared.waitTill);
	},
	context: ({ chatId, to }) => (chatId ? { chat_id: chatId } : { to }),
});
