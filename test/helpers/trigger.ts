/**
 * Drives the Linq Trigger through n8n-core's own contexts: HookContext for the subscription
 * lifecycle (what n8n calls on activate/deactivate) and WebhookContext for deliveries, with the
 * request's raw body as a Buffer, as n8n's raw-body middleware leaves it.
 */
import { randomBytes } from 'node:crypto';

import { HookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { LinqTrigger } from '../../nodes/LinqTrigger/LinqTrigger.node';
import { signStandardWebhook } from '../../sandbox/signer';
import { registerSecret } from './secrets';
import { callWebhook, type FakeResponse } from './webhook';
import {
	CREDENTIALS,
	executionHooks,
	LINQ_TRIGGER_NODE_TYPE,
	makeAdditionalData,
	nodeTypes,
	registerNodeType,
	TestCredentialsHelper,
} from './engine';

registerNodeType(LINQ_TRIGGER_NODE_TYPE, new LinqTrigger());

export const TRIGGER_NAME = 'Linq Trigger';
export const WEBHOOK_ID = '0b7d5f5e-3c55-4b8e-9a51-5a2b8f0c1d2e';
export const PRODUCTION_URL = `https://n8n.example.com/webhook/${WEBHOOK_ID}/webhook?version=2026-02-03`;
export const TEST_URL = `https://n8n.example.com/webhook-test/${WEBHOOK_ID}/webhook?version=2026-02-03`;

export function triggerWorkflow(
	parameters: INodeParameters = {},
	staticData: IDataObject = {},
	typeVersion = 1,
) {
	const node: INode = {
		id: 'trigger-1',
		name: TRIGGER_NAME,
		type: LINQ_TRIGGER_NODE_TYPE,
		typeVersion,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters,
		credentials: {
			linqAppApi: { id: 'cred-1', name: 'Linq account' },
			linqAppWebhookSecretApi: { id: 'cred-2', name: 'Linq webhook secret' },
		},
	};
	return new Workflow({
		id: 'wf-trigger',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
		settings: {},
	});
}

function baseUrls() {
	return {
		webhookBaseUrl: 'https://n8n.example.com/webhook',
		webhookTestBaseUrl: 'https://n8n.example.com/webhook-test',
	};
}

function webhookData(workflow: Workflow, isTest: boolean): IWebhookData {
	const node = workflow.getNode(TRIGGER_NAME)!;
	return {
		httpMethod: 'POST',
		node: node.name,
		path: `${WEBHOOK_ID}/webhook`,
		webhookDescription: new LinqTrigger().description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: makeAdditionalData(new TestCredentialsHelper({})),
		isTest,
		webhookId: WEBHOOK_ID,
	};
}

/** Calls a webhookMethods lifecycle function the way n8n does on (de)activation. */
export async function lifecycle(
	workflow: Workflow,
	method: 'checkExists' | 'create' | 'delete',
	options: {
		isTest?: boolean;
		credentials?: ICredentialDataDecryptedObject;
		webhookBaseUrl?: string;
	} = {},
): Promise<boolean> {
	const additionalData = makeAdditionalData(
		new TestCredentialsHelper({ linqAppApi: options.credentials ?? CREDENTIALS }),
		{
			...baseUrls(),
			...(options.webhookBaseUrl ? { webhookBaseUrl: options.webhookBaseUrl } : {}),
		},
	);
	const context = new HookContext(
		workflow,
		workflow.getNode(TRIGGER_NAME)!,
		additionalData,
		options.isTest ? 'manual' : 'trigger',
		options.isTest ? 'manual' : 'activate',
		webhookData(workflow, options.isTest ?? false),
	);
	return await new LinqTrigger().webhookMethods.default[method].call(context);
}

/** The trigger's node static data, where n8n keeps what the lifecycle stored. */
export function triggerState(workflow: Workflow): IDataObject {
	return workflow.getStaticData('node', workflow.getNode(TRIGGER_NAME)!);
}

export interface Delivery {
	status: number;
	body: unknown;
	response: IWebhookResponseData;
	/** The trigger's output in the execution the delivery started (when it started one). */
	output?: INodeExecutionData[];
	res: FakeResponse;
}

/**
 * Runs the execution an accepted delivery starts, as n8n does in the webhook's `responseNode`
 * mode: the trigger is its first node, and what it sends (sendResponse) is n8n's answer to Linq.
 */
export async function runDeliveryExecution(
	workflow: Workflow,
	items: INodeExecutionData[],
	res: FakeResponse,
): Promise<INodeExecutionData[] | undefined> {
	const node = workflow.getNode(TRIGGER_NAME)!;
	const { hooks, finished } = executionHooks('webhook', 'exec-1', {
		id: workflow.id as string,
		name: 'Linq Trigger test',
		active: true,
		nodes: [node],
	});
	hooks.addHandler('sendResponse', (answer) => {
		const body = Buffer.isBuffer(answer.body) ? JSON.parse(answer.body.toString()) : answer.body;
		res.status(Number(answer.statusCode ?? 200)).json(body);
	});
	const additionalData = makeAdditionalData(new TestCredentialsHelper({}), {
		hooks,
		executionId: 'exec-1',
	});
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	await new WorkflowExecute(additionalData, 'webhook', runData).processRunExecutionData(workflow);
	const run = await finished.promise;
	return run.data.resultData.runData[TRIGGER_NAME]?.[0]?.data?.main?.[0] ?? undefined;
}

const answered = (res: FakeResponse) =>
	new Promise<void>((resolve) =>
		res.finished ? setImmediate(resolve) : res.once('finish', resolve),
	);

/**
 * Sends one delivery into the node's webhook() via n8n's WebhookContext and, when it starts an
 * execution, runs that execution (whose trigger step answers Linq), unless `execute` is false.
 */
export async function deliver(
	workflow: Workflow,
	headers: Record<string, string | undefined>,
	rawBody: Buffer,
	/** The "Linq Webhook Signing Secret" credential, for a trigger in "Managed by Me" mode. */
	manualSecret?: string,
	options: { execute?: boolean } = {},
): Promise<Delivery> {
	const { workflowExecuteAdditionalData: _unused, ...data } = webhookData(workflow, false);
	const call = await callWebhook(new LinqTrigger(), workflow, TRIGGER_NAME, data, {
		headers,
		rawBody,
		query: { version: '2026-02-03' },
		credentials:
			manualSecret === undefined
				? {}
				: { linqAppWebhookSecretApi: { signingSecret: manualSecret } },
	});
	let output: INodeExecutionData[] | undefined;
	const starts = call.response.workflowData && !call.response.noWebhookResponse;
	if (starts && options.execute !== false) {
		output = await runDeliveryExecution(workflow, call.response.workflowData![0], call.res);
	}
	if (call.res.finished) await answered(call.res);
	return { ...call, status: call.res.statusCode, body: call.res.body, output };
}

/** Signs like Linq: the one signer (the `standardwebhooks` library), shared with the sandbox. */
export function sign(
	secret: string,
	id: string,
	timestamp: number | string,
	body: Buffer | string,
): string {
	return signStandardWebhook(secret, id, timestamp, body);
}

export function newSecret(): string {
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	registerSecret(secret);
	return secret;
}

export function participantRemoved(overrides: IDataObject = {}): IDataObject {
	return {
		api_version: 'v3',
		webhook_version: '2026-02-03',
		event_type: 'participant.removed',
		event_id: 'evt_01J9Z',
		created_at: '2026-11-23T10:00:00.000Z',
		partner_id: 'partner_1',
		trace_id: 'trace-wh-1',
		data: {
			handle: '+12223334444',
			participant: {
				id: 'h1',
				handle: '+12223334444',
				joined_at: '2026-11-01T10:00:00.000Z',
				service: 'iMessage',
				is_me: false,
				status: 'removed',
			},
			chat_id: '550e8400-e29b-41d4-a716-446655440000',
			removed_at: '2026-11-23T09:59:58.000Z',
		},
		...overrides,
	};
}

/** Headers for a correctly signed delivery of `body`. */
export function signedHeaders(
	secret: string,
	body: Buffer,
	id = 'msg_2abc',
	timestamp = Math.floor(Date.now() / 1000),
) {
	return {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': sign(secret, id, timestamp, body),
	};
}
