import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventsSubtitleExpression, LINQ_EVENT_OPTIONS } from '../shared/events';
import { answerFromExecution } from './answer';
import { checkFromFilter } from './filters';
import { getChats, getPhoneLines } from './loadOptions';
import { receiveDelivery, testSigningSecret } from './receive';
import { removeSubscription, subscriptionExists, syncSubscription } from './subscription';

const isManual = (context: IHookFunctions) =>
	context.getNodeParameter('subscriptionMode', 'automatic') === 'manual';

export class LinqTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Linq Trigger',
		name: 'linqTrigger',
		icon: { light: 'file:../Linq/linq.svg', dark: 'file:../Linq/linq.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: eventsSubtitleExpression(),
		description:
			'Starts the workflow when Linq sends a webhook event, such as a participant leaving a group chat',
		defaults: { name: 'Linq Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'linqAppApi',
				required: true,
				displayOptions: { show: { subscriptionMode: ['automatic'] } },
			},
			{
				name: 'linqAppWebhookSecretApi',
				required: true,
				testedBy: 'testSigningSecret',
				displayOptions: { show: { subscriptionMode: ['manual'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The trigger answers from inside the execution, once n8n has recorded it (answer.ts).
				responseMode: 'responseNode',
				path: 'webhook',
			},
		],
		properties: [
			// n8n shows this choice in the credential dialog, as "Connect using", not in the node's panel
			// (the credentials depend on it): the names read as ways to connect. Linq's HTTPS rule is a
			// notice of the Linq API credential, shown only for production Linq, where it applies.
			{
				displayName: 'Connect Using',
				name: 'subscriptionMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'API Key (Node Creates the Subscription)',
						value: 'automatic',
						description:
							'A Linq API credential: the node creates the Linq webhook subscription when the workflow is published and deletes it when unpublished',
					},
					{
						name: 'Signing Secret (You Created the Subscription)',
						value: 'manual',
						description:
							'A Linq Webhook Signing Secret API credential: you create the subscription in Linq and keep its signing secret in the credential; the node registers nothing',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'Create the subscription in Linq for this node\'s production webhook URL (under Webhook URLs above) with ?version=2026-02-03 appended, and put the signing secret Linq shows into a "Linq Webhook Signing Secret API" credential',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { subscriptionMode: ['manual'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: LINQ_EVENT_OPTIONS,
				default: ['participant.removed'],
				required: true,
				description: 'The Linq events that start this workflow',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add filter',
				default: {},
				options: [
					{
						displayName: 'Chat IDs',
						name: 'chatIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000, ...',
						description:
							'Only start for events in these chats (comma-separated chat IDs). Events that belong to no chat are then ignored.',
						displayOptions: { show: { '@version': [1] } },
					},
					{
						displayName: 'Chat Names or IDs',
						name: 'chatIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getChats' },
						default: [],
						description:
							'Only start for events in these chats; events that belong to no chat are then ignored. The list shows your 500 most recent chats. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
					},
					{
						displayName: 'From',
						name: 'from',
						type: 'string',
						default: '',
						placeholder: 'e.g. +12223334444, casey@example.com',
						description:
							'Only start for events sent by these people: phone numbers in E.164 or emails, comma-separated. Events that name no sender (such as typing or a failed message) are then ignored.',
					},
					{
						displayName: 'Phone Line Names or IDs',
						name: 'phoneNumbers',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getPhoneLines' },
						default: [],
						description:
							'Only receive events from these Linq lines. Leave empty for all lines. Applies when the node manages the subscription. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
					},
					{
						displayName: 'Phone Lines',
						name: 'phoneNumbers',
						type: 'string',
						default: '',
						placeholder: 'e.g. +12223334444, ...',
						description:
							'Only receive events from these Linq lines (comma-separated, E.164). Leave empty for all lines. Applies when the node manages the subscription.',
						displayOptions: { show: { '@version': [1] } },
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Download Media',
						name: 'downloadMedia',
						type: 'boolean',
						default: false,
						description:
							"Whether to download the images, videos, voice memos and files of message events into binary properties (media_0, media_1…). Linq's media links expire after about an hour, so later nodes may not be able to fetch them.",
					},
					{
						displayName: 'Max Media Size (MB)',
						name: 'maxMediaSizeMb',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 100 },
						default: 25,
						description: 'Larger files are not downloaded (the item says so in media[].error)',
						displayOptions: { show: { downloadMedia: [true] } },
					},
					{
						displayName: 'Binary Property Prefix',
						name: 'binaryPrefix',
						type: 'string',
						default: 'media_',
						description: 'The downloaded files go into binary properties named this plus 0, 1, 2…',
						displayOptions: { show: { downloadMedia: [true] } },
					},
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description: 'Whether to add the delivery\'s HTTP headers to the output as "headers"',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { testSigningSecret },
		loadOptions: { getChats, getPhoneLines },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				checkFromFilter(this);
				if (isManual(this)) return true;
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return true;
				return await syncSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (isManual(this)) return true;
				return await removeSubscription.call(this);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await answerFromExecution.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
