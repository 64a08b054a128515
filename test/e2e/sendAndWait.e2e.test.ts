/**
 * Send and Wait for Response over Linq in a real n8n against the sandbox: the person answers by a
 * reply word, by a tapback, with free text or with one of several choices; other replies, people
 * not allowed, forged deliveries and the time limit do not resume anything wrong; copies of an
 * answer, and answers arriving together, resume the execution once; a node saved with version 1
 * still runs; no Linq subscription is left behind on any path.
 */
import { SEED_IDS } from '../../sandbox/state';
import { readExample } from '../../scripts/lib/examples';
import { outputOf } from '../../scripts/lib/n8n-rest';
import { chain, eventually, pause, startHarness, workflowOf, type Harness } from './harness';

const PERSON = '+14155550301';
const CHAT = SEED_IDS.dm;
/** The Launch Team group: +14155550101 is asked, +14155550102 is in the chat too. */
const GROUP = SEED_IDS.imessageGroup;
const ASKED = '+14155550101';
const BYSTANDER = '+14155550102';
const SHIPPED = 'Order 42 is on its way.';

interface Subscription {
	id: string;
	target_url: string;
}

describe('Send and Wait for Response in a real n8n', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await startHarness();
	}, 900_000);
	afterAll(async () => h?.stop(), 60_000);

	/**
	 * A published workflow: Webhook (POST /webhook/<path>) → Linq Send and Wait → Result, or with
	 * `ship` → a Linq Send (what must run once) → Result.
	 */
	async function askWorkflow(
		path: string,
		waitParameters: Record<string, unknown>,
		{ typeVersion = 2, ship = false }: { typeVersion?: number; ship?: boolean } = {},
	) {
		const shipNode = {
			name: 'Ship',
			type: 'n8n-nodes-linqapp.linq',
			parameters: {
				resource: 'message',
				operation: 'send',
				chatId: { __rl: true, mode: 'id', value: CHAT },
				text: SHIPPED,
			},
		};
		const workflow = await h.api.importWorkflow(
			workflowOf(
				`Ask ${path}`,
				[
					{
						name: 'Request',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: `e0000000-0000-4000-8000-${path.padStart(12, '0').slice(-12)}`,
						parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
					},
					{
						name: 'Ask',
						type: 'n8n-nodes-linqapp.linq',
						typeVersion,
						parameters: {
							resource: 'message',
							operation: 'sendAndWait',
							chatId: { __rl: true, mode: 'id', value: CHAT },
							message: 'Ship order 42?',
							...waitParameters,
						},
					},
					...(ship ? [shipNode] : []),
					{ name: 'Result', type: 'n8n-nodes-base.noOp', parameters: {} },
				],
				ship ? chain('Request', 'Ask', 'Ship', 'Result') : chain('Request', 'Ask', 'Result'),
			),
			h.credential,
		);
		await h.api.activate(workflow);
		return workflow;
	}

	/** Starts an execution and waits until it waits, with its question sent. */
	async function ask(workflow: { id: string }, path: string, payload: object = {}) {
		const before = (await h.executions(workflow.id)).length;
		await eventually(
			async () =>
				(
					await fetch(`${h.n8n.url}/webhook/${path}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(payload),
					})
				).status,
			(status) => status !== 404,
			10_000,
		);
		const executions = await eventually(
			() => h.executions(workflow.id),
			(e) => e.length > before && e[0].status === 'waiting',
		);
		const execution = executions[0];
		const subscription: Subscription = await eventually(
			() =>
				[...h.sandbox.state.subscriptions.values()].find(
					(s: Subscription) =>
						s.target_url.includes(`/webhook-waiting/${execution.id}/`) &&
						s.target_url.includes('linq_msg='),
				),
			(s) => s !== undefined,
		);
		const questionId = new URL(subscription.target_url).searchParams.get('linq_msg') as string;
		return { execution, subscription, questionId };
	}

	const resultOf = async (executionId: string) =>
		outputOf(await h.api.runData(executionId), 'Result');
	const finished = (workflowId: string, executionId: string) =>
		eventually(
			async () => (await h.executions(workflowId)).find((e) => e.id === executionId),
			(e) => e !== undefined && !['waiting', 'running', 'new'].includes(e.status),
		);
	const statusOf = async (workflowId: string, executionId: string) =>
		(await h.executions(workflowId)).find((e) => e.id === executionId)?.status;
	/** Messages sent from your line with this text, in a chat. */
	const sentTexts = (chatId: string, text: string) =>
		h.sandbox.messages
			.all()
			.filter(
				(m: { chat_id: string; is_from_me: boolean; parts: Array<{ value?: string }> }) =>
					m.chat_id === chatId && m.is_from_me && m.parts[0]?.value === text,
			);
	/** Every request the node made to send SHIPPED (a replayed idempotent send counts too). */
	const shipRequests = () =>
		h.sandbox.requests.filter(
			(r: { method: string; body?: { message?: { parts?: Array<{ value?: string }> } } }) =>
				r.method === 'POST' && r.body?.message?.parts?.[0]?.value === SHIPPED,
		).length;

	it('approval by a reply: "Yes" resumes with approved, a confirmation goes back, the subscription is gone', async () => {
		const workflow = await askWorkflow('ask-reply', {
			options: { confirmationMessage: 'Thanks, shipping now.' },
		});
		const { execution, questionId } = await ask(workflow, 'ask-reply');
		const question = h.sandbox.messages.get(questionId);
		expect(question.parts[0].value).toBe(
			'Ship order 42?\n\nReply YES to approve or NO to decline.',
		);

		const reply = await h.sandbox.inbound({ chat_id: CHAT, text: 'Yes' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect(await resultOf(execution.id)).toEqual([
			{
				data: {
					approved: true,
					text: 'Yes',
					reaction: null,
					message: expect.objectContaining({ id: reply.id, text: 'Yes', from: PERSON }),
					answered_by: PERSON,
				},
			},
		]);
		const confirmation = sentTexts(CHAT, 'Thanks, shipping now.');
		expect(confirmation).toHaveLength(1);
		expect(confirmation[0].reply_to).toMatchObject({ message_id: reply.id });
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it.each([
		['a 👍 tapback approves', 'like', true],
		['a 👎 tapback declines', 'dislike', false],
	])('approval by a tapback: %s', async (_label, type, approved) => {
		const workflow = await askWorkflow(`ask-tapback-${type}`, {});
		const { execution, questionId } = await ask(workflow, `ask-tapback-${type}`);
		await h.sandbox.react({ message_id: questionId, from_handle: PERSON, type });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect((await resultOf(execution.id))[0].data).toMatchObject({
			approved,
			text: null,
			reaction: type,
			answered_by: PERSON,
		});
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it('a decline by a reply, after replies that do not count: another word, another chat', async () => {
		const workflow = await askWorkflow('ask-decline', { options: { allowedResponders: PERSON } });
		const { execution } = await ask(workflow, 'ask-decline');
		await h.sandbox.inbound({ chat_id: CHAT, text: 'hmm, which order?' });
		await h.sandbox.inbound({ chat_id: GROUP, text: 'yes' });
		await h.sandbox.settle();
		await pause(1500);
		expect(await statusOf(workflow.id, execution.id)).toBe('waiting');

		await h.sandbox.inbound({ chat_id: CHAT, text: 'No.' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect((await resultOf(execution.id))[0].data).toMatchObject({
			approved: false,
			text: 'No.',
			answered_by: PERSON,
		});
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it('free text: the next reply, whatever it says', async () => {
		const workflow = await askWorkflow('ask-text', {
			message: 'When should we deliver?',
			responseType: 'freeText',
		});
		const { execution, questionId } = await ask(workflow, 'ask-text');
		expect(h.sandbox.messages.get(questionId).parts[0].value).toBe('When should we deliver?');
		await h.sandbox.inbound({ chat_id: CHAT, text: 'After 5pm, side door please' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect(await resultOf(execution.id)).toEqual([
			{
				data: {
					text: 'After 5pm, side door please',
					message: expect.objectContaining({ from: PERSON }),
					answered_by: PERSON,
				},
			},
		]);
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	const slots = {
		responseType: 'multipleChoice',
		message: 'Which delivery slot?',
		choices: { values: [{ option: 'Morning' }, { option: 'Afternoon' }, { option: 'Evening' }] },
	};

	it('multiple choice by number, after a wrong answer and an answer from someone not allowed (who is told so, once)', async () => {
		const workflow = await askWorkflow('ask-choice-number', {
			...slots,
			chatId: { __rl: true, mode: 'id', value: GROUP },
			options: { allowedResponders: ASKED, unauthorizedReplyText: 'Only the account owner picks.' },
		});
		const { execution, questionId } = await ask(workflow, 'ask-choice-number');
		expect(h.sandbox.messages.get(questionId).parts[0].value).toBe(
			'Which delivery slot?\n\n1. Morning\n2. Afternoon\n3. Evening\n\nReply with the number or the text of your choice.',
		);
		// The bystander answers twice (one after the other): told once, in reply to the first.
		const notAllowed = await h.sandbox.inbound({
			chat_id: GROUP,
			from_handle: BYSTANDER,
			text: '1',
		});
		await h.sandbox.settle();
		await h.sandbox.inbound({ chat_id: GROUP, from_handle: BYSTANDER, text: 'Evening' });
		await h.sandbox.inbound({ chat_id: GROUP, from_handle: ASKED, text: '4' });
		await h.sandbox.inbound({ chat_id: GROUP, from_handle: ASKED, text: 'tomorrow' });
		await h.sandbox.settle();
		await pause(1500);
		expect(await statusOf(workflow.id, execution.id)).toBe('waiting');
		const told = sentTexts(GROUP, 'Only the account owner picks.');
		expect(told).toHaveLength(1);
		expect(told[0].reply_to).toMatchObject({ message_id: notAllowed.id });

		const answer = await h.sandbox.inbound({ chat_id: GROUP, from_handle: ASKED, text: '2' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect(await resultOf(execution.id)).toEqual([
			{
				data: {
					choice: 'Afternoon',
					index: 1,
					text: '2',
					message: expect.objectContaining({ id: answer.id, from: ASKED }),
					answered_by: ASKED,
				},
			},
		]);
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it("multiple choice by the choice's text (case and spaces do not matter)", async () => {
		const workflow = await askWorkflow('ask-choice-text', slots);
		const { execution } = await ask(workflow, 'ask-choice-text');
		await h.sandbox.inbound({ chat_id: CHAT, text: '  evening ' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect((await resultOf(execution.id))[0].data).toMatchObject({
			choice: 'Evening',
			index: 2,
			text: '  evening ',
			answered_by: PERSON,
		});
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it('two copies of one answer at the same moment (a Linq retry) resume the execution once', async () => {
		const workflow = await askWorkflow('ask-twice', {}, { ship: true });
		const { execution, subscription } = await ask(workflow, 'ask-twice');
		// Every delivery to this wait goes out twice at once, with the same webhook-id.
		const dispatcher = h.sandbox.dispatcher;
		const deliver = dispatcher.deliver.bind(dispatcher);
		dispatcher.deliver = (
			sub: Subscription,
			envelope: unknown,
			webhookId: string,
			attempt: number,
		) => {
			deliver(sub, envelope, webhookId, attempt);
			if (sub.id === subscription.id && attempt === 1) deliver(sub, envelope, webhookId, attempt);
		};
		try {
			await h.sandbox.inbound({ chat_id: CHAT, text: 'yes' });
			expect((await finished(workflow.id, execution.id))?.status).toBe('success');
			await h.sandbox.settle();
			await pause(2000);
		} finally {
			dispatcher.deliver = deliver;
		}
		const copies = dispatcher.attempts.filter(
			(a: { subscription_id: string; attempt: number }) =>
				a.subscription_id === subscription.id && a.attempt === 1,
		);
		expect(copies).toHaveLength(2);
		expect(shipRequests()).toBe(1);
		expect(await h.executions(workflow.id)).toHaveLength(1);
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it('two different answers arriving together resume the execution once', async () => {
		const before = shipRequests();
		const workflow = await askWorkflow('ask-race', {}, { ship: true });
		const { execution } = await ask(workflow, 'ask-race');
		await Promise.all([
			h.sandbox.inbound({ chat_id: CHAT, text: 'yes' }),
			h.sandbox.inbound({ chat_id: CHAT, text: 'no' }),
		]);
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		await h.sandbox.settle();
		await pause(2000);
		expect(shipRequests() - before).toBe(1);
		expect((await resultOf(execution.id)).length).toBe(1);
		expect(await h.executions(workflow.id)).toHaveLength(1);
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it("forged deliveries resume nothing: without n8n's signature (401), or signed but naming a message Linq does not have or one from another chat", async () => {
		const workflow = await askWorkflow('ask-forged', {});
		const { execution, subscription } = await ask(workflow, 'ask-forged');
		const signedUrl = new URL(subscription.target_url);
		const unsigned = new URL(signedUrl);
		unsigned.searchParams.delete('signature');
		const post = (url: URL, body: object) =>
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const otherChatYes = await h.sandbox.inbound({ chat_id: GROUP, text: 'yes' });

		expect(
			(await post(unsigned, { event_type: 'message.received', data: { id: otherChatYes.id } }))
				.status,
		).toBe(401);
		expect(
			(
				await post(signedUrl, {
					event_type: 'message.received',
					data: {
						id: '99999999-9999-4999-8999-999999999999',
						parts: [{ type: 'text', value: 'yes' }],
					},
				})
			).status,
		).toBe(200);
		expect(
			(
				await post(signedUrl, {
					event_type: 'message.received',
					data: { id: otherChatYes.id, chat: { id: CHAT } },
				})
			).status,
		).toBe(200);
		await pause(1000);
		expect(await statusOf(workflow.id, execution.id)).toBe('waiting');

		await h.sandbox.inbound({ chat_id: CHAT, text: 'yes' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it('the time limit: the workflow goes on without an answer; the next wait removes the expired subscription', async () => {
		const workflow = await askWorkflow('ask-timeout', {
			// n8n's units: 0.05 minutes is 3 seconds.
			options: { limitWaitTime: { values: { resumeAmount: 0.05, resumeUnit: 'minutes' } } },
		});
		const { execution, subscription } = await ask(workflow, 'ask-timeout');
		const done = await eventually(
			async () => (await h.executions(workflow.id)).find((e) => e.id === execution.id),
			(e) => e !== undefined && e.status === 'success',
			90_000,
		);
		expect(done?.status).toBe('success');
		// No answer: the node passed its input item on.
		expect((await resultOf(execution.id))[0].data).toBeUndefined();
		expect(h.sandbox.state.subscriptions.has(subscription.id)).toBe(true);

		const next = await askWorkflow('ask-after-timeout', {});
		const second = await ask(next, 'ask-after-timeout');
		expect(h.sandbox.state.subscriptions.has(subscription.id)).toBe(false);
		await h.sandbox.inbound({ chat_id: CHAT, text: 'yes' });
		expect((await finished(next.id, second.execution.id))?.status).toBe('success');
		expect(await h.subscriptionCount(0)).toBe(0);
	}, 120_000);

	it('a node saved with version 1 runs with the parameter names it was saved with', async () => {
		const workflow = await askWorkflow(
			'ask-version-1',
			{
				approvalOptions: { approveWords: 'sure', declineWords: 'nah' },
				responseOptions: { allowedResponders: PERSON, confirmationMessage: 'Noted (v1).' },
			},
			{ typeVersion: 1 },
		);
		const { execution, questionId } = await ask(workflow, 'ask-version-1');
		expect(h.sandbox.messages.get(questionId).parts[0].value).toBe(
			'Ship order 42?\n\nReply SURE to approve or NAH to decline.',
		);
		await h.sandbox.inbound({ chat_id: CHAT, text: 'Sure!' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect((await resultOf(execution.id))[0].data).toMatchObject({
			approved: true,
			answered_by: PERSON,
		});
		expect(sentTexts(CHAT, 'Noted (v1).')).toHaveLength(1);
		expect(await h.subscriptionCount(0)).toBe(0);
	});

	it('(example) approval before a step: "yes" runs Ship, "no" runs Do Not Ship', async () => {
		const workflow = await h.api.importWorkflow(readExample('approval-before-step'), h.credential);
		await h.api.activate(workflow);
		for (const [answer, branch] of [
			['yes', 'Ship'],
			['no', 'Do Not Ship'],
		] as const) {
			const { execution, questionId } = await ask(workflow, 'linq-approve-order', {
				order_id: '42',
			});
			expect(h.sandbox.messages.get(questionId).parts[0].value).toBe(
				'Order 42 is ready. Ship it now?\n\nReply YES to approve or NO to decline.',
			);
			await h.sandbox.inbound({ chat_id: CHAT, text: answer });
			expect((await finished(workflow.id, execution.id))?.status).toBe('success');
			const runData = await h.api.runData(execution.id);
			expect(Object.keys(runData)).toContain(branch);
			expect(Object.keys(runData)).not.toContain(branch === 'Ship' ? 'Do Not Ship' : 'Ship');
		}
		expect(await h.subscriptionCount(0)).toBe(0);
	});
});
