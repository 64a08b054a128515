import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { markRecorded } from './dedupeWindow';
import { triggerKey } from './subscription';

/** What Linq gets for a delivery that started an execution. */
const ACCEPTED_BODY = Buffer.from(JSON.stringify({ received: true }));

/**
 * The trigger's step inside the execution a delivery started: it answers Linq, then passes the
 * event on. The webhook answers in n8n's `responseNode` mode, so n8n answers only when this
 * runs: after it has recorded the execution (ActiveExecutions.add, in queue mode also queued it)
 * and started it. Linq's 2xx therefore always means the execution exists, on every n8n line:
 * for `onReceived` webhooks n8n 1.x and 2.0 to 2.7 answer before they record the execution
 * (packages/cli/src/webhooks/webhook-helpers.ts), and a crash in between loses the delivery.
 *
 * The body goes as a Buffer: n8n then writes it at once (setupResponseNodePromise) and saves the
 * static data, with the delivery's id in the dedupe window, right after.
 */
export async function answerFromExecution(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const webhookId = (items[0]?.json as IDataObject | undefined)?.webhook_id;
	if (typeof webhookId === 'string') markRecorded(triggerKey(this), webhookId);
	await this.sendResponse({
		body: ACCEPTED_BODY,
		headers: { 'content-type': 'application/json' },
		statusCode: 200,
	});
	return [items];
}
