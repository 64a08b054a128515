import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { sendMessage } from '../../../../shared/resources/messages';
import { LinqClient } from '../../../../shared/transport';
import { judge, mayAnswer, readReply, readTapback, type Candidate } from './answers';
import { claimWait, findSubscriptionByPath, type Claim } from './cleanup';
import { termsOf, type WaitTerms } from './resumeUrl';
import { readAnswerRules } from './settings';

/** A message back in the chat, as a reply; sent once per key (Linq applies a keyed send once). */
async function replyInChat(
	context: IWebhookFunctions,
	client: LinqClient,
	terms: WaitTerms,
	to: Candidate,
	text: string,
	key: string,
	what: string,
) {
	try {
		await sendMessage(client, terms.chatId as string, {
			parts: [{ type: 'text', value: text }],
			idempotency_key: `${terms.questionId}-${key}`,
			reply_to: { message_id: to.replyTo, part_index: 0 },
		});
	} catch (error) {
		context.logger.warn(`Linq: could not send the ${what} of a Send and Wait`, {
			error: (error as Error).message,
		});
	}
}

/** Claims the answer by deleting the wait's subscription (cleanup.ts): only one delivery wins. */
async function claim(
	client: LinqClient,
	terms: WaitTerms,
	request: { originalUrl?: string; url?: string },
): Promise<Claim> {
	const subscriptionId =
		terms.subscriptionId ??
		(await findSubscriptionByPath(
			client,
			new URL(request.originalUrl ?? request.url ?? '/', 'http://n8n').pathname,
		));
	return subscriptionId ? await claimWait(client, subscriptionId) : 'taken';
}

/**
 * A delivery to a waiting execution's resume URL. It resumes the execution only for a real answer
 * that wins the claim; anything else gets 200 and changes nothing (Linq drops a delivery it got a
 * 2xx for). When Linq cannot say whether the claim went through, it gets 503: Linq delivers again.
 */
export async function receiveAnswer(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const request = this.getRequestObject();
	const answerLinq = (status: number, body: IDataObject): IWebhookResponseData => {
		response.status(status).json(body);
		return { noWebhookResponse: true };
	};
	const ignore = (reason: string) => answerLinq(200, { received: true, ignored: reason });
	if (request.method !== 'POST') {
		response
			.status(200)
			.send('This address receives answers from Linq for a waiting workflow. Nothing to do here.');
		return { noWebhookResponse: true };
	}
	const terms = termsOf(this.getQueryData() as IDataObject);
	if (!terms.chatId || !terms.questionId) return ignore('the question is not sent yet');
	const body = this.getBodyData();
	const eventType = String(body.event_type ?? '');
	const data = (body.data ?? {}) as IDataObject;
	const rules = readAnswerRules(this);

	const client = await LinqClient.create(this);
	let candidate: Candidate | string;
	if (eventType === 'message.received')
		candidate = await readReply(client, terms, data.id, rules.requireThreadReply);
	else if (eventType === 'reaction.added' && terms.responseType === 'approval')
		candidate = await readTapback(client, terms, data);
	else candidate = 'not an answer';
	if (typeof candidate === 'string') return ignore(candidate);

	const output = judge(candidate, terms, rules);
	if (typeof output === 'string') return ignore(output);
	if (!mayAnswer(terms, candidate.from)) {
		if (rules.unauthorizedReplyText) {
			const key = `not-allowed-${candidate.from}`;
			await replyInChat(this, client, terms, candidate, rules.unauthorizedReplyText, key, 'reply');
		}
		return ignore('not an allowed responder');
	}

	let claimed: Claim;
	try {
		claimed = await claim(client, terms, request);
	} catch (error) {
		this.logger.warn('Linq: could not claim the answer of a Send and Wait; Linq will retry', {
			error: (error as Error).message,
		});
		return answerLinq(503, { received: false, error: 'Linq could not confirm the claim' });
	}
	if (claimed === 'taken') return ignore('the wait was answered already');

	if (rules.confirmationMessage) {
		const text = rules.confirmationMessage;
		await replyInChat(this, client, terms, candidate, text, 'confirmation', 'confirmation');
	}
	response.status(200).json({ received: true });
	return { noWebhookResponse: true, workflowData: [[{ json: { data: output } }]] };
}
