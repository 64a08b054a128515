'use strict';
/**
 * A local Linq V3 stand-in on loopback: the endpoints the nodes call, Linq's rules and error
 * envelope, queued operations that confirm by signed webhook, and fault switches for tests.
 * It ships in the repository for development and tests, never in the published package.
 */
const http = require('node:http');
const { randomBytes, randomUUID } = require('node:crypto');

const { SandboxState, LinqError, DOC, E164 } = require('./state');
const { WebhookDispatcher, newSigningSecret } = require('./webhooks');

const API_PREFIX = '/api/partner';
const ALL_EVENTS = [
	'message.sent', 'message.received', 'message.read', 'message.delivered', 'message.failed', 'message.edited',
	'reaction.added', 'reaction.removed', 'participant.added', 'participant.removed', 'chat.created',
	'chat.group_name_updated', 'chat.group_icon_updated', 'chat.group_name_update_failed',
	'chat.group_icon_update_failed', 'chat.typing_indicator.started', 'chat.typing_indicator.stopped',
	'phone_number.status_updated', 'call.initiated', 'call.ringing', 'call.answered', 'call.ended', 'call.failed',
	'call.declined', 'call.no_answer', 'location.sharing.started', 'location.sharing.stopped',
];

const trace = () => `trace_${randomBytes(8).toString('hex')}`;

/** @param {http.ServerResponse} res @param {number} status @param {unknown} [body] */
function send(res, status, body) {
	if (body === undefined) {
		res.writeHead(status).end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function sendError(res, error, headers = {}) {
	const body = {
		success: false,
		error: { status: error.status, code: error.code, message: error.message, doc_url: DOC(error.code) },
		trace_id: trace(),
	};
	if (error.status === 429) body.error.retry_after = error.retryAfter ?? 1;
	const text = JSON.stringify(body);
	res.writeHead(error.status, { 'content-type': 'application/json', ...headers }).end(text);
}

function queued(message) {
	return { message, status: 'accepted', trace_id: trace() };
}

/** Reads and parses a JSON body; Linq answers bad JSON with 1003. */
async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const raw = Buffer.concat(chunks);
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new LinqError(400, 1003, 'Invalid request body');
	}
}

/**
 * @param {{ port?: number, host?: string, apiKey?: string, retryDelaysMs?: number[], queueDelayMs?: number, latencyMs?: number }} [options]
 */
