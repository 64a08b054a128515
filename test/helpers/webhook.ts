/**
 * Calls a node's webhook() through n8n-core's own WebhookContext, with an Express-like request and
 * response: what n8n does when a webhook (or a waiting execution's resume URL) receives a call.
 */
import { EventEmitter } from 'node:events';

import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	Workflow,
} from 'n8n-workflow';

import { assertNoSecrets, makeAdditionalData, TestCredentialsHelper } from './engine';

export interface WebhookCall {
	method?: string;
	headers?: Record<string, string | undefined>;
	rawBody?: Buffer;
	/** Defaults to the raw body parsed as JSON. */
	body?: IDataObject;
	query?: IDataObject;
	/** The request's path and query, as Express keeps it. */
	originalUrl?: string;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	mode?: 'webhook' | 'manual';
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
	response: IWebhookResponseData;
	/** The Express-like response object, to answer later (as n8n does in `responseNode` mode). */
	res: FakeResponse;
}

/**
 * An Express response as far as our nodes use it: status, headers, a JSON or raw body, and the
 * 'finish' event once the answer has gone out (emitted a turn later, as a socket write completes).
 */
export class FakeResponse extends EventEmitter {
	statusCode = 200;
	body: unknown;
	headers: Record<string, string> = {};
	finished = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(payload: unknown) {
		this.body = payload;
		return this.end();
	}

	send(payload: unknown) {
		this.body = payload;
		return this.end();
	}

	end(payload?: unknown) {
		if (payload !== undefined) this.body = payload;
		if (!this.finished) {
			this.finished = true;
			setImmediate(() => this.emit('finish'));
		}
		return this;
	}
}

export async function callWebhook(
	nodeType: INodeType,
	workflow: Workflow,
	nodeName: string,
	webhookData: Omit<IWebhookData, 'workflowExecuteAdditionalData'>,
	call: WebhookCall,
): Promise<WebhookAnswer> {
	const res = new FakeResponse();
	const rawBody = call.rawBody ?? Buffer.from(call.body ? JSON.stringify(call.body) : '');
	const req = {
		headers: Object.fromEntries(
			Object.entries(call.headers ?? {}).filter(([, v]) => v !== undefined),
		),
		rawBody,
		body:
			call.body ??
			(() => {
				try {
					return JSON.parse(rawBody.toString('utf8'));
				} catch {
					return {};
				}
			})(),
		query: call.query ?? {},
		params: {},
		method: call.method ?? 'POST',
		url: call.originalUrl ?? '/',
		originalUrl: call.originalUrl ?? '/',
	};
	const urls = {
		webhookBaseUrl: 'https://n8n.example.com/webhook',
		webhookTestBaseUrl: 'https://n8n.example.com/webhook-test',
		webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting',
	};
	const additionalData = makeAdditionalData(new TestCredentialsHelper(call.credentials ?? {}), {
		...urls,
		httpRequest: req,
		httpResponse: res,
	} as never);
	const context = new WebhookContext(
		workflow,
		workflow.getNode(nodeName)!,
		additionalData,
		call.mode ?? 'webhook',
		{
			...webhookData,
			workflowExecuteAdditionalData: makeAdditionalData(new TestCredentialsHelper({})),
		},
		[],
		null,
	);
	const response = await nodeType.webhook!.call(context);
	assertNoSecrets({ body: res.body, response });
	return { status: res.statusCode, body: res.body, response, res };
}
