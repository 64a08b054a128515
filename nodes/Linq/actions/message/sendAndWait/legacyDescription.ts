import type { INodeProperties } from 'n8n-workflow';

import { parallelRequestsOption, timeoutOption } from '../../../descriptions/options';
import { TAPBACKS } from './description';
import { DEFAULT_APPROVE_WORDS, DEFAULT_DECLINE_WORDS } from './replies';

/**
 * Send and Wait's parameters in node version 1, as released: n8n stores parameters by name, so
 * workflows saved with version 1 keep running, and editing, with exactly these. New nodes get
 * version 2 (description.ts). Never change a name or a default here.
 */
const V1_ONLY = { '@version': [1] };

const properties: INodeProperties[] = [
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
	// Version 1 showed the node's common options here too.
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [parallelRequestsOption, timeoutOption],
	},
];

export const legacyResponseProperties: INodeProperties[] = properties.map((property) => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, ...V1_ONLY },
	},
}));
