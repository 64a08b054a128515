/**
 * What the sandbox tests share: a sandbox per test, real HTTP calls on loopback, and a webhook
 * receiver that checks every delivery's Standard Webhooks signature.
 */
import http from 'node:http';

import { createSandbox } from '../../sandbox/server';
import { verifyDelivery } from '../../nodes/shared/signature';
import { startServer } from '../helpers/loopback';

export type Sandbox = Awaited<ReturnType<typeof createSandbox>>;
export type SandboxOptions = Parameters<typeof createSandbox>[0];

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Answer {
	status: number;
	body: any;
	text: string;
	headers: Headers;
}

/** A sandbox with short queues and retries, closed after each test. */
export function useSandbox(options: SandboxOptions = {}) {
	const holder = {} as { sandbox: Sandbox };
	beforeEach(async () => {
		holder.sandbox = await createSandbox({
			apiKey: 'sk_test',
			queueDelayMs: 5,
			retryDelaysMs: [20, 20],
			...options,
		});
	});
	afterEach(async () => holder.sandbox.close());
	return holder;
}

/** One Linq API call (path below /api/partner). */
export async function call(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
	options: { key?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${options.key ?? sandbox.apiKey}`,
			...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			...options.headers,
		},
		body: body !== undefined ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: response.status, body: parsed, text, headers: response.headers };
}

/** A control call (POST /__sandbox/<name>). */
export async function control(sandbox: Sandbox, name: string, body: unknown): Promise<Answer> {
	const response = await fetch(`${sandbox.origin}/__sandbox/${name}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: text ? JSON.parse(text) : undefined,
		text,
		headers: response.headers,
	};
}

/** A raw HTTP request with exactly these headers (fetch would add or refuse some, e.g. Content-Length). */
export function raw(
	url: string,
	{
		method = 'GET',
		headers = {},
		body,
	}: { method?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method, headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (c: Buffer) => chunks.push(c));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					body: Buffer.concat(chunks),
				}),
			);
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end(body);
	});
}

export interface Delivery {
	headers: Record<string, string>;
	raw: Buffer;
	envelope: any;
}

/**
 * A webhook receiver on loopback: keeps every delivery, answers 200. Deliveries travel concurrently,
 * so they may arrive in any order; once `subscribe` has tied the hook to a sandbox, `data` and
 * `types` list them in the order the sandbox sent them (its dispatcher's attempts), not arrival order.
 */
export async function startHook() {
	const deliveries: Delivery[] = [];
	const server = await startServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			deliveries.push({
				headers: req.headers as Record<string, string>,
				raw: body,
				envelope: JSON.parse(body.toString('utf8')),
			});
			res.writeHead(200).end();
		});
	});
	const hook = {
		url: server.url,
		deliveries,
		close: server.close,
		sandbox: undefined as Sandbox | undefined,
		/** The deliveries in the order the sandbox sent them. */
		ordered(): Delivery[] {
			const attempts = hook.sandbox?.dispatcher.attempts as
				| Array<{ webhook_id: string }>
				| undefined;
			if (!attempts) return deliveries;
			const rank = (d: Delivery) =>
				attempts.findIndex((a) => a.webhook_id === d.headers['webhook-id']);
			return [...deliveries].sort((a, b) => rank(a) - rank(b));
		},
		/** The `data` of each delivered event of this type, in send order. */
		data: (type: string) =>
			hook
				.ordered()
				.filter((d) => d.envelope.event_type === type)
				.map((d) => d.envelope.data),
		types: () => hook.ordered().map((d) => d.envelope.event_type as string),
	};
	return hook;
}
export type Hook = Awaited<ReturnType<typeof startHook>>;

/** Subscribes the hook (V2 payloads) to these events; returns the signing secret. */
export async function subscribe(
	sandbox: Sandbox,
	hook: Hook,
	events: string[],
	query = '?version=2026-02-03',
): Promise<string> {
	hook.sandbox = sandbox;
	const created = await call(sandbox, 'POST', '/v3/webhook-subscriptions', {
		target_url: `${hook.url}/hook${query}`,
		subscribed_events: events,
	});
	expect(created.status).toBe(201);
	return created.body.signing_secret as string;
}

/** Every delivery the hook got verifies with the subscription's secret. */
export function expectSigned(hook: Hook, secret: string) {
	expect(hook.deliveries.length).toBeGreaterThan(0);
	for (const delivery of hook.deliveries) {
		expect(verifyDelivery({ secret, headers: delivery.headers, rawBody: delivery.raw })).toEqual({
			valid: true,
			webhookId: delivery.headers['webhook-id'],
		});
	}
}

/** Linq's error envelope with this status and code. */
export function expectError(answer: Answer, status: number, code: number) {
	expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
	expect(answer.body).toMatchObject({
		success: false,
		error: {
			status,
			code,
			message: expect.any(String),
			doc_url: expect.stringContaining(String(code)),
		},
	});
}

export const text = (value: string) => ({ parts: [{ type: 'text', value }] });

export const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
