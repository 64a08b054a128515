import type {
	IDataObject,
	IExecuteFunctions,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, WAIT_INDEFINITELY } from 'n8n-workflow';

import { WEBHOOK_VERSION } from '../../../shared/events';
import { getChat } from '../../../shared/resources/chats';
import {
	getMessage,
	sendMessage,
	sendToHandles,
	type Message,
} from '../../../shared/resources/messages';
import {
	createSubscription,
	deleteSubscription,
	listSubscriptions,
	updateSubscription,
} from '../../../shared/resources/webhookSubscriptions';
import { LinqClient } from '../../../shared/transport';
import { isUuid } from '../../../shared/validation';
import { assertDeliverable } from '../../../shared/webhookUrl';
import { simplifyMessage } from '../simplify';
import {
	classifyTapback,
	classifyText,
	DEFAULT_APPROVE_TAPBACKS,
	DEFAULT_APPROVE_WORDS,
	DEFAULT_DECLINE_TAPBACKS,
	DEFAULT_DECLINE_WORDS,
	wordList,
	type Verdict,
} from './replies';

/**
 * Send and Wait over Linq. How a reply reaches the waiting execution:
 *
 * 1. Before sending, the node creates a Linq webhook subscription whose target is this execution's
 *    resume URL, signed by n8n (n8n refuses a call to it without the right signature), carrying in
 *    signed query parameters what the answer must match: the chat, the time the wait began, who may
 *    answer, and when the wait ends. The subscription listens only for `message.received` (and
 *    `reaction.added` for approvals), on the chat's line when known.
 * 2. After sending, it points the subscription at the same URL plus the sent message's ID.
 * 3. Each delivery runs the node's webhook() in the waiting execution. Nothing in the payload is
 *    trusted: the reply (or the tapback) is read back from Linq with the credential, and only a
 *    real answer from an allowed person in that chat, after the question, resumes the execution.
 *    Anything else answers 200 and leaves the execution waiting.
 * 4. On an answer the subscription is deleted; waits that timed out are swept by the next Send and
 *    Wait on this n8n (their expiry is in their URL).
 */

/**
 * The Linq node's webhooks: only a waiting execution's resume URL (n8n's restart webhooks, as its own
 * Send and Wait nodes declare them), which Linq calls with the answer. Nothing is registered when a
 * workflow is activated; the Linq side of a wait is set up and removed by the wait itself.
 */
export const SEND_AND_WAIT_WEBHOOKS: IWebhookDescription[] = ['GET', 'POST'].map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

const PARAM = {
	chat: 'linq_chat',
	message: 'linq_msg',
	since: 'linq_since',
	until: 'linq_until',
	from: 'linq_from',
	type: 'linq_rt',
};
/** Clock skew allowed between n8n and Linq when comparing the answer's time to the question's. */
const CLOCK_SKEW_MS = 60_000;

export interface WaitRequest {
	chatId?: string;
	to?: string[];
	text: string;
	responseType: 'approval' | 'freeText';
	allowed: string[];
	waitTill: Date;
	idempotencyKey: string;
}

/** The waiting-webhook base of this n8n (…/webhook-waiting), from a signed resume URL. */
function waitingBaseOf(resumeUrl: string): string {
	const url = new URL(resumeUrl);
	return `${url.origin}${url.pathname.split('/').slice(0, -2).join('/')}/`;
}

