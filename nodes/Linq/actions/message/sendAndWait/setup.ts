import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, WAIT_INDEFINITELY } from 'n8n-workflow';

import { WEBHOOK_VERSION } from '../../../../shared/events';
import { getChat } from '../../../../shared/resources/chats';
import { sendMessage, sendToHandles } from '../../../../shared/resources/messages';
import {
	createSubscription,
	deleteSubscription,
	updateSubscription,
} from '../../../../shared/resources/webhookSubscriptions';
import type { LinqClient } from '../../../../shared/transport';
import { assertDeliverable } from '../../../../shared/webhookUrl';
import { sweepExpiredWaits } from './cleanup';
import { resumeQuery, waitingBaseOf, type WaitTerms } from './resumeUrl';
import type { Question } from './settings';

/**
 * Setting up a wait (the whole design: docs/send-and-wait.md):
 *
 * 1. Before sending, a Linq webhook subscription is created whose target is this execution's
 *    resume URL, signed by n8n, carrying what an answer must match (resumeUrl.ts). It listens only
 *    for the events an answer can be, on the chat's line when known.
 * 2. The question is sent.
 * 3. The subscription is pointed at the same URL plus the question's and the subscription's IDs:
 *    only now do deliveries count, and an answer can delete the subscription by its ID.
 */
export async function startWaiting(
	context: IExecuteFunctions,
	client: LinqClient,
	question: Question,
	itemIndex: number,
) {
	const terms: WaitTerms = {
		chatId: question.chatId,
		askedAt: Date.now(),
		deadline:
			question.waitTill.getTime() === WAIT_INDEFINITELY.getTime()
				? undefined
				: question.waitTill.getTime(),
		allowedResponders: question.allowed,
		responseType: question.responseType,
		choices: question.choices,
	};
	const firstUrl = context.getSignedResumeUrl(resumeQuery(terms, WEBHOOK_VERSION));
	assertDeliverable(
		context.getNode(),
		client.isProductionLinq,
		firstUrl,
		"this n8n's resume URL (WEBHOOK_URL)",
	);
	// Older n8n checks the resume URL's signature only when asked to; newer n8n checks every resume
	// call of a Send and Wait node itself, and has no such method (packages/cli/src/webhooks/waiting-webhooks.ts).
	const requireSignature = context.setSignatureValidationRequired as (() => void) | undefined;
	requireSignature?.call(context);
	// Only the chat's line needs to deliver to this wait.
	const line = question.chatId
		? (await getChat(client, question.chatId, itemIndex)).handles?.find((handle) => handle.is_me)
				?.handle
		: undefined;
	await sweepExpiredWaits(context, client, waitingBaseOf(firstUrl));

	const events =
		question.responseType === 'approval'
			? ['message.received', 'reaction.added']
			: ['message.received'];
	const subscription = await createSubscription(
		client,
		{ target_url: firstUrl, subscribed_events: events, phone_numbers: line ? [line] : [] },
		itemIndex,
	);
	try {
		const message = {
			parts: [{ type: 'text', value: question.text }],
			idempotency_key: question.idempotencyKey,
		};
		const sent = question.chatId
			? await sendMessage(client, question.chatId, message, itemIndex)
			: await sendToHandles(client, question.to ?? [], message, undefined, itemIndex);
		const chatId = sent.chat_id ?? question.chatId;
		const questionId = sent.message?.id;
		if (!chatId || !questionId) throw new Error('Linq did not say which chat and message it sent');
		const finalTerms = { ...terms, chatId, questionId, subscriptionId: subscription.id };
		await updateSubscription(
			client,
			subscription.id,
			{ target_url: context.getSignedResumeUrl(resumeQuery(finalTerms, WEBHOOK_VERSION)) },
			itemIndex,
		);
	} catch (error) {
		// Nothing will wait for it: leave no subscription behind.
		await deleteSubscription(client, subscription.id).catch(() => undefined);
		throw error instanceof NodeApiError
			? error
			: new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
	}
}
