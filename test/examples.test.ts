/** The importable examples stay in step with the nodes: every Linq node in them names a real operation and event. */
import { exampleNames, readExample } from '../scripts/lib/examples';
import { findOperation } from '../nodes/Linq/actions/registry';
import { LINQ_EVENT_TYPES } from '../nodes/shared/events';

interface ExampleNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

describe.each(exampleNames())('examples/%s.json', (name) => {
	const workflow = readExample(name) as {
		name: string;
		nodes: ExampleNode[];
		connections: Record<string, unknown>;
	};

	it('has a name that says what it shows, and connections between its own nodes only', () => {
		expect(workflow.name).toMatch(/^Linq: /);
		const names = new Set(workflow.nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			for (const targets of Object.values(
				outputs as Record<string, Array<Array<{ node: string }>>>,
			)) {
				for (const target of targets.flat()) expect(names.has(target.node)).toBe(true);
			}
		}
	});

	it('uses Linq operations and events that exist, with the Linq credential', () => {
		for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-linqapp.'))) {
			if (node.type === 'n8n-nodes-linqapp.linqTrigger') {
				for (const event of node.parameters.events as string[])
					expect(LINQ_EVENT_TYPES).toContain(event);
			} else {
				const resource = String(
					node.parameters.resource ?? (node.type.endsWith('HitlTool') ? 'message' : 'chat'),
				);
				const operation = String(
					node.parameters.operation ??
						(node.type.endsWith('HitlTool') ? 'sendAndWait' : 'addParticipant'),
				);
				expect([node.name, findOperation(resource, operation)?.name]).toEqual([
					node.name,
					expect.any(String),
				]);
			}
			expect(node.credentials).toHaveProperty('linqAppApi');
		}
	});

	it("shows Send and Wait in the current node version (n8n's parameter names)", () => {
		const waits = workflow.nodes.filter(
			(n) => n.type.endsWith('HitlTool') || n.parameters.operation === 'sendAndWait',
		);
		for (const node of waits)
			expect([node.name, (node as { typeVersion?: number }).typeVersion]).toEqual([node.name, 2]);
	});
});
