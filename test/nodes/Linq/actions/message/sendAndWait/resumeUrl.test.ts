/** What a wait's signed resume URL carries, and how the sweep reads a subscription's deadline. */
import {
	deadlineOfTarget,
	resumeQuery,
	termsOf,
	waitingBaseOf,
	type WaitTerms,
} from '../../../../../../nodes/Linq/actions/message/sendAndWait/resumeUrl';

const terms: WaitTerms = {
	chatId: '550e8400-e29b-41d4-a716-446655440000',
	questionId: '0c3f1a52-8d2b-4c61-9f40-1b2c3d4e5f60',
	subscriptionId: '9a5b1c2d-3e4f-4a6b-8c7d-0e1f2a3b4c5d',
	askedAt: 1_790_000_000_000,
	deadline: 1_790_000_600_000,
	allowedResponders: ['+14155550101', 'casey@example.com'],
	responseType: 'multipleChoice',
	choices: ['Morning', 'Late, after 5pm', '10'],
};

describe('the resume URL of a wait', () => {
	it('carries the terms through the query and back', () => {
		const url = new URL('https://n8n.example.com/webhook-waiting/exec-1/node-1');
		for (const [key, value] of Object.entries(resumeQuery(terms, '2026-02-03')))
			url.searchParams.set(key, value);
		expect(url.searchParams.get('version')).toBe('2026-02-03');
		expect(termsOf(Object.fromEntries(url.searchParams))).toEqual(terms);
	});

	it('reads a wait without a limit, and waits of an earlier release (no subscription, no choices)', () => {
		const query = resumeQuery({ ...terms, deadline: undefined, subscriptionId: undefined }, 'v');
		expect(query.linq_until).toBe('never');
		const read = termsOf({ ...query, linq_choices: undefined, linq_rt: 'approval' });
		expect(read).toMatchObject({ deadline: undefined, subscriptionId: undefined, choices: [] });
		expect(termsOf({ linq_rt: 'something new' }).responseType).toBe('approval');
		expect(termsOf({ linq_choices: 'not json' }).choices).toEqual([]);
	});

	it("names this n8n's waiting-webhook base, and the deadline only of its own waits", () => {
		const base = waitingBaseOf('https://n8n.example.com/hooks/webhook-waiting/exec-1/node-1?x=1');
		expect(base).toBe('https://n8n.example.com/hooks/webhook-waiting/');
		expect(deadlineOfTarget(`${base}exec-2/node-1?linq_until=123`, base)).toBe(123);
		expect(deadlineOfTarget(`${base}exec-2/node-1?linq_until=never`, base)).toBe('never');
		expect(deadlineOfTarget(`${base}exec-2/node-1?signature=s`, base)).toBeUndefined();
		expect(deadlineOfTarget(`${base}exec-2/node-1?linq_until=`, base)).toBeUndefined();
		expect(deadlineOfTarget('https://other.example.com/x?linq_until=1', base)).toBeUndefined();
	});
});
