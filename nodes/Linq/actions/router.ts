import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachConcurrently } from '../../shared/concurrency';
import { linqDetailsOf } from '../../shared/errors';
import { DEFAULT_TIMEOUT_MS } from '../../shared/requestPolicy';
import { LinqClient } from '../../shared/transport';
import { WaitForResponse, type OperationResult, type RunContext } from './operation';
import { DEFAULT_PARALLEL_REQUESTS } from '../descriptions/options';
import { startingDeliveryId } from '../helpers/idempotency';
import { findOperation } from './registry';
import { runsAsAgentTool } from '../helpers/agentTool';

/** The error item continue-on-fail emits: message, fix, and Linq's code/status/trace id. */
function errorItem(
	error: unknown,
	itemIndex: number,
	identifiers: IDataObject = {},
): INodeExecutionData {
	const err = error as { message?: string; description?: string | null };
	const linq = linqDetailsOf(error) ?? {};
	return {
		json: {
			...identifiers,
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

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		typeof value === 'object' &&
		value !== null &&
		'json' in value &&
		typeof (value as INodeExecutionData).json === 'object'
	);
}

/** One item's result as output items paired with it. */
function outputItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	if (result instanceof WaitForResponse) return [];
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry, pairedItem: { item: itemIndex } },
	);
}

/** What all items of this execution share: the base of derived idempotency keys, and tool mode. */
function runContextOf(context: IExecuteFunctions): RunContext {
	const runIndex = context.evaluateExpression('{{ $runIndex }}', 0);
	const delivery = startingDeliveryId(context);
	const base = delivery ? `linq-delivery:${delivery}` : context.getExecutionId();
	return {
		runKey: `${base}:${context.getNode().id}:${String(runIndex ?? 0)}`,
		isTool: runsAsAgentTool(context),
	};
}

/**
 * Runs the chosen operation over every input item. All items are validated before the first
 * request, so bad input never leaves a batch half sent. Then up to "Parallel Requests" items run at
 * once (fewer while Linq rate-limits); output order is input order either way.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const declaration = findOperation(resource, operation);
	if (!declaration) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for the resource "${resource}"`,
			{
				description:
					'Pick the operation again in the node; this workflow may come from a newer version of the node.',
			},
		);
	}
	const continueOnFail = this.continueOnFail();
	const parallelRequests = Math.max(
		1,
		Math.floor(
			this.getNodeParameter('options.parallelRequests', 0, DEFAULT_PARALLEL_REQUESTS) as number,
		),
	);
	const run = runContextOf(this);

	const results: INodeExecutionData[][] = new Array(items.length);
	const prepared: unknown[] = new Array(items.length);
	const ready: boolean[] = new Array(items.length).fill(false);
	let firstFailure: { index: number; error: unknown } | undefined;
	const recordFailure = (index: number, error: unknown) => {
		if (!firstFailure || index < firstFailure.index) firstFailure = { index, error };
	};

	for (let i = 0; i < items.length; i++) {
		try {
			prepared[i] = await declaration.prepare.call(this, i, run);
			ready[i] = true;
		} catch (error) {
			results[i] = [errorItem(error, i)];
			recordFailure(i, error);
		}
	}
	if (firstFailure && !continueOnFail) throw firstFailure.error;

	if (declaration.waitsForResponse) {
		// One message per execution, as n8n's own Send and Wait: the first item's. The output, once the
		// person answers, is what the node's webhook() makes of the answer.
		if (!ready[0]) return [results.flat()];
		const timeoutMs = this.getNodeParameter('options.timeout', 0, DEFAULT_TIMEOUT_MS) as number;
		let waiting: OperationResult | undefined;
		try {
			const client = await LinqClient.create(this, { timeoutMs });
			waiting = await declaration.execute.call(this, prepared[0], client, 0, run);
		} catch (error) {
			recordFailure(0, error);
		}
		if (firstFailure?.index === 0) {
			// On Error → Continue covers setting up the wait too: nothing waits, the error item goes on.
			if (!continueOnFail) throw firstFailure.error;
			return [[errorItem(firstFailure.error, 0, declaration.identifyItem?.(prepared[0]))]];
		}
		if (waiting instanceof WaitForResponse) await this.putExecutionToWait(waiting.until);
		return [this.getInputData()];
	}

	const pending = ready.flatMap((ok, i) => (ok ? [i] : []));
	if (pending.length > 0) {
		const timeoutMs = this.getNodeParameter('options.timeout', 0, DEFAULT_TIMEOUT_MS) as number;
		const client = await LinqClient.create(this, { timeoutMs, maxConcurrency: parallelRequests });
		await forEachConcurrently(
			pending.length,
			parallelRequests,
			async (n) => {
				const i = pending[n];
				try {
					results[i] = outputItems(
						await declaration.execute.call(this, prepared[i], client, i, run),
						i,
					);
				} catch (error) {
					results[i] = [errorItem(error, i, declaration.identifyItem?.(prepared[i]))];
					recordFailure(i, error);
				}
			},
			() => !continueOnFail && firstFailure !== undefined,
		);
	}
	if (firstFailure && !continueOnFail) throw firstFailure.error;
	return [results.flat()];
}
