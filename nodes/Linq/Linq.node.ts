import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commonOptions } from './descriptions/options';
import { operationProperties, subtitleExpression } from './actions/registry';
import { SEND_AND_WAIT_WAITING_TOOLTIP } from './actions/message/sendAndWait/description';
import { SEND_AND_WAIT_WEBHOOKS } from './actions/message/sendAndWait/resumeUrl';
import { receiveAnswer } from './actions/message/sendAndWait/webhook';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';

export class Linq implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Linq',
		name: 'linq',
		icon: { light: 'file:linq.svg', dark: 'file:linq.dark.svg' },
		group: ['output'],
		// Version 2: Send and Wait's parameters in n8n's shape (version 1 keeps its own, see
		// actions/message/sendAndWait/legacyDescription.ts). Every other operation is the same in both.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: subtitleExpression(),
		description:
			'Send and receive iMessage, RCS and SMS, and manage chats, with the Linq partner API',
		defaults: { name: 'Linq' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'linqAppApi', required: true }],
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_WAITING_TOOLTIP,
		properties: [...operationProperties(), commonOptions],
	};

	methods = {
		listSearch: {
			searchChats: listSearch.searchChats,
			searchGroupChats: listSearch.searchGroupChats,
			searchLineNumbers: listSearch.searchLineNumbers,
			searchLineIds: listSearch.searchLineIds,
			searchMessages: listSearch.searchMessages,
			searchSubscriptions: listSearch.searchSubscriptions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveAnswer.call(this);
	}
}
