import type { INodeProperties } from 'n8n-workflow';

import * as chat from './chat';
import { DEFAULT_PARALLEL_REQUESTS } from './router';
import { DEFAULT_TIMEOUT_MS } from '../transport';

/** Options that apply to every operation. */
const commonOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_PARALLEL_REQUESTS,
			description:
				'How many items are sent to Linq at the same time. Output order always follows input order. Lower it if Linq answers 429 (rate limited); 1 sends one item after the other.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 100 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long to wait for Linq to answer one request, in milliseconds',
		},
	],
};

/** Every parameter of the Linq node, in display order. */
export const linqNodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Chat', value: 'chat' }],
		default: 'chat',
	},
	...chat.description,
	commonOptions,
];
