/**
 * The Linq node as an AI agent's tool in a real n8n, under the AI Agent a user gets today (3.x: n8n
 * runs tools as ordinary node executions) and the newest 2.x and 1.x agents (tools called
 * in-process), with the scripted OpenAI stand-in: what the model is offered (tool descriptions and
 * parameter schemas, checked against docs/ai-agents.md) and the exact tool results it receives.
 */
import fs from 'node:fs';
import path from 'node:path';

import { SEED_IDS } from '../../sandbox/state';
import { blockOf } from '../../scripts/docs/tables';
import { agentParameters, agentVersions, MODEL_NODE, humanText, toolMessages } from './agents';
import type { AgentVersion } from './agents';
import { startFakeOpenAi, toolNamed, type ChatRequest } from './fakeOpenAi';
import { eventually, startHarness, workflowOf, type Harness } from './harness';

const CHAT = SEED_IDS.dm;
const DOC = path.join(__dirname, '..', '..', 'docs', 'ai-agents.md');
const FIRST = 'Your order 42 is packed.';
const SECOND = 'It ships tomorrow.';
/** The sandbox line the DM is on. */
const LINE = '+12025550101';

/** The tools as docs/ai-agents.md shows them: a user's Linq Tool nodes, `$fromAI` where the model fills in. */
const TOOLS = [
	{
		name: 'Send Message',
		parameters: {
			resource: 'message',
			operation: 'send',
			chatId: { __rl: true, mode: 'list', value: CHAT, cachedResultName: '+14155550301' },
			text: "={{ $fromAI('text', 'The message to send, as plain text', 'string') }}",
		},
	},
	{
		name: 'React',
		parameters: {
			resource: 'message',
			operation: 'react',
			messageId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('message_id', 'The ID of the message to react to', 'string') }}",
			},
			reaction:
				"={{ $fromAI('reaction', 'One of love, like, dislike, laugh, emphasize, question', 'string') }}",
		},
	},
	{
		name: 'Get Thread',
		parameters: {
			resource: 'message',
			operation: 'getThread',
			messageId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('message_id', 'The ID of any message of the thread', 'string') }}",
			},
		},
	},
];

function toolWorkflow(agent: AgentVersion, tag: string) {
	const workflow = workflowOf(`Linq tools under ${agent.label}`, [
		{
			name: 'Request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: `e2e-agent-tool-${tag}`,
			parameters: {
				httpMethod: 'POST',
				path: `linq-agent-tool-${tag}`,
				responseMode: 'onReceived',
			},
		},
		{
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: agent.version,
			parameters: agentParameters(agent.version, `Update the customer about order 42. [${tag}]`),
		},
		{ name: 'Model', ...MODEL_NODE },
		// Version 2: what n8n adds today (the examples' tools are version 1; both behave the same here).
		...TOOLS.map((tool) => ({ ...tool, type: 'n8n-nodes-linqapp.linqTool', typeVersion: 2 })),
	]);
	workflow.connections = {
		Request: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		Model: { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
		...Object.fromEntries(
			TOOLS.map((t) => [t.name, { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] }]),
		),
	};
	return workflow;
}

/** The scripted model: send twice, like its first message, read the thread, finish. */
function script(request: ChatRequest) {
	const results = toolMessages(request);
	const sentId = () =>
		(JSON.parse(results[0].content) as Array<{ message_id: string }>)[0].message_id;
	switch (results.length) {
		case 0:
			return { tool: toolNamed(request, /send/i), args: { text: FIRST } };
		case 1:
			return { tool: toolNamed(request, /send/i), args: { text: SECOND } };
		case 2:
			return {
				tool: toolNamed(request, /react/i),
				args: { message_id: sentId(), reaction: 'like' },
			};
		case 3:
			return { tool: toolNamed(request, /thread/i), args: { message_id: sentId() } };
		default:
			return { text: 'Done.' };
	}
}

/** What the model was offered, as the docs show it: name, description, parameters with their descriptions. */
function offered(request: ChatRequest) {
	const tools = [...(request.tools ?? [])].sort((a, b) =>
		a.function.name.localeCompare(b.function.name),
	);
	return tools.map(({ function: f }) => {
		const schema = f.parameters as {
			properties: Record<string, { type: string; description?: string }>;
			required?: string[];
		};
		return {
			name: f.name,
			description: f.description,
			parameters: Object.fromEntries(
				Object.entries(schema.properties).map(([key, p]) => [
					key,
					{ type: p.type, ...(p.description ? { description: p.description } : {}) },
				]),
			),
			required: schema.required ?? [],
		};
	});
}

