/**
 * The example examples/ai-agent-chat.json in a real n8n, with the scripted OpenAI stand-in: an AI
 * agent answers iMessage through the Linq Trigger, reads and types, may react with the Linq tool,
 * replies in the thread, and remembers the conversation per chat (Simple Memory keyed on chat_id).
 */
import { SEED_IDS } from '../../sandbox/state';
import { readExample } from '../../scripts/lib/examples';
import { humanText, toolMessages } from './agents';
import { startFakeOpenAi, type ChatRequest } from './fakeOpenAi';
import { startHarness, type Harness } from './harness';

const DM = SEED_IDS.dm;
const STRANGER = '+14155550999';
const ASK = 'Hi! Is order 42 ready?';
const ANSWER = 'Yes, order 42 is packed.';
const FOLLOW_UP = 'When will it arrive?';
const LATER = 'Tomorrow before noon.';
const HELLO = 'Hello, who is this?';

interface Recorded {
	method: string;
	path: string;
	body?: Record<string, unknown>;
	upload?: boolean;
}

/** The scripted model: a tapback and an answer for the question, a plain answer otherwise. */
function script(request: ChatRequest) {
	const asked = humanText(request);
	if (asked === ASK)
		return toolMessages(request).length === 0
			? { tool: 'React', args: { reaction: 'like' } }
			: { text: ANSWER };
	if (asked === FOLLOW_UP) return { text: LATER };
	return { text: 'This is the shop. How can I help?' };
}

/**
 * What the model saw of the conversation: each user and assistant turn's text. Turns that only call
 * a tool, and the tool results, are left out: whether a memory keeps them depends on n8n's agent.
 */
const turns = (request: ChatRequest) =>
	request.messages
		.filter(
			(m) =>
				(m.role === 'user' || m.role === 'assistant') &&
				typeof m.content === 'string' &&
				m.content !== '' &&
				!m.tool_calls?.length,
		)
		.map((m) => `${m.role}: ${String(m.content)}`);

describe('examples/ai-agent-chat.json: an AI agent that answers iMessage and keeps the conversation', () => {
	let h: Harness;
	let openAi: Awaited<ReturnType<typeof startFakeOpenAi>>;
	let workflow: { id: string };
	const requests = () => h.sandbox.requests as Recorded[];
	/** The model's requests for one customer message (the agent may call the model more than once). */
	const modelCallsFor = (text: string) => openAi.requests.filter((r) => humanText(r) === text);

	beforeAll(async () => {
		h = await startHarness();
		openAi = await startFakeOpenAi(script);
		const openAiCredential = await h.api.createCredential(
			'Local model',
			{ apiKey: 'sk-local-test', url: openAi.baseUrl },
			'openAiApi',
		);
		workflow = await h.api.importWorkflow(readExample('ai-agent-chat'), {
			linqAppApi: h.credential,
			openAiApi: openAiCredential,
		});
		await h.api.activate(workflow);
		await h.subscriptionCount(1);
	}, 900_000);
	afterAll(async () => {
		await openAi?.close();
		await h?.stop();
	}, 60_000);

	/** A customer's message arrives; resolves with the calls the workflow made to Linq for it. */
	async function customerSays(input: { chat_id?: string; from_handle?: string; text: string }) {
		const before = requests().length;
		const executionsBefore = (await h.executions(workflow.id)).length;
		const inbound = await h.sandbox.inbound(input);
		const executions = await h.finishedExecutions(workflow.id, executionsBefore + 1, 60_000);
		expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
		const chat = inbound.chat_id as string;
		const calls = requests()
			.slice(before)
			.filter((r) => !r.upload && /^\/v3\/(chats|messages)\//.test(r.path));
		return {
			inbound,
			calls: calls.map((r) =>
				`${r.method} ${r.path}`.replace(chat, ':chat').replace(inbound.id as string, ':inbound'),
			),
			reply: calls.find((r) => r.method === 'POST' && r.path === `/v3/chats/${chat}/messages`)?.body
				?.message as { parts: Array<{ value: string }>; reply_to: unknown } | undefined,
		};
	}

	it('reads, types, likes the message with the Linq tool, and replies in the thread', async () => {
		const { inbound, calls, reply } = await customerSays({ chat_id: DM, text: ASK });
		expect(calls).toEqual([
			'POST /v3/chats/:chat/read',
			'POST /v3/chats/:chat/typing',
			'POST /v3/messages/:inbound/reactions',
			'POST /v3/chats/:chat/messages',
			'DELETE /v3/chats/:chat/typing',
		]);
		expect(reply?.parts[0].value).toBe(ANSWER);
		expect(reply?.reply_to).toEqual({ message_id: inbound.id, part_index: 0 });
		expect(h.sandbox.messages.get(inbound.id).parts[0].reactions).toEqual([
			expect.objectContaining({ type: 'like', is_me: true }),
		]);
		// The tool's answer, as the model got it.
		const [lastCall] = modelCallsFor(ASK).slice(-1);
		expect(toolMessages(lastCall)).toEqual([
			{
				tool: 'React',
				content: JSON.stringify([{ message_id: inbound.id, reaction: 'like', action: 'add' }]),
			},
		]);
	});

	it('the second message in the chat reaches the model with the first exchange', async () => {
		const { reply } = await customerSays({ chat_id: DM, text: FOLLOW_UP });
		expect(reply?.parts[0].value).toBe(LATER);
		const [call] = modelCallsFor(FOLLOW_UP);
		// n8n 1.x's agent writes the tool calls into the remembered answer ("[Used tools: …] Yes, …").
		expect(turns(call)).toEqual([
			`user: ${ASK}`,
			expect.stringMatching(
				/^assistant: (\[Used tools: Tool: React, .*\] )?Yes, order 42 is packed\.$/,
			),
			`user: ${FOLLOW_UP}`,
		]);
	});

	it('a message in another chat starts its own conversation', async () => {
		const { reply } = await customerSays({ from_handle: STRANGER, text: HELLO });
		expect(reply?.parts[0].value).toBe('This is the shop. How can I help?');
		const [call] = modelCallsFor(HELLO);
		expect(turns(call)).toEqual([`user: ${HELLO}`]);
	});
});
