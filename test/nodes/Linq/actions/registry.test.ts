/**
 * The node's operation list, router and subtitle come from the operation declarations: every option
 * has a handler, every handler an option, and every endpoint an operation names exists.
 */
import type { INodeProperties } from 'n8n-workflow';

import { LINQ_ENDPOINTS } from '../../../../nodes/shared/endpoints';
import { Linq } from '../../../../nodes/Linq/Linq.node';
import { findOperation, OPERATIONS } from '../../../../nodes/Linq/actions/registry';
import { makeNode, makeWorkflow } from '../../../helpers/engine';

const description = new Linq().description;
const operationSelectors = description.properties.filter((p) => p.name === 'operation');
const resourceOf = (selector: INodeProperties) =>
	selector.displayOptions?.show?.resource?.[0] as string;

describe('operation declarations', () => {
	it('every operation option has its declaration, and every declaration an option', () => {
		const options = operationSelectors.flatMap((selector) =>
			(selector.options as Array<{ value: string }>).map(
				(o) => `${resourceOf(selector)}:${o.value}`,
			),
		);
		for (const key of options)
			expect(findOperation(...(key.split(':') as [string, string]))).toBeDefined();
		expect(options.sort()).toEqual(OPERATIONS.map((op) => `${op.resource}:${op.operation}`).sort());
	});

	it('each resource offers its operations once, sorted by name, with action and description', () => {
		for (const selector of operationSelectors) {
			const options = selector.options as Array<{
				name: string;
				value: string;
				action: string;
				description: string;
			}>;
			expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
			expect(options.map((o) => o.name)).toEqual(
				[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
			);
			for (const option of options) {
				expect(option.action).toMatch(/^[A-Z][a-z]/);
				expect(option.description.length).toBeGreaterThan(20);
			}
		}
	});

	it("every endpoint an operation names is one of Linq's", () => {
		for (const op of OPERATIONS) {
			expect(op.endpoints.length).toBeGreaterThan(0);
			for (const name of op.endpoints) expect(Object.keys(LINQ_ENDPOINTS)).toContain(name);
		}
	});

	it('every operation parameter shows only for its own resource and operation', () => {
		for (const op of OPERATIONS) {
			const own = description.properties.filter(
				(p) =>
					p.displayOptions?.show?.operation?.includes(op.operation) &&
					p.displayOptions?.show?.resource?.includes(op.resource) &&
					!p.displayOptions?.show?.['@tool'],
			);
			expect(own.map((p) => p.name)).toEqual(op.properties.map((p) => p.name));
		}
	});

	it("the canvas subtitle shows the operation's display name", () => {
		for (const op of OPERATIONS) {
			const node = makeNode({ parameters: { resource: op.resource, operation: op.operation } });
			const workflow = makeWorkflow(node);
			const subtitle = workflow.expression.getSimpleParameterValue(
				node,
				description.subtitle as string,
				'internal',
				{},
			);
			expect(subtitle).toBe(op.name);
		}
	});
});

describe('defaults saved workflows rely on', () => {
	it('each resource defaults to a pinned operation that exists, and the resource to Chat', () => {
		const resource = description.properties.find((p) => p.name === 'resource');
		expect(resource?.default).toBe('chat');
		const defaults = Object.fromEntries(operationSelectors.map((s) => [resourceOf(s), s.default]));
		expect(defaults).toEqual({
			attachment: 'upload',
			capability: 'checkImessage',
			chat: 'addParticipant',
			contactCard: 'get',
			message: 'send',
			phoneNumber: 'getMany',
			webhookSubscription: 'getMany',
		});
		for (const [resource, operation] of Object.entries(defaults))
			expect(findOperation(resource, String(operation))).toBeDefined();
	});
});

describe('node versions', () => {
	it('version 2 changes only Send and Wait: every other operation has the same parameters and defaults in both', () => {
		const parametersOf = (resource: string, operation: string, typeVersion: number) =>
			makeWorkflow(makeNode({ parameters: { resource, operation }, typeVersion })).getNode('Linq')
				?.parameters;
		const others = OPERATIONS.filter((op) => op.operation !== 'sendAndWait');
		expect(others.length).toBeGreaterThan(30);
		for (const op of others) {
			const v1 = parametersOf(op.resource, op.operation, 1);
			expect([op.operation, v1]).toEqual([
				op.operation,
				parametersOf(op.resource, op.operation, 2),
			]);
			expect([op.operation, v1?.options]).toEqual([op.operation, {}]);
		}
		const v1 = parametersOf('message', 'sendAndWait', 1);
		const v2 = parametersOf('message', 'sendAndWait', 2);
		expect(Object.keys(v1 ?? {})).toContain('responseOptions');
		expect(Object.keys(v2 ?? {})).not.toContain('responseOptions');
	});
});