describe('the Linq tool under each AI Agent generation, in a real n8n', () => {
	let h: Harness;
	let openAi: Awaited<ReturnType<typeof startFakeOpenAi>>;
	let openAiCredential: { id: string; name: string };
	let agents: AgentVersion[];
	const seen = new Map<string, { first: ChatRequest; last: ChatRequest }>();

	beforeAll(async () => {
		h = await startHarness();
		openAi = await startFakeOpenAi((request) => {
			const tag = /\[(v[\d.]+)\]/.exec(humanText(request))?.[1] ?? '?';
			const entry = seen.get(tag);
			seen.set(tag, { first: entry?.first ?? request, last: request });
			return script(request);
		});
		openAiCredential = await h.api.createCredential(
			'Local model',
			{ apiKey: 'sk-local-test', url: openAi.baseUrl },
			'openAiApi',
		);
		agents = await agentVersions(h.api);
	}, 900_000);
	afterAll(async () => {
		await openAi?.close();
		await h?.stop();
	}, 60_000);

	const outbound = () =>
		(
			h.sandbox.messages.all() as Array<{
				id: string;
				chat_id: string;
				is_from_me: boolean;
				idempotency_key: string | null;
				created_at: string;
				parts: Array<{ value?: string }>;
			}>
		).filter((m) => m.chat_id === CHAT && m.is_from_me);

	async function runAgent(agent: AgentVersion) {
		const tag = `v${agent.version}`;
		const workflow = await h.api.importWorkflow(toolWorkflow(agent, tag), {
			linqAppApi: h.credential,
			openAiApi: openAiCredential,
		});
		await h.api.activate(workflow);
		const before = outbound().length;
		await eventually(
			async () =>
				(await fetch(`${h.n8n.url}/webhook/linq-agent-tool-${tag}`, { method: 'POST' })).status,
			(status) => status !== 404,
			10_000,
		);
		const [execution] = await h.finishedExecutions(workflow.id, 1, 60_000);
		expect(execution.status).toBe('success');
		await h.api.deactivate(workflow);
		return { tag, sent: outbound().slice(before) };
	}

	it('AI Agent versions: the default, and the newest of each older generation', () => {
		expect(agents.length).toBeGreaterThanOrEqual(3);
		process.stderr.write(`Agent versions: ${agents.map((a) => a.label).join(', ')}\n`);
	});

	it.each([
		[0, 'the default AI Agent'],
		[1, 'the newest AI Agent 2.x'],
		[2, 'the newest AI Agent 1.x (Tools Agent)'],
	])('%i, %s: the model gets lean tool results, byte for byte', async (i) => {
		const agent = agents[i];
		const { tag, sent } = await runAgent(agent);
		expect(sent.map((m) => m.parts[0]?.value)).toEqual([FIRST, SECOND]);
		// Two sends in one agent run are two messages: their idempotency keys differ.
		expect(new Set(sent.map((m) => m.idempotency_key)).size).toBe(2);

		const results = toolMessages(seen.get(tag)!.last);
		process.stderr.write(
			`${agent.label}, what the model received:\n${results.map((r) => `  ${r.tool} (${Buffer.byteLength(r.content)} bytes): ${r.content}`).join('\n')}\n`,
		);
		const [first, second] = sent;
		const lean = (id: string) => JSON.stringify([{ sent: true, chat_id: CHAT, message_id: id }]);
		// The thread's delivery status moves on while the agent runs; everything else is exact.
		const status = (
			JSON.parse(results[3]?.content ?? '[{}]') as Array<{ delivery_status?: string }>
		)[0].delivery_status;
		expect(['queued', 'sent', 'delivered']).toContain(status);
		expect(results).toEqual([
			{ tool: 'Send_Message', content: lean(first.id) },
			{ tool: 'Send_Message', content: lean(second.id) },
			{
				tool: 'React',
				content: JSON.stringify([{ message_id: first.id, reaction: 'like', action: 'add' }]),
			},
			{
				tool: 'Get_Thread',
				content: JSON.stringify([
					{
						id: first.id,
						chat_id: CHAT,
						from: LINE,
						is_from_me: true,
						text: FIRST,
						media: [],
						reply_to: null,
						service: 'iMessage',
						delivery_status: status,
						created_at: first.created_at,
					},
				]),
			},
		]);
	});

	it('every agent was offered the tools exactly as docs/ai-agents.md shows them', () => {
		const block = blockOf(fs.readFileSync(DOC, 'utf8'), 'agent-offer') ?? '';
		const documented = JSON.parse(block.replace(/^```json\n|\n```$/g, '') || '[]');
		for (const agent of agents)
			expect([agent.label, offered(seen.get(`v${agent.version}`)!.first)]).toEqual([
				agent.label,
				documented,
			]);
	});
});
