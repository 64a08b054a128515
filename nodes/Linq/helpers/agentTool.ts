import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether n8n runs the node as an AI agent's tool (then its output is kept lean).
 *
 * n8n offers a `usableAsTool` node to agents as a second node type, its name plus "Tool"
 * (`n8n-nodes-linqapp.linqTool`; n8n packages/cli/src/tool-generation/ai-tools.ts, on 1.x
 * load-nodes-and-credentials.ts). That name is the one signal on every n8n line: AI Agent 3.x runs
 * a tool as an ordinary node execution, where `isToolExecution()` is false (n8n-core
 * execution-engine/requests-response.ts); only the older agents' in-process calls set it
 * (supply-data-context.ts); n8n 1.x has no `isToolExecution` at all. n8n's own `@tool` display
 * condition is the same test (n8n-workflow node-helpers.ts: the type name ends with "Tool").
 */
export function runsAsAgentTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool') || context.isToolExecution?.() === true;
}
