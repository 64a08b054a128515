/**
 * AI agent workflows for the end-to-end suites: which AI Agent versions the running n8n has (read
 * from the node types it serves to its editor), and a scripted-model workflow around them.
 */
import type { ChatRequest } from './fakeOpenAi';

export const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';

export interface AgentVersion {
	version: number;
	/** "AI Agent 3.1 (default)": how the suites name it. */
	label: string;
}

/**
 * The AI Agent a user gets today (the node's default version) and the newest of each older
 * generation (2.x, 1.x tools agent): 3.x runs tools as ordinary node executions, the older ones
 * call them in-process (n8n-core requests-response.ts vs get-input-connection-data.ts).
 */
export async function agentVersions(api: {
	nodeTypes(): Promise<unknown>;
}): Promise<AgentVersion[]> {
	const types = (await api.nodeTypes()) as Array<{
		name: string;
		version: number | number[];
		defaultVersion?: number;
	}>;
	const agents = types.filter((t) => t.name === AGENT_TYPE);
	const versions = agents.flatMap((t) => (Array.isArray(t.version) ? t.version : [t.version]));
	const defaultVersion =
		agents.find((t) => t.defaultVersion)?.defaultVersion ?? Math.max(...versions);
	const newestOf = (major: number) =>
		Math.max(...versions.filter((v) => Math.floor(v) === major && v !== defaultVersion));
	return [
		{ version: defaultVersion, label: `AI Agent ${defaultVersion} (default)` },
		...[2, 1]
			.map(newestOf)
			.filter((v) => Number.isFinite(v))
			.map((version) => ({ version, label: `AI Agent ${version}` })),
	];
}

/** The parameters an AI Agent of this version needs for a defined prompt (1.x: the Tools Agent). */
export function agentParameters(
	version: number,
	text: string,
	extra: Record<string, unknown> = {},
) {
	return {
		...(version < 2 ? { agent: 'toolsAgent' } : {}),
		promptType: 'define',
		text,
		options: {},
		...extra,
	};
}

/** n8n's OpenAI chat model node, pointed (by its credential) at the scripted stand-in. */
export const MODEL_NODE = {
	type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
	typeVersion: 1.2,
	parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
	credentials: { openAiApi: { id: 'openai-credential', name: 'OpenAI account' } },
};

/** The user's message text in a chat request (the human turn), for scripts that route on it. */
export function humanText(request: ChatRequest): string {
	const human = [...request.messages].reverse().find((m) => m.role === 'user');
	const content = human?.content;
	if (typeof content === 'string') return content;
	return JSON.stringify(content ?? '');
}

/** The tool results the model received so far, in order: tool name (from its call) and content. */
export function toolMessages(request: ChatRequest): Array<{ tool: string; content: string }> {
	const names = new Map<string, string>();
	for (const message of request.messages) {
		for (const call of (message.tool_calls ?? []) as Array<{
			id: string;
			function: { name: string };
		}>)
			names.set(call.id, call.function.name);
	}
	return request.messages
		.filter((m) => m.role === 'tool')
		.map((m) => ({
			tool: names.get(m.tool_call_id ?? '') ?? '?',
			content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
		}));
}
