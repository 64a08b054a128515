/**
 * How a person's answer is read for Send and Wait: a reply whose text is one of the approve or
 * decline words (case-insensitive, trimmed, trailing punctuation ignored), or a tapback.
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

/** The line added to an approval request: "Reply YES to approve or NO to decline." */
export function approvalInstructions(approveWords: string[], declineWords: string[]): string {
	const approve = approveWords.find((w) => /^[a-z]{2,}$/.test(w)) ?? approveWords[0] ?? 'yes';
	const decline = declineWords.find((w) => /^[a-z]{2,}$/.test(w)) ?? declineWords[0] ?? 'no';
	return `Reply ${approve.toUpperCase()} to approve or ${decline.toUpperCase()} to decline.`;
}
