import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { derivedIdempotencyKey } from '../../../helpers/idempotency';
import type { RunContext } from '../../operation';
import { readChatId, readHandles } from '../../../helpers/parameters';
import { invalidParameterError } from '../../../../shared/validation';
import {
	approvalInstructions,
	choiceQuestion,
	DEFAULT_APPROVE_TAPBACKS,
	DEFAULT_APPROVE_WORDS,
	DEFAULT_DECLINE_TAPBACKS,
	DEFAULT_DECLINE_WORDS,
	normalizeReply,
	wordList,
} from './replies';
import type { ResponseType } from './resumeUrl';

/**
 * Send and Wait's parameters, read the same way whichever node version saved them: version 1 keeps
 * its names (legacyDescription.ts), version 2 has n8n's (description.ts).
 */
function pathsOf(typeVersion: number) {
	return typeVersion >= 2
		? { approval: 'approvalOptions.values', options: 'options' }
		: { approval: 'approvalOptions', options: 'responseOptions' };
}

type ApprovalType = 'single' | 'double';

interface Approval {
	approvalType: ApprovalType;
	approveWords: string[];
	declineWords: string[];
	approveTapbacks: string[];
	declineTapbacks: string[];
	appendInstructions: boolean;
}

function approvalOf(raw: IDataObject, typeVersion: number): Approval {
	// Version 1 had no Type of Approval: both answers counted.
	const approvalType: ApprovalType =
		typeVersion >= 2 && raw.approvalType === 'single' ? 'single' : 'double';
	const single = approvalType === 'single';
	return {
		approvalType,
		approveWords: wordList(raw.approveWords ?? DEFAULT_APPROVE_WORDS),
		declineWords: single ? [] : wordList(raw.declineWords ?? DEFAULT_DECLINE_WORDS),
		approveTapbacks: (raw.approveTapbacks as string[] | undefined) ?? DEFAULT_APPROVE_TAPBACKS,
		declineTapbacks: single
			? []
			: ((raw.declineTapbacks as string[] | undefined) ?? DEFAULT_DECLINE_TAPBACKS),
		appendInstructions: raw.appendInstructions !== false,
	};
}

/** The question of one item, checked: what is sent, to whom, and what the resume URL carries. */
export interface Question {
	chatId?: string;
	to?: string[];
	text: string;
	responseType: ResponseType;
	allowed: string[];
	choices: string[];
	waitTill: Date;
	idempotencyKey: string;
}

const UNIT_MS: Record<string, number> = {
	seconds: 1000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

function readWaitTill(context: IExecuteFunctions, itemIndex: number, optionsPath: string): Date {
	const limit = context.getNodeParameter(
		`${optionsPath}.limitWaitTime.values`,
		itemIndex,
		null,
	) as IDataObject | null;
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	const node = context.getNode();
	if (limit.limitType === 'atSpecifiedTime') {
		const at = new Date(String(limit.maxDateAndTime ?? ''));
		if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
			throw invalidParameterError(
				node,
				'Max Date and Time',
				limit.maxDateAndTime,
				itemIndex,
				'Use a date and time in the future.',
			);
		}
		return at;
	}
	const amount = Number(limit.resumeAmount ?? 1);
	const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
	if (!Number.isFinite(amount) || amount <= 0 || !unit) {
		throw invalidParameterError(
			node,
			'Amount',
			limit.resumeAmount,
			itemIndex,
			'Wait for a positive amount of time.',
		);
	}
	return new Date(Date.now() + amount * unit);
}

function readChoices(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = context.getNodeParameter('choices.values', itemIndex, []) as IDataObject[];
	const choices = (Array.isArray(raw) ? raw : []).map((entry) =>
		String(entry?.option ?? '').trim(),
	);
	const fail = (hint: string) =>
		invalidParameterError(context.getNode(), 'Choices', choices.join(', '), itemIndex, hint);
	if (choices.some((choice) => choice === '')) throw fail('Fill in every choice, or remove it.');
	if (choices.length < 2) throw fail('Add at least two choices.');
	const seen = new Set<string>();
	for (const choice of choices) {
		const key = normalizeReply(choice);
		if (seen.has(key)) throw fail(`"${choice}" is in the list twice.`);
		seen.add(key);
	}
	return choices;
}

