import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { timeoutOption } from '../../../descriptions/options';
import { REACTIONS } from '../react.operation';
import { DEFAULT_APPROVE_WORDS, DEFAULT_DECLINE_WORDS } from './replies';

/**
 * Send and Wait's parameters since node version 2, named and shaped as n8n's own Send and Wait
 * nodes (Slack, Telegram, Gmail…) where they behave the same: `approvalOptions.values`,
 * `options.limitWaitTime.values`. Version 1's are in legacyDescription.ts.
 */

/** Shown from node version 2 on (version 1 keeps the parameters it was saved with). */
export const FROM_VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

export const TAPBACKS = REACTIONS.filter((r) => r.value !== 'custom');

/**
 * As limitWaitTimeOption in n8n's packages/nodes-base/utils/sendAndWait/descriptions.ts: the same
 * names, units and default.
 */
export const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to stop waiting after a while; the workflow then goes on with the input item and no answer',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
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
					description: 'Whether to stop waiting after an amount of time or at a date and time',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Waits for an amount of time',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Waits until a date and time',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					default: 1,
					typeOptions: { minValue: 0, numberPrecision: 2 },
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					description: 'How long to wait',
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					description: 'The unit of the amount',
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
					description: 'When to stop waiting',
				},
			],
		},
	],
};

/** How the person answers, and the options: from version 2 on. */
const responseProperties: INodeProperties[] = [
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
			{
				name: 'Multiple Choice',
				value: 'multipleChoice',
				description: "One of the choices: the reply is the choice's number or its text",
			},
		],
		default: 'approval',
	},
	// Shaped as the options of n8n's Form dropdown field (fieldOptions.values[].option in
	// packages/nodes-base/nodes/Form/common.descriptions.ts).
	{
		displayName: 'Choices',
		name: 'choices',
		type: 'fixedCollection',
		placeholder: 'Add Choice',
		typeOptions: { multipleValues: true, sortable: true },
		default: { values: [{ option: '' }] },
		required: true,
		displayOptions: { show: { responseType: ['multipleChoice'] } },
		description: 'What the person can choose from; the question lists them numbered from 1',
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [{ displayName: 'Choice', name: 'option', type: 'string', default: '' }],
			},
		],
	},
	// As approvalOptions in n8n's packages/nodes-base/utils/sendAndWait/utils.ts (Type of Approval
	// included); over iMessage the answer is a word or a tapback instead of a button.
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Add Instructions',
						name: 'appendInstructions',
						type: 'boolean',
						default: true,
						description:
							'Whether to add how to answer ("Reply YES to approve or NO to decline.") to the message',
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
						displayOptions: { show: { approvalType: ['double'] } },
						description: 'Tapbacks on the message that decline',
					},
					{
						displayName: 'Decline Words',
						name: 'declineWords',
						type: 'string',
						default: DEFAULT_DECLINE_WORDS,
						displayOptions: { show: { approvalType: ['double'] } },
						description: 'Replies that decline, separated by commas',
					},
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						// n8n's default is Approve Only (one button); in a chat "no" is the natural other answer.
						default: 'double',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
				],
			},
		],
	},
	// The collection n8n's Send and Wait nodes call `options`, with Limit Wait Time as theirs.
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Allowed Responders',
				name: 'allowedResponders',
				type: 'string',
				default: '',
				placeholder: 'e.g. +12223334444, casey@example.com',
				description:
					'Only answers from these people count (comma-separated). Empty: anyone in the chat.',
			},
			{
				displayName: 'Confirmation Message',
				name: 'confirmationMessage',
				type: 'string',
				default: '',
				placeholder: 'e.g. Thanks, noted!',
				description: 'A message sent back in the chat once an answer counted. Empty: none.',
			},
			limitWaitTimeOption,
			// Telegram's Send and Wait calls its counterpart unauthorizedReplyText.
			{
				displayName: 'Reply to People Who May Not Answer',
				name: 'unauthorizedReplyText',
				type: 'string',
				default: '',
				placeholder: 'e.g. Only Casey can approve this.',
				description:
					'With Allowed Responders set: sent once to anyone else who answers, as a reply to their answer. Empty: none.',
			},
			{
				displayName: 'Require Thread Reply',
				name: 'requireThreadReply',
				type: 'boolean',
				default: false,
				description:
					"Whether only replies in the message's thread count (swipe to reply); otherwise any next message in the chat",
			},
			timeoutOption,
		],
	},
];

/** Version 2's response parameters, shown only from version 2 on. */
export const currentResponseProperties: INodeProperties[] = responseProperties.map((property) => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, ...FROM_VERSION_2 },
	},
}));

/**
 * What n8n shows on a node that waits, as its Send and Wait nodes do (SEND_AND_WAIT_WAITING_TOOLTIP
 * in packages/nodes-base/utils/sendAndWait/utils.ts).
 */
export const SEND_AND_WAIT_WAITING_TOOLTIP = `={{ $parameter["operation"] === "${SEND_AND_WAIT_OPERATION}" ? "Execution will continue after the person answers in the chat" : "" }}`;
