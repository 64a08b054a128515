import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../../shared/requestPolicy';

export const DEFAULT_PARALLEL_REQUESTS = 5;

export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_PARALLEL_REQUESTS,
	description:
		'How many items are sent to Linq at the same time. Output order always follows input order. While Linq answers 429 (rate limited), the node waits as Linq asks and sends fewer at once; 1 sends one item after the other.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 100 },
	default: DEFAULT_TIMEOUT_MS,
	description: 'How long to wait for Linq to answer one request, in milliseconds',
};

/**
 * Options that apply to every operation. Send and Wait has its own Options (as n8n's Send and Wait
 * nodes do), with Timeout among them; version 1 of it kept these (legacyDescription.ts).
 */
export const commonOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { hide: { operation: [SEND_AND_WAIT_OPERATION] } },
	options: [parallelRequestsOption, timeoutOption],
};
