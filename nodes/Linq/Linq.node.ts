import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commonOptions } from './actions/options';
import { operationProperties, subtitleExpression } from './actions/registry';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';

export class Linq implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Linq',
		name: 'linq',
		icon: { light: 'file:linq.svg', dark: 'file:linq.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: subtitleExpression(),
		description: 'Send and receive iMessage, RCS and SMS, and manage chats, with the Linq partner API',
		defaults: { name: 'Linq' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'linqAppApi', required: true }],
		properties: [...operationProperties(), commonOptions],
	};

	methods = {
		listSearch: {
			searchChats: listSearch.searchChats,
			searchGroupChats: listSearch.searchGroupChats,
			searchLineNumbers: listSearch.searchLineNumbers,
			searchLineIds: listSearch.searchLineIds,
			searchMessages: listSearch.searchMessages,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
