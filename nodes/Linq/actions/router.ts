import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachConcurrently } from '../helpers/concurrency';
import type { LinqCall } from '../helpers/parameters';
import { linqDetailsOf } from '../transport/errors';
import { DEFAULT_TIMEOUT_MS, LinqClient } from '../transport';
import * as chat from './chat';

/** What every `<operation>.operation.ts` provides. */
export interface LinqOperation {
	description: INodeProperties[];
	/** Reads and validates one item's parameters; throws before anything is sent. */
	prepare(this: IExecuteFunctions, itemIndex: number): LinqCall;
	/** Sends a prepared call and returns the item's output. */
	execute(this: IExecuteFunctions, call: LinqCall, client: LinqClient): Promise<IDataObject>;
}

const resources: Record<string, Record<string, LinqOperation>> = {
	chat: {
		addParticipant: chat.addParticipant,
		removeParticipant: chat.removeParticipant,
		leaveChat: chat.leaveChat,
	},
};

export const DEFAULT_PARALLEL_REQUESTS = 5;

/** The error item continue-on-fail emits: message, fix, and Linq's code/status/trace id. */
function errorItem(error: unknown, itemIndex: number, context: IDataObject = {}): INodeExecutionData {
	const err = error as { message?: string; description?: string | null };
	const linq = linqDetailsOf(error) ?? {};
	return {
		json: {
			...context,
			error: err.message ?? String(error),
			...(err.description ? { description: err.description } : {}),
			...(linq.code !== undefined ? { code: linq.code } : {}),
			...(linq.status !== undefined ? { status: linq.status } : {}),
			...(linq.trace_id !== undefined ? { trace_id: linq.trace_id } : {}),
			...(linq.doc_url !== undefined ? { doc_url: linq.doc_url } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs the chosen operation over every input item. All items are validated before the first
 * request, so bad input never leaves a batch half sent. Then up to "Parallel Requests" calls run at
 * once; output order is input order either way.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for the resource "${resource}"`,
			{ description: 'Pick the operation again in the node; this workflow may come from a newer version of the node.' },
		);
	}
	const continueOnFail = this.continueOnFail();
	const parallelRequests = Math.max(
		1,
		Math.floor(this.getNodeParameter('options.parallelRequests', 0, DEFAULT_PARALLEL_REQUESTS) as number),
	);

	const output: INodeExecutionData[] = new Array(items.length);
	const calls: Array<LinqCall | undefined> = new Array(items.length);
	let firstFailure: { index: number; error: unknown } | undefined;
	const recordFailure = (index: number, error: unknown) => {
		if (!firstFailure || index < firstFailure.index) firstFailure = { index, error };
	};

	for (let i = 0; i < items.length; i++) {
		try {
			calls[i] = handler.prepare.call(this, i);
		} catch (error) {
			output[i] = errorItem(error, i);
			recordFailure(i, error);
		}
	}
	if (firstFailure && !continueOnFail) throw firstFailure.error;

	const pending = calls.flatMap((call, i) => (call ? [i] : []));
	if (pending.length > 0) {
		const timeoutMs = this.getNodeParameter('options.timeout', 0, DEFAULT_TIMEOUT_MS) as number;
		const client = await LinqClient.create(this, { timeoutMs });
		await forEachConcurrently(
			pending.length,
			parallelRequests,
			async (n) => {
				const i = pending[n];
				const call = calls[i] as LinqCall;
				try {
					output[i] = { json: await handler.execute.call(this, call, client), pairedItem: { item: i } };
				} catch (error) {
					output[i] = errorItem(error, i, call.context);
					recordFailure(i, error);
				}
			},
			() => !continueOnFail && firstFailure !== undefined,
		);
	}
	if (firstFailure && !continueOnFail) throw firstFailure.error;
	return [output];
}
