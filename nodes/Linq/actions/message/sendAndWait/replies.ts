/**
 * How a person's answer is read for Send and Wait: a reply whose text is one of the approve or
 * decline words, or a tapback; for Multiple Choice, a choice's number or its text. Replies are
 * compared case-insensitively, trimmed, with trailing punctuation ignored.
 */
export const DEFAULT_APPROVE_WORDS = 'yes, y, yep, yeah, approve, approved, ok, okay, 👍';
export const DEFAULT_DECLINE_WORDS = 'no, n, nope, decline, declined, reject, deny, 👎';
export const DEFAULT_APPROVE_TAPBACKS = ['love', 'like'];
export const DEFAULT_DECLINE_TAPBACKS = ['dislike'];

export type Verdict = 'approve' | 'decline';

/** "  Yes!! " → "yes"; "OK." → "ok". */
export function normalizeReply(text: string): string {
	return text
		.trim()
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/[.!?,;:]+$/u, '')
		.trim();
}

export function wordList(raw: unknown): string[] {
	return String(raw ?? '')
		.split(',')
		.map((word) => normalizeReply(word))
		.filter(Boolean);
}

export function classifyText(
	text: string,
	approveWords: string[],
	declineWords: string[],
): Verdict | undefined {
	const reply = normalizeReply(text);
	if (!reply) return undefined;
	if (approveWords.includes(reply)) return 'approve';
	if (declineWords.includes(reply)) return 'decline';
	return undefined;
}

export function classifyTapback(
	type: string,
	approveTypes: string[],
	declineTypes: string[],
): Verdict | undefined {
	if (approveTypes.includes(type)) return 'approve';
	if (declineTypes.includes(type)) return 'decline';
	return undefined;
}

/**
 * The line added to an approval request: "Reply YES to approve or NO to decline.", or "Reply YES
 * to approve." when only approvals count.
 */
export function approvalInstructions(approveWords: string[], declineWords: string[]): string {
	const approve = approveWords.find((w) => /^[a-z]{2,}$/.test(w)) ?? approveWords[0] ?? 'yes';
	if (declineWords.length === 0) return `Reply ${approve.toUpperCase()} to approve.`;
	const decline = declineWords.find((w) => /^[a-z]{2,}$/.test(w)) ?? declineWords[0] ?? 'no';
	return `Reply ${approve.toUpperCase()} to approve or ${decline.toUpperCase()} to decline.`;
}

/** The question with its choices numbered from 1, and how to answer. */
export function choiceQuestion(text: string, choices: string[]): string {
	const list = choices.map((choice, i) => `${i + 1}. ${choice}`).join('\n');
	return `${text.trimEnd()}\n\n${list}\n\nReply with the number or the text of your choice.`;
}

/**
 * The index of the choice a reply names: its text first (so a choice that is itself a number is
 * found by that number), then its number in the list (1 for the first).
 */
export function matchChoice(text: string, choices: string[]): number | undefined {
	const reply = normalizeReply(text);
	if (!reply) return undefined;
	const byText = choices.findIndex((choice) => normalizeReply(choice) === reply);
	if (byText !== -1) return byText;
	if (!/^\d+$/.test(reply)) return undefined;
	const number = Number(reply);
	return number >= 1 && number <= choices.length ? number - 1 : undefined;
}
