import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commonOptions } from './actions/options';
import { operationProperties, subtitleExpression } from './actions/registry';
import { receiveAnswer, SEND_AND_WAIT_WEBHOOKS } from './actions/message/waits';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as searchMore from './methods/searchMore';

export class Linq implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Linq',
		name: 'linq',
		icon: { light: 'file:linq.svg', dark: 'file:linq.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: subtitleExpression(),
		description:
			'Send and receive iMessage, RCS and SMS, and manage chats, with the Linq partner API',
		defaults: { name: 'Linq' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'linqAppApi', required: true }],
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		properties: [...operationProperties(), commonOptions],
	};

	methods = {
		listSearch: {
			searchChats: listSearch.searchChats,
			searchGroupChats: listSearch.searchGroupChats,
			searchLineNumbers: listSearch.searchLineNumbers,
			searchLineIds: listSearch.searchLineIds,
			searchMessages: listSearch.searchMessages,
			searchSubscriptions: searchMore.searchSubscriptions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveAnswer.call(this);
	}
}
