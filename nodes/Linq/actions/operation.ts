import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { EndpointName } from '../../shared/endpoints';
import type { LinqClient } from '../../shared/transport';

export const RESOURCES = [
	{ name: 'Attachment', value: 'attachment' },
	{ name: 'Capability', value: 'capability' },
	{ name: 'Chat', value: 'chat' },
	{ name: 'Contact Card', value: 'contactCard' },
	{ name: 'Message', value: 'message' },
	{ name: 'Phone Number', value: 'phoneNumber' },
	{ name: 'Webhook Subscription', value: 'webhookSubscription' },
] as const;

export type ResourceValue = (typeof RESOURCES)[number]['value'];

/** What one execution of the node shares among its items. */
export interface RunContext {
	/**
	 * Unique per execution (or per Linq delivery that started it), node and run: the base of derived
	 * idempotency keys.
	 */
	runKey: string;
	/** Whether n8n runs the node as an AI agent's tool (then the output is kept lean; see helpers/agentTool.ts). */
	isTool: boolean;
}

/** Returned by an operation that puts the execution to wait until a person answers (Send and Wait). */
export class WaitForResponse {
	constructor(readonly until: Date) {}
}

/** What an operation returns for one input item: one or more output items (JSON, or with binary). */
export type OperationResult =
	| IDataObject
	| IDataObject[]
	| INodeExecutionData
	| INodeExecutionData[]
	| WaitForResponse;

/**
 * One operation, declared in one file (`actions/<resource>/<operation>.operation.ts`): its option in
 * the node (name, value, action, description), its parameters, the Linq endpoints it calls, and its
 * handler in two steps, so that every item is validated before the first request goes out.
 */
export interface OperationDeclaration<Prepared = unknown> {
	resource: ResourceValue;
	/** The operation's value in the node's parameters. */
	operation: string;
	/** Title Case, as the option shows. */
	name: string;
	/** Sentence case, as n8n shows it in the actions panel ("Send a message"). */
	action: string;
	/** For people, and for AI agents when the node is used as a tool. */
	description: string;
	/**
	 * What an AI agent is told when the operation is its tool (the Tool Description's default), when
	 * the model needs more than `description`: what to pass and what the tool answers.
	 */
	toolDescription?: string;
	/** The Linq endpoints it may call (https://docs.linqapp.com/api/), in `shared/endpoints.ts`. */
	endpoints: EndpointName[];
	/** Its parameters, without displayOptions for resource and operation: those are added. */
	properties: INodeProperties[];
	/** Reads and validates one item's parameters; throws (naming parameter and item) before anything is sent. */
	prepare(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
	): Prepared | Promise<Prepared>;
	/** Calls Linq for one prepared item and returns its output. */
	execute(
		this: IExecuteFunctions,
		prepared: Prepared,
		client: LinqClient,
		itemIndex: number,
		run: RunContext,
	): Promise<OperationResult>;
	/**
	 * Whether it sends one message and waits for the answer, as n8n's Send and Wait operations do: only
	 * the first item is sent (all are validated), and the execution waits for the reply.
	 */
	waitsForResponse?: boolean;
	/** The fields that say which item an error item is about (chat_id, handle…), under On Error → Continue. */
	identifyItem?(prepared: Prepared): IDataObject;
}

/** Keeps the declaration's types checked (prepare's result is what execute receives). */
export function defineOperation<Prepared>(
	declaration: OperationDeclaration<Prepared>,
): OperationDeclaration<Prepared> {
	return declaration;
}

/** Any declaration, whatever it prepares (method parameters are checked bivariantly, so this holds all). */
export type AnyOperation = OperationDeclaration<unknown>;
