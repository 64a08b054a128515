import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether n8n runs the node as an AI agent's tool (then its output is kept lean). n8n offers a
 * `usableAsTool` node to agents as a second node type named with "Tool" at the end (n8n
 * packages/cli/src/tool-generation/ai-tools.ts), the one signal on every n8n line; `isToolExecution()`
 * is true only for agents that call tools in-process. docs/ai-agents.md ("How the node knows it is a
 * tool") has the analysis, per n8n line.
 */
export function runsAsAgentTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool') || context.isToolExecution?.() === true;
}
