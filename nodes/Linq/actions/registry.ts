import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { attachmentOperations } from './attachment';
import { capabilityOperations } from './capability';
import { chatOperations } from './chat';
import { contactCardOperations } from './contactCard';
import { messageOperations } from './message';
import { RESOURCES, type AnyOperation, type ResourceValue } from './operation';
import { phoneNumberOperations } from './phoneNumber';
import { toolDescriptionProperties } from '../descriptions/toolDescription';
import { webhookSubscriptionOperations } from './webhookSubscription';

/** Every operation of the Linq node. Adding one is a new `<operation>.operation.ts` plus its line in the resource's list. */
export const OPERATIONS: AnyOperation[] = [
	...chatOperations,
	...messageOperations,
	...attachmentOperations,
	...phoneNumberOperations,
	...capabilityOperations,
	...contactCardOperations,
	...webhookSubscriptionOperations,
] as AnyOperation[];

/**
 * Defaults never change once released: n8n leaves parameters that equal their default out of saved
 * workflows, so a changed default would silently change what existing workflows do.
 */
const DEFAULT_RESOURCE: ResourceValue = 'chat';
const DEFAULT_OPERATION: Record<ResourceValue, string> = {
	attachment: 'upload',
	capability: 'checkImessage',
	chat: 'addParticipant',
	contactCard: 'get',
	message: 'send',
	phoneNumber: 'getMany',
	webhookSubscription: 'getMany',
};

const byKey = new Map(OPERATIONS.map((op) => [`${op.resource}:${op.operation}`, op]));

export function findOperation(resource: string, operation: string): AnyOperation | undefined {
	return byKey.get(`${resource}:${operation}`);
}

/** Resources that have at least one operation, in n8n's alphabetical order. */
export function activeResources() {
	return RESOURCES.filter((resource) => OPERATIONS.some((op) => op.resource === resource.value));
}

function operationsOf(resource: ResourceValue) {
	return OPERATIONS.filter((op) => op.resource === resource).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}

/** The Resource and Operation selectors and every operation's parameters, derived from the declarations. */
export function operationProperties(): INodeProperties[] {
	const resources = activeResources();
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value }) => ({ name, value })),
			default: DEFAULT_RESOURCE,
		},
	];
	for (const resource of resources) {
		const operations = operationsOf(resource.value);
		const defaultOperation = DEFAULT_OPERATION[resource.value];
		const options: INodePropertyOptions[] = operations.map((op) => ({
			name: op.name,
			value: op.operation,
			action: op.action,
			description: op.description,
		}));
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: defaultOperation,
		});
	}
	properties.push(...toolDescriptionProperties(OPERATIONS));
	for (const op of OPERATIONS) {
		properties.push(
			...updateDisplayOptions(
				{ show: { resource: [op.resource], operation: [op.operation] } },
				op.properties,
			),
		);
	}
	return properties;
}

/** An operation's value in words, as most display names read ("addParticipant" → "Add Participant"). */
const inWords = (value: string) =>
	value.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase());

/**
 * The node's subtitle on the canvas: the operation's display name ("Add Participant"), not its
 * value. The expression spells out the value in words, and lists only the names that read
 * otherwise ("Check iMessage").
 */
export function subtitleExpression(): string {
	const otherwise = Object.fromEntries(
		OPERATIONS.filter((op) => inWords(op.operation) !== op.name).map((op) => [
			op.operation,
			op.name,
		]),
	);
	return `={{ ${JSON.stringify(otherwise)}[$parameter.operation] || $parameter.operation.replace(/([A-Z])/g, " $1").replace(/^./, (first) => first.toUpperCase()) }}`;
}
