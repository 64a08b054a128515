import type { INodeProperties } from 'n8n-workflow';

import type { AnyOperation } from '../actions/operation';

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
