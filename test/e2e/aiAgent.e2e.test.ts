/**
 * Linq as an AI agent's tool and as its human-review channel, in a real n8n: an AI Agent whose chat
 * model is n8n's OpenAI node pointed at a scripted stand-in on loopback. The agent sends a message
 * with the Linq tool, then calls a tool gated by Linq's Human Review: the person's "yes" lets it run,
 * a 👎 tapback stops it.
 *
 * n8n 2.x only: n8n 1.x generates no Human Review tool (the `…HitlTool` node type n8n-workflow derives
 * from a node with Send and Wait came with 2.x), so the example cannot be imported there. On 1.x the
 * suite is skipped and says why; the Linq tool itself is checked on 1.x by agentTool.e2e.test.ts.
 */
import { SEED_IDS } from '../../sandbox/state';
import { readExample } from '../../scripts/lib/examples';
import { selectedVersion } from '../../scripts/lib/n8n-install';
import { startFakeOpenAi, toolNamed, toolResults } from './fakeOpenAi';
import { eventually, startHarness, type Harness } from './harness';

const CHAT = SEED_IDS.dm;
const PERSON = '+14155550301';

const HAS_HUMAN_REVIEW = Number(selectedVersion().split('.')[0]) >= 2;
if (!HAS_HUMAN_REVIEW)
	process.stderr.write(
		`aiAgent.e2e: skipped on n8n ${selectedVersion()}: n8n 1.x has no Human Review tool (examples/ai-agent-with-review.json needs n8n 2.x).\n`,
	);

(HAS_HUMAN_REVIEW ? describe : describe.skip)('Linq with an AI agent in a real n8n', () => {
	let h: Harness;
	let openAi: Awaited<ReturnType<typeof startFakeOpenAi>>;
	let openAiCredential: { id: string; name: string };

	beforeAll(async () => {
		h = await startHarness();
		// The model: first send an update with the Linq tool, then ship the order (gated), then finish.
		openAi = await startFakeOpenAi((request) => {
			const done = toolResults(request);
			if (done === 0)
				return { tool: toolNamed(request, /send/i), args: { text: 'Your order 42 is packed.' } };
			if (done === 1) return { tool: toolNamed(request, /ship/i), args: {} };
			return { text: 'All done.' };
		});
		openAiCredential = await h.api.createCredential(
			'Local model',
			{ apiKey: 'sk-local-test', url: openAi.baseUrl },
			'openAiApi',
		);
	}, 900_000);
	afterAll(async () => {
		await openAi?.close();
		await h?.stop();
	}, 60_000);

	/** The example workflow (examples/ai-agent-with-review.json), its model pointed at the stand-in. */
	async function agentWorkflow() {
		const imported = await h.api.importWorkflow(readExample('ai-agent-with-review'), {
			linqAppApi: h.credential,
			openAiApi: openAiCredential,
		});
		await h.api.activate(imported);
		return imported;
	}

	const texts = () =>
		(
			h.sandbox.messages.all() as Array<{
				chat_id: string;
				is_from_me: boolean;
				parts: Array<{ value?: string }>;
			}>
		)
			.filter((m) => m.chat_id === CHAT && m.is_from_me)
			.map((m) => m.parts[0]?.value);

	async function start(workflow: { id: string }) {
		const before = (await h.executions(workflow.id)).length;
		await eventually(
			async () =>
				(
					await fetch(`${h.n8n.url}/webhook/linq-agent`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: '{}',
					})
				).status,
			(status) => status !== 404,
			10_000,
		);
		const [execution] = await eventually(
			() => h.executions(workflow.id),
			(e) => e.length > before && e[0].status === 'waiting',
			60_000,
		);
		const subscription = await eventually(
			() =>
				[...h.sandbox.state.subscriptions.values()].find(
					(s: { target_url: string }) =>
						s.target_url.includes(`/webhook-waiting/${execution.id}/`) &&
						s.target_url.includes('linq_msg='),
				),
			(s) => s !== undefined,
		);
		return {
			execution,
			questionId: new URL(subscription.target_url).searchParams.get('linq_msg') as string,
		};
	}

	const finished = (workflowId: string, executionId: string) =>
		eventually(
			async () => (await h.executions(workflowId)).find((e) => e.id === executionId),
			(e) => e !== undefined && !['waiting', 'running', 'new'].includes(e.status),
			60_000,
		);

	let workflow: { id: string };

	it('(example) the agent sends with the Linq tool, asks for review over iMessage, and the person\'s "yes" lets the gated tool run', async () => {
		workflow = await agentWorkflow();
		const { execution, questionId } = await start(workflow);
		expect(texts()).toContain('Your order 42 is packed.');
		expect(h.sandbox.messages.get(questionId).parts[0].value).toMatch(
			/^The agent wants to call Ship.Order\. Allow\?\n\nReply YES to approve or NO to decline\.$/,
		);
		expect(texts()).not.toContain('Order 42 has shipped.');

		await h.sandbox.inbound({ chat_id: CHAT, text: 'yes' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect(texts()).toContain('Order 42 has shipped.');
		expect(await h.subscriptionCount(0)).toBe(0);
	}, 120_000);

	it('a 👎 tapback on the review request keeps the gated tool from running', async () => {
		const sentBefore = texts().filter((t) => t === 'Order 42 has shipped.').length;
		const { execution, questionId } = await start(workflow);
		await h.sandbox.react({ message_id: questionId, from_handle: PERSON, type: 'dislike' });
		expect((await finished(workflow.id, execution.id))?.status).toBe('success');
		expect(texts().filter((t) => t === 'Order 42 has shipped.')).toHaveLength(sentBefore);
		// The model was told the person declined.
		const last = openAi.requests[openAi.requests.length - 1];
		expect(JSON.stringify(last.messages)).toMatch(/rejected the tool call/i);
		expect(await h.subscriptionCount(0)).toBe(0);
	}, 120_000);
});
