/**
 * The Linq Trigger's filters in a real n8n against the sandbox: the Phone Lines and Chat IDs lists
 * load from Linq through n8n's own endpoint for the editor, and the From filter lets only the listed
 * senders start an execution; Linq gets 200 for the others, and nothing runs.
 */
import { LINES, SEED_IDS } from '../../sandbox/state';
import { outputOf } from '../../scripts/lib/n8n-rest';
import { eventually, pause, startHarness, workflowOf, type Harness } from './harness';

const TRIGGER = 'n8n-nodes-linqapp.linqTrigger';
const ALLOWED = ['+14155550102', 'Casey@Example.com'];
const NOT_ALLOWED = '+14155550101';

interface Attempt {
	status: number | null;
	answer: string | null;
	envelope: { data?: { id?: string } };
}

describe('Linq Trigger filters in a real n8n', () => {
	let h: Harness;

	beforeAll(async () => {
		h = await startHarness();
	}, 900_000);
	afterAll(async () => h?.stop(), 60_000);

	/** What the editor asks n8n for when the user opens a list filter. */
	const loadOptions = (methodName: string, path: string) =>
		h.api.post('/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: TRIGGER, version: 1.1 },
			methodName,
			path,
			currentNodeParameters: {
				subscriptionMode: 'automatic',
				events: ['message.received'],
				filters: {},
			},
			credentials: { linqAppApi: { id: h.credential.id, name: h.credential.name } },
		}) as Promise<Array<{ name: string; value: string }>>;

	it('the Phone Lines and Chat IDs lists load from the Linq account', async () => {
		const lines = await loadOptions('getPhoneLines', 'filters.phoneNumbers');
		expect(lines.map((line) => line.value).sort()).toEqual([LINES.main, LINES.second].sort());
		const chats = await loadOptions('getChats', 'filters.chatIds');
		expect(chats).toContainEqual(
			expect.objectContaining({
				value: SEED_IDS.imessageGroup,
				name: expect.stringMatching(/^Launch Team \(.*casey@example\.com/),
			}),
		);
	});

	it('From: a message from a handle not listed gets 200 and starts nothing; listed handles run', async () => {
		const workflow = await h.api.importWorkflow(
			workflowOf('From filter', [
				{
					name: 'Linq Trigger',
					type: TRIGGER,
					typeVersion: 1.1,
					webhookId: 'f1f1f1f1-0000-4000-8000-000000000022',
					parameters: {
						events: ['message.received'],
						filters: {
							from: ALLOWED.join(', '),
							chatIds: [SEED_IDS.imessageGroup],
							phoneNumbers: [LINES.main],
						},
					},
				},
			]),
			h.credential,
		);
		await h.api.activate(workflow);
		await h.subscriptionCount(1);
		const [subscription] = [...h.sandbox.state.subscriptions.values()];
		expect(subscription.phone_numbers).toEqual([LINES.main]);
		await h.waitForWebhooks();

		const answered = (messageId: string) =>
			eventually(
				() =>
					(h.sandbox.dispatcher.attempts as Attempt[]).filter(
						(a) => a.envelope.data?.id === messageId && a.status !== null,
					),
				(attempts) => attempts.length > 0,
				20_000,
			);
		const message = (from: string, text: string) =>
			h.sandbox.inbound({ chat_id: SEED_IDS.imessageGroup, from_handle: from, text });

		const dropped = await message(NOT_ALLOWED, 'not from a listed handle');
		const [attempt] = await answered(dropped.id);
		expect(attempt.status).toBe(200);
		expect(attempt.answer).toContain('sender not in filter');
		await pause(1500);
		expect(await h.executions(workflow.id)).toHaveLength(0);

		// The email is listed with other capitals than the chat has it (casey@example.com).
		const fromCasey = await message('casey@example.com', 'from Casey');
		expect((await answered(fromCasey.id))[0].status).toBe(200);
		const fromPhone = await message(ALLOWED[0], 'from a listed number');
		expect((await answered(fromPhone.id))[0].status).toBe(200);

		const executions = await h.finishedExecutions(workflow.id, 2);
		await pause(1000);
		expect(await h.executions(workflow.id)).toHaveLength(2);
		const senders = [];
		for (const execution of executions) {
			expect(execution.status).toBe('success');
			senders.push(outputOf(await h.api.runData(execution.id), 'Linq Trigger')[0].sender);
		}
		expect(senders.sort()).toEqual(['+14155550102', 'casey@example.com']);

		await h.api.deactivate(workflow);
		await h.subscriptionCount(0);
	});
});