function readResponseType(context: IExecuteFunctions, itemIndex: number): ResponseType {
	const raw = context.getNodeParameter('responseType', itemIndex, 'approval');
	if (raw === 'freeText') return 'freeText';
	if (raw === 'multipleChoice' && context.getNode().typeVersion >= 2) return 'multipleChoice';
	return 'approval';
}

/** Reads and checks one item's question; throws, naming the parameter and the item, before anything is sent. */
export function readQuestion(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Question {
	const node = context.getNode();
	const paths = pathsOf(node.typeVersion);
	const sendTo =
		context.getNodeParameter('sendTo', itemIndex, 'chat') === 'handles' ? 'handles' : 'chat';
	const responseType = readResponseType(context, itemIndex);
	let text = String(context.getNodeParameter('message', itemIndex, '') ?? '');
	if (text.trim() === '')
		throw invalidParameterError(node, 'Message', text, itemIndex, 'Enter the question to send.');

	let choices: string[] = [];
	if (responseType === 'approval') {
		const raw = context.getNodeParameter(paths.approval, itemIndex, {}) as IDataObject;
		const approval = approvalOf(raw ?? {}, node.typeVersion);
		const overlap = approval.approveWords.find((word) => approval.declineWords.includes(word));
		if (overlap) {
			throw invalidParameterError(
				node,
				'Approve Words',
				raw.approveWords,
				itemIndex,
				`"${overlap}" is both an approve and a decline word.`,
			);
		}
		if (approval.appendInstructions)
			text = `${text.trimEnd()}\n\n${approvalInstructions(approval.approveWords, approval.declineWords)}`;
	} else if (responseType === 'multipleChoice') {
		choices = readChoices(context, itemIndex);
		text = choiceQuestion(text, choices);
	}

	const allowedPath = `${paths.options}.allowedResponders`;
	const allowed = String(context.getNodeParameter(allowedPath, itemIndex, '') ?? '').trim()
		? readHandles(context, itemIndex, allowedPath, 'Allowed Responders')
		: [];
	return {
		chatId: sendTo === 'chat' ? readChatId(context, itemIndex) : undefined,
		to: sendTo === 'handles' ? readHandles(context, itemIndex, 'to', 'To') : undefined,
		text,
		responseType,
		allowed,
		choices,
		waitTill: readWaitTill(context, itemIndex, paths.options),
		idempotencyKey: derivedIdempotencyKey(run, itemIndex, 'sendAndWait'),
	};
}

/** How answers are judged and acknowledged: read when an answer arrives. */
export interface AnswerRules extends Approval {
	requireThreadReply: boolean;
	confirmationMessage: string;
	unauthorizedReplyText: string;
}

/**
 * The rules from the node's parameters, in the resume call. Expressions there cannot use the input
 * item (n8n evaluates them without it); one that fails counts as its default.
 */
export function readAnswerRules(context: IWebhookFunctions): AnswerRules {
	const typeVersion = context.getNode().typeVersion;
	const paths = pathsOf(typeVersion);
	const read = (path: string): IDataObject => {
		try {
			return (context.getNodeParameter(path, {}) as IDataObject | null) ?? {};
		} catch {
			return {};
		}
	};
	const options = read(paths.options);
	const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	return {
		...approvalOf(read(paths.approval), typeVersion),
		requireThreadReply: options.requireThreadReply === true,
		confirmationMessage: trimmed(options.confirmationMessage),
		unauthorizedReplyText: typeVersion >= 2 ? trimmed(options.unauthorizedReplyText) : '',
	};
}