async function createSandbox(options = {}) {
	const apiKey = options.apiKey ?? `sk_sandbox_${randomBytes(12).toString('hex')}`;
	const state = new SandboxState();
	const dispatcher = new WebhookDispatcher({ retryDelaysMs: options.retryDelaysMs });
	const queueDelayMs = options.queueDelayMs ?? 50;
	/** @type {any[]} */ const requests = [];
	/** @type {any[]} */ let faults = [];
	let latencyMs = options.latencyMs ?? 0;
	/** @type {Set<NodeJS.Timeout>} */ const jobs = new Set();
	/** @type {Set<NodeJS.Timeout>} */ const pauses = new Set();

	/** Holds a request back (latency faults); close() drops whatever is still held. */
	function pause(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				pauses.delete(timer);
				resolve(undefined);
			}, ms);
			pauses.add(timer);
		});
	}

	/** Runs a queued operation a moment later, as Linq does; its outcome arrives by webhook. */
	function later(job) {
		const timer = setTimeout(() => {
			jobs.delete(timer);
			job();
		}, queueDelayMs);
		jobs.add(timer);
	}

	function publish(eventType, data, chat) {
		dispatcher.publish(state.subscriptions.values(), eventType, data, chat ? state.lineOf(chat) : undefined);
	}

	function subscription(id) {
		const found = state.subscriptions.get(id);
		if (!found) throw new LinqError(404, 2010, 'Webhook subscription not found');
		return found;
	}

	function publicSubscription(s) {
		const { signing_secret: _secret, ...rest } = s;
		return rest;
	}

	function validateSubscriptionInput(body, partial) {
		if (!partial || body.target_url !== undefined) {
			if (typeof body.target_url !== 'string' || !/^https?:\/\//.test(body.target_url)) {
				throw new LinqError(400, 1005, 'target_url must be an absolute URL');
			}
		}
		if (!partial || body.subscribed_events !== undefined) {
			const events = body.subscribed_events;
			if (!Array.isArray(events) || events.length === 0 || events.some((e) => !ALL_EVENTS.includes(e))) {
				throw new LinqError(400, 1005, 'subscribed_events must list known webhook event types');
			}
		}
		if (body.phone_numbers != null && (!Array.isArray(body.phone_numbers) || body.phone_numbers.some((p) => !E164.test(p)))) {
			throw new LinqError(400, 1002, 'Phone number must be in E.164 format');
		}
	}

	/** [method, path pattern, handler(params, body, query) → [status, body]] */
	const routes = [
		['GET', /^\/v3\/phone_numbers$/, () => [200, { phone_numbers: state.phoneNumbers }]],
		['GET', /^\/v3\/webhook-events$/, () => [200, { events: ALL_EVENTS, doc_url: 'https://docs.linqapp.com/guides/webhooks/events' }]],
		['GET', /^\/v3\/chats$/, (_p, _b, query) => {
			const limit = Math.min(Math.max(Number(query.get('limit') ?? 20) || 20, 1), 100);
			const offset = Number(query.get('cursor') ?? 0) || 0;
			const from = query.get('from');
			const to = query.get('to');
			const all = [...state.chats.values()].filter(
				(c) => (!from || state.lineOf(c) === from) && (!to || c.handles.some((h) => h.handle === to && !h.is_me)),
			);
			const page = all.slice(offset, offset + limit);
			const next = offset + limit < all.length ? String(offset + limit) : null;
			return [200, { chats: page, next_cursor: next }];
		}],
		['GET', /^\/v3\/chats\/([^/]+)$/, ([id]) => [200, state.chat(id)]],
		['POST', /^\/v3\/chats\/([^/]+)\/participants$/, ([id], body) => {
			const handle = body?.handle;
			const chat = state.checkAdd(id, handle);
			// The state changes at once so later requests see it; the confirmation webhook follows.
			const added = state.applyAdd(chat, handle);
			later(() => publish('participant.added', { handle, participant: added, chat_id: chat.id, added_at: added.joined_at }, chat));
			return [202, queued('Participant addition queued')];
		}],
		['DELETE', /^\/v3\/chats\/([^/]+)\/participants$/, ([id], body) => {
			const { chat, member } = state.checkRemove(id, body?.handle);
			state.applyRemove(chat, member, 'removed');
			later(() => publish('participant.removed', { handle: member.handle, participant: member, chat_id: chat.id, removed_at: member.left_at }, chat));
			return [202, queued('Participant removal queued')];
		}],
		['POST', /^\/v3\/chats\/([^/]+)\/leave$/, ([id]) => {
			const chat = state.checkLeave(id);
			const me = state.applyRemove(chat, state.me(chat), 'left');
			later(() => publish('participant.removed', { handle: me.handle, participant: me, chat_id: chat.id, removed_at: me.left_at }, chat));
			return [202, queued('Leave group chat queued')];
		}],
		['POST', /^\/v3\/chats\/([^/]+)\/messages$/, ([id], body) => {
			const chat = state.usableChat(id);
			const parts = body?.message?.parts;
			if (!Array.isArray(parts) || parts.length === 0) throw new LinqError(400, 1004, 'Invalid message content');
			const at = new Date().toISOString();
			const message = {
				id: randomUUID(), chat_id: chat.id, created_at: at, updated_at: at, sent_at: at, delivery_status: 'queued',
				is_from_me: true, is_read: false, is_delivered: false, parts: parts.map((p) => ({ ...p, reactions: null })),
				from_handle: state.me(chat), service: chat.service,
			};
			state.messages.push(message);
			later(() => {
				const v2 = { id: message.id, direction: 'outbound', service: chat.service, sender_handle: state.me(chat), chat: { id: chat.id, health_status: chat.health_status, is_group: chat.is_group, owner_handle: state.me(chat) }, parts, sent_at: at };
				publish('message.sent', v2, chat);
				message.delivery_status = 'delivered';
				publish('message.delivered', { ...v2, delivered_at: new Date().toISOString() }, chat);
			});
			return [200, { chat_id: chat.id, message }];
		}],
		['GET', /^\/v3\/chats\/([^/]+)\/messages$/, ([id]) => {
			state.chat(id);
			return [200, { messages: state.messages.filter((m) => m.chat_id === id), next_cursor: null }];
		}],
		['POST', /^\/v3\/webhook-subscriptions$/, (_p, body) => {
			validateSubscriptionInput(body ?? {}, false);
			if ([...state.subscriptions.values()].some((s) => s.target_url === body.target_url)) {
				throw new LinqError(409, 2015, 'A webhook subscription for this target_url already exists');
			}
			const at = new Date().toISOString();
			const created = {
				id: randomUUID(), target_url: body.target_url, subscribed_events: body.subscribed_events, is_active: true,
				phone_numbers: body.phone_numbers?.length ? body.phone_numbers : null, created_at: at, updated_at: at,
				signing_secret: newSigningSecret(),
			};
			state.subscriptions.set(created.id, created);
			return [201, created];
		}],
		['GET', /^\/v3\/webhook-subscriptions$/, () => [200, { subscriptions: [...state.subscriptions.values()].map(publicSubscription) }]],
		['GET', /^\/v3\/webhook-subscriptions\/([^/]+)$/, ([id]) => [200, publicSubscription(subscription(id))]],
		['PUT', /^\/v3\/webhook-subscriptions\/([^/]+)$/, ([id], body) => {
			const found = subscription(id);
			validateSubscriptionInput(body ?? {}, true);
			for (const key of ['target_url', 'subscribed_events', 'is_active']) if (body?.[key] !== undefined) found[key] = body[key];
			if (body?.phone_numbers !== undefined) found.phone_numbers = body.phone_numbers?.length ? body.phone_numbers : null;
			found.updated_at = new Date().toISOString();
			return [200, publicSubscription(found)];
		}],
		['DELETE', /^\/v3\/webhook-subscriptions\/([^/]+)$/, ([id]) => {
			subscription(id);
			state.subscriptions.delete(id);
			return [204, undefined];
		}],
	];

	/** Control endpoints for tests and the dev loop: no auth, loopback only. */
	async function admin(req, res, path) {
		const body = await readBody(req).catch(() => undefined);
		if (req.method === 'GET' && path === '/requests') return send(res, 200, { requests });
		if (req.method === 'DELETE' && path === '/requests') return send(res, 200, { cleared: requests.splice(0).length });
		if (req.method === 'GET' && path === '/deliveries') return send(res, 200, { deliveries: dispatcher.attempts.map(({ envelope, ...a }) => ({ ...a, event_id: envelope.event_id })) });
		if (req.method === 'GET' && path === '/state') {
			return send(res, 200, { chats: [...state.chats.values()], subscriptions: [...state.subscriptions.values()].map(publicSubscription) });
		}
		if (req.method === 'POST' && path === '/faults') {
			faults.push({ hits: 0, ...body });
			return send(res, 201, { faults });
		}
		if (req.method === 'DELETE' && path === '/faults') {
			faults = [];
			return send(res, 200, { faults });
		}
		if (req.method === 'POST' && path === '/latency') {
			latencyMs = Number(body?.ms ?? 0);
			return send(res, 200, { latencyMs });
		}
		if (req.method === 'POST' && path === '/chats') return send(res, 201, state.addChat(body));
		if (req.method === 'POST' && path === '/reset') {
			state.reset();
			requests.length = 0;
			faults = [];
			dispatcher.attempts.length = 0;
			return send(res, 200, { reset: true });
		}
		return send(res, 404, { error: 'unknown sandbox control endpoint' });
	}

	/** The first fault switch that matches this request, if any (and counts its use). */
	function matchFault(method, path, body) {
		for (const fault of faults) {
			if (fault.method && fault.method !== method) continue;
			if (fault.path && !new RegExp(fault.path).test(path)) continue;
			if (fault.bodyMatch && !new RegExp(fault.bodyMatch).test(JSON.stringify(body ?? null))) continue;
			if (fault.times !== undefined && fault.hits >= fault.times) continue;
			if (fault.firstOnly) {
				// Only a request's first attempt meets this fault: its retry goes through.
				const key = `${method} ${path} ${JSON.stringify(body ?? null)}`;
				fault.seenKeys = fault.seenKeys ?? new Set();
				if (fault.seenKeys.has(key)) continue;
				fault.seenKeys.add(key);
			}
			if (fault.every && (fault.seen = (fault.seen ?? 0) + 1) % fault.every !== 0) continue;
			fault.hits++;
			return fault;
		}
		return undefined;
	}

	async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		if (url.pathname.startsWith('/__sandbox')) return admin(req, res, url.pathname.slice('/__sandbox'.length));
		if (!url.pathname.startsWith(`${API_PREFIX}/`)) return send(res, 404, { error: 'not found' });
		const path = url.pathname.slice(API_PREFIX.length);
		const method = req.method ?? 'GET';
		let body;
		try {
			body = await readBody(req);
		} catch (error) {
			return sendError(res, error);
		}
		const headers = { ...req.headers };
		if (headers.authorization) headers.authorization = 'Bearer ***';
		const entry = { method, path, query: Object.fromEntries(url.searchParams), body, headers, at: Date.now(), status: /** @type {number|string|undefined} */ (undefined) };
		requests.push(entry);
		res.on('finish', () => {
			entry.status = res.statusCode;
		});

		if (latencyMs > 0) await pause(latencyMs);
		const fault = matchFault(method, path, body);
		if (fault) {
			if (fault.latencyMs) await pause(fault.latencyMs);
			if (fault.drop) {
				entry.status = 'dropped';
				return req.socket.destroy();
			}
			if (fault.html) {
				return res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
			}
			if (fault.status) {
				const error = Object.assign(new LinqError(fault.status, fault.code ?? 3006, fault.message ?? 'Injected fault'), { retryAfter: fault.retryAfter });
				return sendError(res, error, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
			}
		}

		if (req.headers.authorization !== `Bearer ${apiKey}`) {
			return sendError(res, new LinqError(401, 2004, 'Unauthorized - missing or invalid authentication token'));
		}
		for (const [routeMethod, pattern, handler] of routes) {
			if (routeMethod !== method) continue;
			const match = pattern.exec(path);
			if (!match) continue;
			try {
				const [status, payload] = handler(match.slice(1).map(decodeURIComponent), body, url.searchParams);
				return send(res, status, payload);
			} catch (error) {
				if (error instanceof LinqError) return sendError(res, error);
				return sendError(res, new LinqError(500, 3006, 'Internal server error'));
			}
		}
		return sendError(res, new LinqError(404, 2001, 'Resource not found'));
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => sendError(res, new LinqError(500, 3006, 'Internal server error')));
	});
	server.keepAliveTimeout = 5_000;
	await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

	return {
		origin,
		baseUrl: `${origin}${API_PREFIX}`,
		apiKey,
		state,
		requests,
		dispatcher,
		/** Adds a fault switch: { method?, path? (regex), bodyMatch? (regex over the JSON body), status?, code?, message?, html?, drop?, latencyMs?, times?, every?, firstOnly?, retryAfter? }. */
		addFault: (fault) => faults.push({ hits: 0, ...fault }),
		clearFaults: () => {
			faults = [];
		},
		setLatency: (ms) => {
			latencyMs = ms;
		},
		/** Re-sends a delivery with the same webhook-id (a Linq retry); resolves with the HTTP status. */
		redeliver: (webhookId) => dispatcher.redeliver(webhookId),
		/** Waits until queued jobs have run and their deliveries have been attempted once. */
		async settle() {
			while (jobs.size > 0) await new Promise((r) => setTimeout(r, queueDelayMs));
			await dispatcher.settle();
		},
		async close() {
			for (const job of jobs) clearTimeout(job);
			for (const held of pauses) clearTimeout(held);
			dispatcher.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { createSandbox, API_PREFIX, ALL_EVENTS };
