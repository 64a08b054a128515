import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AnyOperation } from '../actions/operation';

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

/**
 * Each operation's Tool Description, on the tool variant only (`@tool`): what the model is told the
 * tool does. n8n's automatic description is only `${action} in Linq` ("Send a message in Linq",
 * n8n-workflow node-helpers.ts makeDescription); a node that declares `toolDescription` itself gets
 * it used as written instead (getToolDescriptionForNode), and n8n then adds no field of its own
 * (ai-tools.ts). Send and Wait has none: as Human Review it describes the tool it gates.
 */
export function toolDescriptionProperties(operations: AnyOperation[]): INodeProperties[] {
	return operations
		.filter((op) => !op.waitsForResponse)
		.map((op) => {
			const told = op.toolDescription ?? op.description;
			return {
				displayName: 'Tool Description',
				name: 'toolDescription',
				type: 'string',
				typeOptions: { rows: 4 },
				required: true,
				default: told,
				description:
					'What the AI agent is told this tool does and answers. Prefilled for this operation; edit it to add what the agent should know.',
				displayOptions: {
					show: { '@tool': [true], resource: [op.resource], operation: [op.operation] },
				},
			};
		});
}
