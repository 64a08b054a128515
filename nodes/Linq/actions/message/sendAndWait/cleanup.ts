import type { IExecuteFunctions } from 'n8n-workflow';

import { linqDetailsOf, outcomeUnknown } from '../../../../shared/errors';
import {
	deleteSubscription,
	listSubscriptions,
} from '../../../../shared/resources/webhookSubscriptions';
import type { LinqClient } from '../../../../shared/transport';
import { deadlineOfTarget } from './resumeUrl';

/**
 * Removing a wait's Linq subscription: when an answer counts (which is also how the answer is
 * claimed), and after its deadline. Why this way: docs/send-and-wait.md.
 */

export type Claim = 'claimed' | 'taken';

function statusOf(error: unknown): number | undefined {
	const status = linqDetailsOf(error)?.status;
	return typeof status === 'number' ? status : undefined;
}

type DeleteOutcome = { deleted: true } | { deleted: false; status?: number; error: unknown };

async function tryDelete(
	client: LinqClient,
	subscriptionId: string,
	sendOnce: boolean,
): Promise<DeleteOutcome> {
	try {
		await client.call('deleteWebhookSubscription', { params: { subscriptionId }, sendOnce });
		return { deleted: true };
	} catch (error) {
		return { deleted: false, status: statusOf(error), error };
	}
}

/**
 * Claims a wait's answer by deleting the wait's subscription. Linq lets one caller delete a
 * subscription (the next one gets 404), so of deliveries arriving together (Linq's retry of a
 * delivery, or two different answers) exactly one resumes the execution, on every n8n line: n8n's
 * own check (WaitingWebhooks in packages/cli/src/webhooks/waiting-webhooks.ts answers 409 for an
 * execution that is no longer waiting) exists on 2.x only. Throws when Linq cannot say (the
 * delivery then gets a 5xx and Linq delivers it again).
 */
export async function claimWait(client: LinqClient, subscriptionId: string): Promise<Claim> {
	const first = await tryDelete(client, subscriptionId, true);
	if (first.deleted) return 'claimed';
	if (first.status === 404) return 'taken';
	if (!outcomeUnknown(first)) throw first.error;
	// The delete may have gone through without its answer reaching us. A 404 now says the
	// subscription is gone, not who removed it: it counts as ours, since losing the answer would
	// leave the execution waiting (see docs/send-and-wait.md).
	const again = await tryDelete(client, subscriptionId, false);
	if (again.deleted || again.status === 404) return 'claimed';
	throw again.error;
}

/**
 * The subscription of a wait started by an earlier release, whose resume URL names no
 * subscription: the one delivering to the resume URL's path (execution and node).
 */
export async function findSubscriptionByPath(
	client: LinqClient,
	path: string,
): Promise<string | undefined> {
	for (const subscription of await listSubscriptions(client)) {
		try {
			if (new URL(subscription.target_url).pathname === path) return subscription.id;
		} catch {
			// Not a URL we made.
		}
	}
	return undefined;
}

/**
 * Deletes the subscriptions of this n8n's waits whose deadline has passed. n8n gives a node no hook
 * when a wait times out (it resumes the execution with the node switched off), so every Send and
 * Wait on this n8n cleans up after the waits before it; their deadline is in their signed URL.
 */
export async function sweepExpiredWaits(
	context: IExecuteFunctions,
	client: LinqClient,
	waitingBase: string,
	now = Date.now(),
) {
	for (const subscription of await listSubscriptions(client)) {
		const deadline = deadlineOfTarget(subscription.target_url, waitingBase);
		// Past its deadline no answer counts: n8n resumes the execution without one.
		if (typeof deadline !== 'number' || deadline > now) continue;
		try {
			await deleteSubscription(client, subscription.id);
			context.logger.info(
				'Linq: removed the webhook subscription of a Send and Wait that timed out',
				{ subscriptionId: subscription.id },
			);
		} catch (error) {
			context.logger.warn('Linq: could not remove the subscription of a timed-out Send and Wait', {
				subscriptionId: subscription.id,
				error: (error as Error).message,
			});
		}
	}
}
