import type { IDataObject, IWebhookDescription } from 'n8n-workflow';

/**
 * What a waiting execution's resume URL carries. n8n signs the URL with its query (and refuses a
 * call whose signature does not match), so these terms cannot be changed by whoever calls it: they
 * say what an answer must match, and which Linq subscription delivers it.
 */

/**
 * The Linq node's webhooks: only a waiting execution's resume URL, which Linq calls with the answer.
 * Declared as n8n's own Send and Wait nodes declare theirs (sendAndWaitWebhooksDescription in
 * packages/nodes-base/utils/sendAndWait/descriptions.ts). Nothing is registered when a workflow is
 * activated; the Linq side of a wait is set up and removed by the wait itself.
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

/**
 * The query parameters, by what they carry. Their values are stored in waiting executions' signed
 * URLs and in Linq subscriptions' target URLs, so they never change (`linq_rt` stays the response
 * type's name): waits started by an earlier release of the node are answered by this one.
 */
export const RESUME_PARAM = {
	chatId: 'linq_chat',
	questionId: 'linq_msg',
	subscriptionId: 'linq_sub',
	askedAt: 'linq_since',
	deadline: 'linq_until',
	allowedResponders: 'linq_from',
	responseType: 'linq_rt',
	choices: 'linq_choices',
} as const;

export type ResponseType = 'approval' | 'freeText' | 'multipleChoice';

/** What an answer must match, as the resume URL says. */
export interface WaitTerms {
	chatId?: string;
	/** The question's message ID: set once the question is sent. */
	questionId?: string;
	/** The Linq subscription delivering to this URL (absent in waits started before 0.2). */
	subscriptionId?: string;
	askedAt: number;
	/** Epoch ms, or undefined for a wait without a limit. */
	deadline?: number;
	allowedResponders: string[];
	responseType: ResponseType;
	choices: string[];
}

/** The query parameters for `terms` (Linq's payload version too: the target URL chooses it). */
export function resumeQuery(terms: WaitTerms, payloadVersion: string): Record<string, string> {
	const query: Record<string, string> = {
		version: payloadVersion,
		[RESUME_PARAM.askedAt]: String(terms.askedAt),
		[RESUME_PARAM.deadline]: terms.deadline === undefined ? 'never' : String(terms.deadline),
		[RESUME_PARAM.responseType]: terms.responseType,
	};
	if (terms.allowedResponders.length > 0)
		query[RESUME_PARAM.allowedResponders] = terms.allowedResponders.join(',');
	if (terms.choices.length > 0) query[RESUME_PARAM.choices] = JSON.stringify(terms.choices);
	if (terms.chatId) query[RESUME_PARAM.chatId] = terms.chatId;
	if (terms.questionId) query[RESUME_PARAM.questionId] = terms.questionId;
	if (terms.subscriptionId) query[RESUME_PARAM.subscriptionId] = terms.subscriptionId;
	return query;
}

function choicesOf(raw: string | undefined): string[] {
	if (!raw) return [];
	try {
		const parsed: unknown = JSON.parse(raw);
		return Array.isArray(parsed) ? parsed.map(String) : [];
	} catch {
		return [];
	}
}

const RESPONSE_TYPES: ResponseType[] = ['approval', 'freeText', 'multipleChoice'];

/** The terms of a call to the resume URL (its query, already checked against n8n's signature). */
export function termsOf(query: IDataObject): WaitTerms {
	const text = (name: string) =>
		typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined;
	const type = text(RESUME_PARAM.responseType) as ResponseType | undefined;
	const deadline = Number(text(RESUME_PARAM.deadline));
	return {
		chatId: text(RESUME_PARAM.chatId),
		questionId: text(RESUME_PARAM.questionId),
		subscriptionId: text(RESUME_PARAM.subscriptionId),
		askedAt: Number(text(RESUME_PARAM.askedAt) ?? 0),
		deadline: Number.isFinite(deadline) ? deadline : undefined,
		allowedResponders: (text(RESUME_PARAM.allowedResponders) ?? '').split(',').filter(Boolean),
		responseType: type && RESPONSE_TYPES.includes(type) ? type : 'approval',
		choices: choicesOf(text(RESUME_PARAM.choices)),
	};
}

/** The waiting-webhook base of this n8n (…/webhook-waiting/), from a resume URL. */
export function waitingBaseOf(resumeUrl: string): string {
	const url = new URL(resumeUrl);
	return `${url.origin}${url.pathname.split('/').slice(0, -2).join('/')}/`;
}

/**
 * The deadline a Linq subscription's target URL names, if it is a Send and Wait resume URL under
 * `waitingBase`: a number (epoch ms), 'never', or undefined for any other URL.
 */
export function deadlineOfTarget(
	targetUrl: string,
	waitingBase: string,
): number | 'never' | undefined {
	if (!targetUrl.startsWith(waitingBase)) return undefined;
	let raw: string | null;
	try {
		raw = new URL(targetUrl).searchParams.get(RESUME_PARAM.deadline);
	} catch {
		return undefined;
	}
	if (raw === 'never') return 'never';
	const deadline = Number(raw);
	return raw !== null && raw !== '' && Number.isFinite(deadline) ? deadline : undefined;
}
