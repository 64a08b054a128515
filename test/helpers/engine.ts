/**
 * Runs our nodes through the real n8n engine (n8n-core's WorkflowExecute on an n8n-workflow
 * Workflow built from workflow JSON), with credentials resolved the way n8n's CLI resolves them.
 * Only the database-backed parts of n8n (credential storage) are replaced.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createDeferredPromise,
	createRunExecutionData,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { LinqAppApi } from '../../credentials/LinqAppApi.credentials';
import { knownSecrets, registerSecret } from './secrets';
import { Linq } from '../../nodes/Linq/Linq.node';

export const PACKAGE = 'n8n-nodes-linqapp';
export const LINQ_NODE_TYPE = `${PACKAGE}.linq`;
export const LINQ_TRIGGER_NODE_TYPE = `${PACKAGE}.linqTrigger`;
export const BASE_URL = 'https://api.linqapp.com/api/partner';
export const API_KEY = 'sk_live_TEST_KEY_9f8e7d6c5b4a';
export const CREDENTIALS = { apiKey: API_KEY, baseUrl: BASE_URL };
registerSecret(API_KEY);

/** Fails the test if a registered secret shows up in node output or an error (skipped by the benchmark). */
export function assertNoSecrets(value: unknown) {
	if (process.env.LINQAPP_BENCH === '1') return;
	let text: string;
	try {
		text =
			JSON.stringify(value, (_key, v) =>
				v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v,
			) ?? '';
	} catch {
		text = String(value);
	}
	const leaked = knownSecrets().filter((secret) => text.includes(secret));
	if (leaked.length > 0) throw new Error('A secret appeared in node output or an error');
}

const nodeTypeInstances: Record<string, INodeType> = { [LINQ_NODE_TYPE]: new Linq() };
const credentialTypes: Record<string, ICredentialType> = { linqAppApi: new LinqAppApi() };

/** Registers more node types (the trigger registers itself from its own tests). */
export function registerNodeType(name: string, type: INodeType) {
	nodeTypeInstances[name] = type;
}

export const nodeTypes: INodeTypes = {
	getByName: (name) => nodeTypeInstances[name],
	getByNameAndVersion: (name, version) =>
		NodeHelpers.getVersionedNodeType(nodeTypeInstances[name], version),
	getKnownTypes: () => ({}),
};

/** n8n CLI's credentials helper minus the database: function auth called, generic auth resolved with n8n expressions. */
export class TestCredentialsHelper extends ICredentialsHelper {
	decryptCalls = 0;

	constructor(public credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const resolve = (value: string) =>
			isExpression(value)
				? (workflow.expression.getSimpleParameterValue(node, value, 'internal', {
						$credentials: credentials,
					}) as string)
				: value;
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outer, entries] of Object.entries(authenticate.properties)) {
			target[outer] = target[outer] ?? {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				target[outer][resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptCalls++;
		const data = this.credentials[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getOAuth2Options() {
		return undefined;
	}
}

export function makeAdditionalData(
	credentialsHelper: ICredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface NodeSpec {
	type?: string;
	parameters: INodeParameters;
	continueOnFail?: boolean;
	/** The execution's id (idempotency keys derive from it). */
	executionId?: string;
	/** Where this n8n's waiting executions are resumed (Send and Wait). */
	webhookWaitingBaseUrl?: string;
	/** n8n's node setting Retry On Fail (tries, wait between them in ms). */
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	name?: string;
	typeVersion?: number;
}

export function makeNode(spec: NodeSpec): INode {
	return {
		id: 'node-1',
		name: spec.name ?? 'Linq',
		type: spec.type ?? LINQ_NODE_TYPE,
		typeVersion: spec.typeVersion ?? 1,
		position: [0, 0],
		parameters: spec.parameters,
		credentials: { linqAppApi: { id: 'cred-1', name: 'Linq account' } },
		...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(spec.retryOnFail ? { retryOnFail: true, ...spec.retryOnFail } : {}),
	};
}

/** A Workflow exactly as n8n builds it from workflow JSON: node defaults are filled in. */
export function makeWorkflow(node: INode, staticData: IDataObject = {}): Workflow {
	return new Workflow({
		id: 'wf-1',
		name: 'Linq test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData,
		settings: {},
	});
}

export interface RunResult {
	items?: INodeExecutionData[];
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
}

/** An input item given with its binary data (`{ json, binary }`), rather than as plain JSON. */
function isInputItem(item: IDataObject | INodeExecutionData): item is INodeExecutionData {
	return (
		typeof item.json === 'object' &&
		item.json !== null &&
		Object.keys(item).every((k) => k === 'json' || k === 'binary')
	);
}

/** A file in an input item, as n8n holds it in memory (base64). */
export function binaryItem(
	json: IDataObject,
	content: Buffer,
	fileName: string,
	mimeType: string,
	property = 'data',
): INodeExecutionData {
	return {
		json,
		binary: {
			[property]: {
				data: content.toString('base64'),
				fileName,
				mimeType,
				fileSize: `${content.length} B`,
			},
		},
	};
}

/** Runs one Linq node over `items` in n8n's WorkflowExecute and returns its output or error. */
/**
 * n8n's lifecycle hooks for one execution, and a promise of its run once it finished: what
 * WorkflowExecute needs to run a workflow the way n8n does.
 */
export function executionHooks(
	mode: WorkflowExecuteMode,
	executionId: string,
	workflow: { id: string; name: string; active: boolean; nodes: INode[] },
) {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		...workflow,
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));
	return { hooks, finished };
}

export async function runNode(
	spec: NodeSpec,
	items: Array<IDataObject | INodeExecutionData> = [{}],
	credentials: ICredentialDataDecryptedObject = CREDENTIALS,
): Promise<RunResult> {
	const node = makeNode(spec);
	const workflow = makeWorkflow(node);
	const credentialsHelper = new TestCredentialsHelper({ linqAppApi: credentials });
	const executionId = spec.executionId ?? 'exec-1';
	const { hooks, finished } = executionHooks('manual', executionId, {
		id: 'wf-1',
		name: 'Linq test',
		active: false,
		nodes: [node],
	});
	const additionalData = makeAdditionalData(credentialsHelper, {
		hooks,
		executionId,
		...(spec.webhookWaitingBaseUrl ? { webhookWaitingBaseUrl: spec.webhookWaitingBaseUrl } : {}),
	});

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(node.name)!,
					data: { main: [items.map((item) => (isInputItem(item) ? item : { json: item }))] },
					source: null,
				},
			],
		},
	});
	const mode: WorkflowExecuteMode = 'manual';
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await finished.promise;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	if (typeof credentials.apiKey === 'string') registerSecret(credentials.apiKey);
	assertNoSecrets({ items: taskData?.data, error: taskData?.error ?? run.data.resultData.error });
	return {
		run,
		items: taskData?.data?.main?.[0] ?? undefined,
		error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
		credentialsHelper,
	};
}

/** A LoadOptionsContext as n8n builds it for a listSearch call from the editor. */
export function loadOptionsContext(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject = CREDENTIALS,
	/** Another node than the Linq node (the trigger), and the parameter whose list is loaded. */
	target: { name?: string; type?: string; typeVersion?: number; path?: string } = {},
) {
	const node = makeNode({
		parameters,
		name: target.name,
		type: target.type,
		typeVersion: target.typeVersion,
	});
	const workflow = makeWorkflow(node);
	const additionalData = makeAdditionalData(
		new TestCredentialsHelper({ linqAppApi: credentials }),
		{
			currentNodeParameters: parameters,
		},
	);
	return new LoadOptionsContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		target.path ?? 'chatId',
	);
}
