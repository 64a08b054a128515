import { createHash } from 'crypto';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RunContext } from '../actions/operation';

/**
 * The webhook-id of the Linq delivery that started this execution, if a Linq Trigger started it
 * in production. n8n may run one delivery twice (a crash after it recorded the execution and before
 * Linq got its answer; two webhook processes behind a round-robin balancer); both executions then
 * derive the same idempotency keys from it, and Linq sends each message once. Runs the user starts
 * (a manual test, a retry of a failed execution) keep keys of their own, so a retry still sends.
 */
export function startingDeliveryId(context: IExecuteFunctions): string | undefined {
	if (context.getMode() !== 'webhook') return undefined;
	const trigger = context
		.getParentNodes(context.getNode().name)
		.find((node) => node.type.endsWith('.linqTrigger'));
	if (!trigger) return undefined;
	try {
		const first = context.getWorkflowDataProxy(0).$(trigger.name).first() as
			| { json?: IDataObject }
			| undefined;
		const id = first?.json?.webhook_id;
		return typeof id === 'string' && id !== '' ? id : undefined;
	} catch {
		// The trigger did not run in this execution (another trigger started it).
		return undefined;
	}
}

/** `n8n-` + a hash of execution, node, run and item: the same on every retry of this item, new for the next execution. */
export function derivedIdempotencyKey(
	run: RunContext,
	itemIndex: number,
	purpose = 'send',
): string {
	return `n8n-${createHash('sha256').update(`${run.runKey}:${itemIndex}:${purpose}`).digest('hex').slice(0, 40)}`;
}
