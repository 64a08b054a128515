import type { IDataObject } from 'n8n-workflow';

import {
	getMessage,
	handleOf,
	textOfParts,
	type Message,
} from '../../../../shared/resources/messages';
import type { LinqClient } from '../../../../shared/transport';
import { isUuid } from '../../../../shared/validation';
import { simplifyMessage } from '../../../helpers/simplify';
import { classifyTapback, classifyText, matchChoice } from './replies';
import type { WaitTerms } from './resumeUrl';
import type { AnswerRules } from './settings';

/**
 * Checking an answer. Nothing in a delivery is trusted: the reply (or the tapback) is read back
 * from Linq with the credential. A reason (a string) says why a delivery is not an answer.
 */

/** Clock skew allowed between n8n and Linq when comparing the answer's time to the question's. */
const CLOCK_SKEW_MS = 60_000;

/** Something the person did in the chat after the question, as Linq has it. */
export interface Candidate {
	text: string | null;
	reaction: string | null;
	/** The reply, or for a tapback the question it is on. */
	message: Message;
	from: string;
	/** What an answer to `from` replies to: their message, or the question they reacted to. */
	replyTo: string;
}

/** A text reply: a message from someone else in the chat, newer than the question. */
export async function readReply(
	client: LinqClient,
	terms: WaitTerms,
	messageId: unknown,
	requireThread: boolean,
): Promise<Candidate | string> {
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
	if (Date.parse(String(reply.created_at ?? '')) < terms.askedAt - CLOCK_SKEW_MS)
		return 'older than the question';
	if (requireThread && reply.reply_to?.message_id !== terms.questionId)
		return 'not a reply in the thread';
	return {
		text: textOfParts(reply.parts),
		reaction: null,
		message: reply,
		from: sender,
		replyTo: reply.id,
	};
}

/** A tapback on the question, once Linq confirms the person made it. */
export async function readTapback(
	client: LinqClient,
	terms: WaitTerms,
	data: IDataObject,
): Promise<Candidate | string> {
	if (data.message_id !== terms.questionId || !terms.questionId)
		return 'a reaction to another message';
	const sender = handleOf(data.from_handle) ?? handleOf(data.from);
	const type = String(data.reaction_type ?? '');
	if (!sender || data.is_from_me === true) return 'not from the person asked';
	let question: Message;
	try {
		question = await getMessage(client, terms.questionId);
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
	return { text: null, reaction: type, message: question, from: sender, replyTo: question.id };
}

/** What the execution resumes with (`data`), or why this is not an answer of the kind asked for. */
export function judge(
	candidate: Candidate,
	terms: WaitTerms,
	rules: AnswerRules,
): IDataObject | string {
	const message = simplifyMessage(candidate.message);
	const answeredBy = candidate.from;
	if (terms.responseType === 'freeText')
		return { text: candidate.text, message, answered_by: answeredBy };
	if (terms.responseType === 'multipleChoice') {
		const index = matchChoice(candidate.text ?? '', terms.choices);
		if (index === undefined) return 'not one of the choices';
		const choice = terms.choices[index];
		return { choice, index, text: candidate.text, message, answered_by: answeredBy };
	}
	const verdict = candidate.reaction
		? classifyTapback(candidate.reaction, rules.approveTapbacks, rules.declineTapbacks)
		: classifyText(candidate.text ?? '', rules.approveWords, rules.declineWords);
	if (!verdict) return 'neither an approve nor a decline answer';
	return {
		approved: verdict === 'approve',
		text: candidate.text,
		reaction: candidate.reaction,
		message,
		answered_by: answeredBy,
	};
}

/** Whether `from` may answer (Allowed Responders, in the resume URL; empty: anyone). */
export const mayAnswer = (terms: WaitTerms, from: string) =>
	terms.allowedResponders.length === 0 || terms.allowedResponders.includes(from);
