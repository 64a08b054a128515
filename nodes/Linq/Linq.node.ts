import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { linqNodeProperties } from './actions/node.description';
import { router } from './actions/router';
import { searchGroupChats } from './methods/listSearch';

export class Linq implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Linq',
		name: 'linq',
		icon: { light: 'file:linq.svg', dark: 'file:linq.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage iMessage, RCS and SMS group chats with the Linq partner API',
		defaults: { name: 'Linq' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'linqAppApi', required: true }],
		properties: linqNodeProperties,
	};

	methods = {
		listSearch: { searchGroupChats },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