/** Deletes the subscriptions of this n8n's waits that ended (timed out) a while ago. */
async function sweepExpiredWaits(
	context: IExecuteFunctions,
	client: LinqClient,
	waitingBase: string,
) {
	const now = Date.now();
	for (const subscription of await listSubscriptions(client)) {
		if (!subscription.target_url.startsWith(waitingBase)) continue;
		const until = Number(new URL(subscription.target_url).searchParams.get(PARAM.until));
		// Past its deadline no answer counts any more (n8n has resumed, or is about to resume, the execution).
		if (!Number.isFinite(until) || until > now) continue;
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

/** Sends the question and arranges for the answer to resume this execution (see above). */
export async function startWaiting(
	context: IExecuteFunctions,
	client: LinqClient,
	request: WaitRequest,
	itemIndex: number,
) {
	const params: Record<string, string> = {
		version: WEBHOOK_VERSION,
		[PARAM.since]: String(Date.now()),
		[PARAM.until]:
			request.waitTill.getTime() === WAIT_INDEFINITELY.getTime()
				? 'never'
				: String(request.waitTill.getTime()),
		[PARAM.type]: request.responseType,
	};
	if (request.allowed.length > 0) params[PARAM.from] = request.allowed.join(',');
	if (request.chatId) params[PARAM.chat] = request.chatId;
	const firstUrl = context.getSignedResumeUrl(params);
	assertDeliverable(
		context.getNode(),
		client.isProductionLinq,
		firstUrl,
		"this n8n's resume URL (WEBHOOK_URL)",
	);
	// n8n 2.8 checks the resume URL's signature only when asked to; from 2.4x on it checks every resume
	// call of a Send and Wait node itself, and the method is gone.
	const requireSignature = context.setSignatureValidationRequired as (() => void) | undefined;
	requireSignature?.call(context);
	// Only the chat's line needs to deliver to this wait.
	const line = request.chatId
		? (await getChat(client, request.chatId, itemIndex)).handles?.find((handle) => handle.is_me)
				?.handle
		: undefined;
	await sweepExpiredWaits(context, client, waitingBaseOf(firstUrl));

	const events =
		request.responseType === 'approval'
			? ['message.received', 'reaction.added']
			: ['message.received'];
	const subscription = await createSubscription(
		client,
		{ target_url: firstUrl, subscribed_events: events, phone_numbers: line ? [line] : [] },
		itemIndex,
	);
	try {
		const message = {
			parts: [{ type: 'text', value: request.text }],
			idempotency_key: request.idempotencyKey,
		};
		const answer = request.chatId
			? await sendMessage(client, request.chatId, message, itemIndex)
			: await sendToHandles(client, request.to ?? [], message, undefined, itemIndex);
		const chatId = answer.chat_id ?? request.chatId;
		const messageId = answer.message?.id;
		if (!chatId || !messageId) throw new Error('Linq did not say which chat and message it sent');
		await updateSubscription(
			client,
			subscription.id,
			{
				target_url: context.getSignedResumeUrl({
					...params,
					[PARAM.chat]: chatId,
					[PARAM.message]: messageId,
				}),
			},
			itemIndex,
		);
	} catch (error) {
		// Nothing will wait for it: leave no subscription behind.
		await deleteSubscription(client, subscription.id).catch(() => undefined);
		throw new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
	}
}

/** What the resume URL says the answer must match. */
interface WaitTerms {
	chatId?: string;
	messageId?: string;
	since: number;
	allowed: string[];
	responseType: 'approval' | 'freeText';
}

function termsOf(query: IDataObject): WaitTerms {
	const text = (name: string) =>
		typeof query[name] === 'string' ? (query[name] as string) : undefined;
	return {
		chatId: text(PARAM.chat),
		messageId: text(PARAM.message),
		since: Number(text(PARAM.since) ?? 0),
		allowed: (text(PARAM.from) ?? '').split(',').filter(Boolean),
		responseType: text(PARAM.type) === 'freeText' ? 'freeText' : 'approval',
	};
}

/** Approval settings are read when the answer arrives; expressions there cannot use the input item. */
function approvalSettings(context: IWebhookFunctions) {
	let approval: IDataObject = {};
	try {
		approval = context.getNodeParameter('approvalOptions', {}) as IDataObject;
	} catch {
		approval = {};
	}
	let options: IDataObject = {};
	try {
		options = context.getNodeParameter('responseOptions', {}) as IDataObject;
	} catch {
		options = {};
	}
	return {
		approveWords: wordList(approval.approveWords ?? DEFAULT_APPROVE_WORDS),
		declineWords: wordList(approval.declineWords ?? DEFAULT_DECLINE_WORDS),
		approveTapbacks: (approval.approveTapbacks as string[] | undefined) ?? DEFAULT_APPROVE_TAPBACKS,
		declineTapbacks: (approval.declineTapbacks as string[] | undefined) ?? DEFAULT_DECLINE_TAPBACKS,
		requireThreadReply: options.requireThreadReply === true,
		confirmationMessage:
			typeof options.confirmationMessage === 'string' ? options.confirmationMessage.trim() : '',
	};
}

const handleOf = (value: unknown): string | undefined =>
	typeof value === 'string'
		? value
		: typeof (value as IDataObject | undefined)?.handle === 'string'
			? ((value as IDataObject).handle as string)
			: undefined;

function textOf(message: Message): string {
	return (message.parts ?? [])
		.filter((p) => p.type === 'text')
		.map((p) => String(p.value ?? ''))
		.join('\n');
}

interface Answer {
	verdict?: Verdict;
	text: string | null;
	reaction: string | null;
	message: Message;
	answeredBy: string;
}

/** A text reply, read back from Linq: it must be a new message from an allowed person in the chat. */
async function readReply(
	client: LinqClient,
	terms: WaitTerms,
	messageId: unknown,
	requireThread: boolean,
): Promise<Answer | string> {
	if (typeof messageId !== 'string' || !isUuid(messageId)) return 'no message id';
	let reply: Message;
	try {
		reply = await getMessage(client, messageId);
	} catch {
		return 'Linq does not know this message';
	}
	const sender = reply.from_handle?.handle;
	if (reply.chat_id !== terms.chatId) return 'another chat';
	if (reply.is_from_me || !sender) return 'not from the person asked';
	if (terms.allowed.length > 0 && !terms.allowed.includes(sender))
		return 'not an allowed responder';
	if (Date.parse(String(reply.created_at ?? '')) < terms.since - CLOCK_SKEW_MS)
		return 'older than the question';
	if (requireThread && reply.reply_to?.message_id !== terms.messageId)
		return 'not a reply in the thread';
	return { text: textOf(reply), reaction: null, message: reply, answeredBy: sender };
}

/** A tapback, read back from Linq: it must be on the question, by an allowed person. */
async function readTapback(
	client: LinqClient,
	terms: WaitTerms,
	data: IDataObject,
): Promise<Answer | string> {
	if (data.message_id !== terms.messageId || !terms.messageId)
		return 'a reaction to another message';
	const sender = handleOf(data.from_handle) ?? handleOf(data.from);
	const type = String(data.reaction_type ?? '');
	if (!sender || data.is_from_me === true) return 'not from the person asked';
	if (terms.allowed.length > 0 && !terms.allowed.includes(sender))
		return 'not an allowed responder';
	let question: Message;
	try {
		question = await getMessage(client, terms.messageId);
	} catch {
		return 'Linq does not know the question';
	}
	const reactions = (question.parts ?? []).flatMap((part) =>
		Array.isArray(part.reactions) ? (part.reactions as IDataObject[]) : [],
	);
	const real = reactions.some(
		(r) => handleOf(r.handle) === sender && r.type === type && r.is_me !== true,
	);
	if (!real) return 'Linq has no such reaction';
	return { text: null, reaction: type, message: question, answeredBy: sender };
}

/** The Linq subscription that delivers to this resume URL (the path names execution and node). */
async function removeWaitSubscription(
	context: IWebhookFunctions,
	client: LinqClient,
	path: string,
) {
	try {
		for (const subscription of await listSubscriptions(client)) {
			if (new URL(subscription.target_url).pathname === path)
				await deleteSubscription(client, subscription.id);
		}
	} catch (error) {
		context.logger.warn(
			'Linq: could not remove the webhook subscription of an answered Send and Wait',
			{ error: (error as Error).message },
		);
	}
}

/**
 * A delivery to a waiting execution's resume URL. Resumes it only for a real answer (see above);
 * anything else gets 200 and changes nothing.
 */
export async function receiveAnswer(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const request = this.getRequestObject();
	const ignore = (reason: string): IWebhookResponseData => {
		response.status(200).json({ received: true, ignored: reason });
		return { noWebhookResponse: true };
	};
	if (request.method !== 'POST') {
		response
			.status(200)
			.send('This address receives answers from Linq for a waiting workflow. Nothing to do here.');
		return { noWebhookResponse: true };
	}
	const terms = termsOf(this.getQueryData() as IDataObject);
	if (!terms.chatId || !terms.messageId) return ignore('the question is not sent yet');
	const body = this.getBodyData();
	const eventType = String(body.event_type ?? '');
	const data = (body.data ?? {}) as IDataObject;
	const settings = approvalSettings(this);

	const client = await LinqClient.create(this);
	let answer: Answer | string;
	if (eventType === 'message.received')
		answer = await readReply(client, terms, data.id, settings.requireThreadReply);
	else if (eventType === 'reaction.added' && terms.responseType === 'approval')
		answer = await readTapback(client, terms, data);
	else answer = 'not an answer';
	if (typeof answer === 'string') return ignore(answer);

	let output: IDataObject;
	if (terms.responseType === 'approval') {
		const verdict = answer.reaction
			? classifyTapback(answer.reaction, settings.approveTapbacks, settings.declineTapbacks)
			: classifyText(answer.text ?? '', settings.approveWords, settings.declineWords);
		if (!verdict) return ignore('neither an approve nor a decline answer');
		output = {
			approved: verdict === 'approve',
			text: answer.text,
			reaction: answer.reaction,
			message: simplifyMessage(answer.message),
			answered_by: answer.answeredBy,
		};
	} else {
		output = {
			text: answer.text,
			message: simplifyMessage(answer.message),
			answered_by: answer.answeredBy,
		};
	}

	await removeWaitSubscription(
		this,
		client,
		new URL(request.originalUrl ?? request.url, 'http://n8n').pathname,
	);
	if (settings.confirmationMessage) {
		try {
			await sendMessage(client, terms.chatId, {
				parts: [{ type: 'text', value: settings.confirmationMessage }],
				idempotency_key: `${terms.messageId}-confirmation`,
				reply_to: { message_id: answer.message.id, part_index: 0 },
			});
		} catch (error) {
			this.logger.warn('Linq: could not send the confirmation message of a Send and Wait', {
				error: (error as Error).message,
			});
		}
	}
	response.status(200).json({ received: true });
	return { noWebhookResponse: true, workflowData: [[{ json: { data: output } }]] };
}
