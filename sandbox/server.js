'use strict';
/**
 * A local Linq Partner API V3 stand-in on loopback: all 41 endpoints of https://docs.linqapp.com/api/ with Linq's
 * rules, status codes, error codes and shapes, in memory; queued operations that confirm by signed
 * webhook; idempotent sends; presigned-style attachment uploads; a token-bucket rate limit; fault
 * switches. It ships in the repository for development and tests, never in the published package.
 *
 * Linq's API is under /api/partner/v3/… (Bearer auth). Besides it, without auth:
 *   PUT  /__uploads/<id>?X-Amz-…   the presigned upload URL of POST /v3/attachments (S3-style checks)
 *   GET  /__media/<id>/<name>      attachment bytes (download_url, media part and webhook urls)
 *   GET  /__vcf/<line id>.vcf      the vCard behind available_number's vcf_url
 * Control endpoints (no auth; the same actions are methods of the object createSandbox returns):
 *   POST /__sandbox/inbound      { chat_id? | from_handle + line?, from_handle?, text?, media?: [{ filename, content_type, base64 }], reply_to?: { message_id, part_index? } } → message.received
 *   POST /__sandbox/reaction     { message_id, from_handle?, type, custom_emoji?, operation?: add|remove, part_index? } → reaction.added/removed
 *   POST /__sandbox/typing       { chat_id, started?: boolean } → chat.typing_indicator.started/stopped
 *   POST /__sandbox/location     { chat_id, features } → what GET …/location answers (+ location.sharing.*)
 *   POST /__sandbox/read         { message_id } → message.read
 *   POST /__sandbox/fail         { message_id, code?, reason? } → message.failed
 *   POST /__sandbox/line-status  { phone_number, status?: ACTIVE|FLAGGED, reputation? } → phone_number.status_updated
 *   POST /__sandbox/rate-limit   { perSecond, burst? } | null | {} (off)
 *   GET  /__sandbox/state · GET|DELETE /__sandbox/requests · GET /__sandbox/deliveries
 *   POST|DELETE /__sandbox/faults · POST /__sandbox/latency { ms } · POST /__sandbox/chats (fixture) · POST /__sandbox/reset
 */
// nodes/shared/events.ts is TypeScript: under plain node this teaches require to load it (no-op in jest).
require('../scripts/lib/register-ts');
const http = require('node:http');
const { randomBytes } = require('node:crypto');

const { LINQ_EVENT_TYPES } = require('../nodes/shared/events');
const { SandboxState, LinqError } = require('./state');
const { MessageStore } = require('./messages');
const { AttachmentStore } = require('./attachments');
const { resolveContent } = require('./content');
const { createFlows } = require('./flows');
const { createControl } = require('./control');
const { TokenBucket, parseRateLimit } = require('./ratelimit');
const { WebhookDispatcher } = require('./webhooks');
const { send, sendError, errorBody, readRaw, parseJson } = require('./http');
const { chatRoutes } = require('./routes/chats');
const { messageRoutes } = require('./routes/messages');
const { accountRoutes, vcard } = require('./routes/account');

const API_PREFIX = '/api/partner';
/** The project's one list of Linq webhook event types (nodes/shared/events.ts), under its old name. */
const ALL_EVENTS = LINQ_EVENT_TYPES;

/**
 * @typedef {object} SandboxOptions
 * @property {number} [port] port to listen on (default 0: any free port)
 * @property {string} [host] default 127.0.0.1
 * @property {string} [apiKey] the Bearer token it accepts (default: a random sk_sandbox_…)
 * @property {number[]} [retryDelaysMs] webhook retry delays (default Linq's 10 retries over ~25 min)
 * @property {number} [queueDelayMs] how long queued work (webhooks of sends, adds, updates) waits (default 50)
 * @property {number} [latencyMs] delay before every API answer (default 0)
 * @property {{ perSecond: number, burst?: number } | null} [rateLimit] token bucket over authenticated API requests (default off)
 * @property {() => number} [now] the clock in ms (default Date.now): timestamps, the rate limit, the edit window, upload URL expiry
 */

/**
 * A fault switch: which requests it meets and what it does to them.
 * @typedef {{ method?: string, path?: string, bodyMatch?: string, status?: number, code?: number, message?: string,
 *   html?: boolean, drop?: boolean, latencyMs?: number, times?: number, every?: number, firstOnly?: boolean,
 *   retryAfter?: number, after?: boolean }} Fault `path`/`bodyMatch` are regexes (over the path below
 *   /api/partner, or /__uploads/<id>; and the JSON body). `after: true` lets the request take effect
 *   first and then spoils its answer (an outcome-unknown failure: the send happened, the client sees a fault).
 */

/** @param {SandboxOptions} [options] */
async function createSandbox(options = {}) {
	const apiKey = options.apiKey ?? `sk_sandbox_${randomBytes(12).toString('hex')}`;
	const now = options.now ?? (() => Date.now());
	const state = new SandboxState({ now });
	const messages = new MessageStore(state);
	const attachments = new AttachmentStore(state);
	const dispatcher = new WebhookDispatcher({ retryDelaysMs: options.retryDelaysMs });
	const queueDelayMs = options.queueDelayMs ?? 50;
	/** @type {any[]} every request: { method, path, query, body, headers, at, status, replayed?, upload? } */
	const requests = [];
	/** @type {any[]} */ let faults = [];
	let latencyMs = options.latencyMs ?? 0;
	/** @type {{ perSecond: number, burst: number } | null} */ let rateLimit = null;
	/** @type {TokenBucket | null} */ let bucket = null;
	/** @type {Map<string, { status: number, payload: unknown, headers?: Record<string, string> }>} first answers by idempotency key */
	const idempotent = new Map();
	/** @type {Map<NodeJS.Timeout, () => void>} */ const jobs = new Map();
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
		jobs.set(timer, job);
	}

	/** Sends an event to matching subscriptions; `chatOrLine` is the chat (or line number) it belongs to. */
	function publish(eventType, data, chatOrLine) {
		const line =
			typeof chatOrLine === 'string'
				? chatOrLine
				: chatOrLine
					? state.lineOf(chatOrLine)
					: undefined;
		dispatcher.publish(state.subscriptions.values(), eventType, data, line);
	}

	function setRateLimit(limit) {
		rateLimit = parseRateLimit(limit);
		bucket = rateLimit ? new TokenBucket(rateLimit, now) : null;
		return rateLimit;
	}
	setRateLimit(options.rateLimit ?? null);

	const flows = createFlows({ state, messages, later, publish });
	const ctx = {
		state,
		messages,
		attachments,
		flows,
		later,
		publish,
		events: ALL_EVENTS,
		origin: '',
		resolve: (message) => resolveContent(message, { attachments, messages }),
	};
	/** @type {Array<[string, RegExp, Function, { idempotency?: 'body'|'header+body' }?]>} */
	const routes = [...chatRoutes(ctx), ...messageRoutes(ctx), ...accountRoutes(ctx)];

	const control = createControl({
		state,
		messages,
		attachments,
		flows,
		later,
		publish,
		requests,
		dispatcher,
		setRateLimit,
		rateLimit: () => rateLimit,
		addFault: (fault) => faults.push({ hits: 0, ...fault }),
		clearFaults: () => {
			faults = [];
		},
		faults: () => faults,
		setLatency: (ms) => {
			latencyMs = ms;
		},
		reset,
	});

	function reset() {
		state.reset();
		messages.reset();
		attachments.reset();
		idempotent.clear();
		requests.length = 0;
		faults = [];
		dispatcher.attempts.length = 0;
		setRateLimit(options.rateLimit ?? null);
	}

	/** The first fault switch that matches this request, if any (and counts its use). */
	function matchFault(method, path, body) {
		for (const fault of faults) {
			if (fault.method && fault.method !== method) continue;
			if (fault.path && !new RegExp(fault.path).test(path)) continue;
			if (fault.bodyMatch && !new RegExp(fault.bodyMatch).test(JSON.stringify(body ?? null)))
				continue;
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

	/** Answers with the fault's outcome; false when the fault only delays. */
	function answerFault(req, res, entry, fault) {
		if (fault.drop) {
			entry.status = 'dropped';
			req.socket.destroy();
			return true;
		}
		if (fault.html) {
			res
				.writeHead(fault.status ?? 502, { 'content-type': 'text/html' })
				.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
			return true;
		}
		if (fault.status) {
			const error = new LinqError(
				fault.status,
				fault.code ?? 3006,
				fault.message ?? 'Injected fault',
			);
			error.retryAfter = fault.retryAfter;
			sendError(
				res,
				error,
				fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
			);
			return true;
		}
		return false;
	}

	function idempotencyKey(option, body, headers) {
		const header = option === 'header+body' ? headers['idempotency-key'] : undefined;
		const key =
			(typeof header === 'string' && header !== '' ? header : undefined) ??
			body?.message?.idempotency_key;
		return typeof key === 'string' && key !== '' ? key : undefined;
	}

	/** Runs the matching route; an idempotent send seen before answers with its first answer. */
	function route(method, path, body, query, request) {
		for (const [routeMethod, pattern, handler, routeOptions] of routes) {
			if (routeMethod !== method) continue;
			const match = pattern.exec(path);
			if (!match) continue;
			const key = routeOptions?.idempotency
				? idempotencyKey(routeOptions.idempotency, body, request.headers)
				: undefined;
			const scope = key && `${apiKey}\n${method} ${path}\n${key}`;
			const first = scope ? idempotent.get(scope) : undefined;
			if (first) {
				request.entry.replayed = true;
				return first;
			}
			try {
				const [status, payload, headers] = handler(
					match.slice(1).map(decodeURIComponent),
					body,
					query,
					request,
				);
				const answer = {
					status,
					payload: payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)),
					headers,
				};
				if (scope && status < 300) idempotent.set(scope, answer);
				return answer;
			} catch (error) {
				if (error instanceof LinqError)
					return { status: error.status, payload: errorBody(error), headers: undefined };
				return {
					status: 500,
					payload: errorBody(new LinqError(500, 3006, 'Internal server error')),
					headers: undefined,
				};
			}
		}
		return {
			status: 404,
			payload: errorBody(new LinqError(404, 2001, 'Resource not found')),
			headers: undefined,
		};
	}

	function logEntry(req, res, method, path, url, body) {
		const headers = { ...req.headers };
		if (headers.authorization) headers.authorization = 'Bearer ***';
		const entry = {
			method,
			path,
			query: Object.fromEntries(url.searchParams),
			search: url.search,
			body,
			headers,
			at: now(),
			status: /** @type {number|string|undefined} */ (undefined),
		};
		requests.push(entry);
		res.on('finish', () => {
			entry.status = res.statusCode;
		});
		return entry;
	}

	/** PUT to a presigned upload URL: no Linq auth, S3's checks; faults apply, latency does not. */
	async function upload(req, res, url) {
		const raw = await readRaw(req);
		const entry = logEntry(req, res, req.method ?? 'PUT', url.pathname, url, undefined);
		Object.assign(entry, { upload: true, bytes: raw.length });
		const fault = matchFault(entry.method, url.pathname, undefined);
		if (fault?.latencyMs) await pause(fault.latencyMs);
		if (fault && !fault.after && answerFault(req, res, entry, fault)) return;
		if (fault?.after) {
			const held = { writeHead: () => ({ end: () => undefined }) };
			attachments.upload(req, /** @type {any} */ (held), url, raw);
			if (answerFault(req, res, entry, fault)) return;
		}
		attachments.upload(req, res, url, raw);
	}

	async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const pathname = url.pathname;
		if (pathname.startsWith('/__sandbox')) {
			const body = await readRaw(req)
				.then(parseJson)
				.catch(() => undefined);
			return control.handle(req, res, pathname.slice('/__sandbox'.length), body);
		}
		if (pathname.startsWith('/__uploads/')) return upload(req, res, url);
		if (pathname.startsWith('/__media/')) return attachments.serve(req, res, url);
		if (pathname.startsWith('/__vcf/')) {
			const text = vcard(state, pathname.slice('/__vcf/'.length));
			if (!text) return send(res, 404, { error: 'not found' });
			return res
				.writeHead(200, {
					'content-type': 'text/vcard',
					'content-length': String(Buffer.byteLength(text)),
				})
				.end(text);
		}
		if (!pathname.startsWith(`${API_PREFIX}/`)) return send(res, 404, { error: 'not found' });
		const path = pathname.slice(API_PREFIX.length);
		const method = req.method ?? 'GET';
		let body;
		try {
			body = parseJson(await readRaw(req));
		} catch (error) {
			return sendError(res, error);
		}
		const entry = logEntry(req, res, method, path, url, body);

		if (latencyMs > 0) await pause(latencyMs);
		const fault = matchFault(method, path, body);
		if (fault && !fault.after) {
			if (fault.latencyMs) await pause(fault.latencyMs);
			if (answerFault(req, res, entry, fault)) return undefined;
		}

		if (req.headers.authorization !== `Bearer ${apiKey}`) {
			return sendError(
				res,
				new LinqError(401, 2004, 'Unauthorized - missing or invalid authentication token'),
			);
		}
		const wait = bucket ? bucket.take() : 0;
		if (wait > 0) {
			const error = new LinqError(429, 1007, 'Rate limit exceeded');
			error.retryAfter = wait;
			return sendError(res, error, { 'retry-after': String(wait) });
		}
		const answer = route(method, path, body, url.searchParams, { headers: req.headers, entry });
		if (fault?.after) {
			if (fault.latencyMs) await pause(fault.latencyMs);
			if (answerFault(req, res, entry, fault)) return undefined;
		}
		return send(res, answer.status, answer.payload, answer.headers);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (res.headersSent) return;
			sendError(
				res,
				error instanceof LinqError ? error : new LinqError(500, 3006, 'Internal server error'),
			);
		});
	});
	server.keepAliveTimeout = 5_000;
	await new Promise((resolve) =>
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined)),
	);
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
	ctx.origin = origin;
	attachments.origin = origin;

	return {
		/** http://127.0.0.1:<port> (control endpoints, uploads and media live here) */
		origin,
		/** What a Linq credential's Base URL is set to: `${origin}/api/partner` */
		baseUrl: `${origin}${API_PREFIX}`,
		apiKey,
		/** Chats, lines, subscriptions, contact cards, locations, capabilities (sandbox/state.js). */
		state,
		/** Stored messages (sandbox/messages.js): `messages.all()`, `messages.get(id)`. */
		messages,
		/** Attachments (sandbox/attachments.js): `attachments.items` by id. */
		attachments,
		/** Every request, in order: { method, path, query, body, headers, at, status, replayed? (an idempotent replay), upload? }. */
		requests,
		/** Webhook deliveries: `dispatcher.attempts` lists every attempt (with its envelope). */
		dispatcher,
		/** Adds a fault switch (see the Fault typedef above). @param {Fault} fault */
		addFault: (fault) => faults.push({ hits: 0, ...fault }),
		clearFaults: () => {
			faults = [];
		},
		/** @param {number} ms */
		setLatency: (ms) => {
			latencyMs = ms;
		},
		/** Turns the token bucket on ({ perSecond, burst? }) or off (null or {}); returns the limit in force. */
		setRateLimit: (/** @type {{ perSecond: number, burst?: number } | null} */ limit) =>
			control.setRateLimit(limit),
		/** Someone messages you (POST /__sandbox/inbound); returns the stored Message. */
		inbound: control.inbound,
		/** Someone reacts (POST /__sandbox/reaction); returns the webhook's data. */
		react: control.react,
		/** The other person starts or stops typing (POST /__sandbox/typing). */
		typing: control.typing,
		/** Sets the location features of a chat (POST /__sandbox/location). */
		setLocation: control.setLocation,
		/** The recipient reads a message you sent (POST /__sandbox/read). */
		read: control.read,
		/** A message you sent fails (POST /__sandbox/fail). */
		fail: control.fail,
		/** A line changes status/reputation (POST /__sandbox/line-status). */
		lineStatus: control.lineStatus,
		/** Back to the seeded state (POST /__sandbox/reset). */
		reset,
		/** Re-sends a delivery with the same webhook-id (a Linq retry); resolves with the HTTP status. */
		redeliver: (webhookId) => dispatcher.redeliver(webhookId),
		/** Runs every queued job now (in order) and waits until their deliveries have been attempted once. */
		async settle() {
			do {
				for (const [timer, job] of [...jobs]) {
					clearTimeout(timer);
					jobs.delete(timer);
					job();
				}
				await dispatcher.settle();
			} while (jobs.size > 0);
		},
		/** Stops everything: queued jobs, held requests, retries, the server. */
		async close() {
			for (const timer of jobs.keys()) clearTimeout(timer);
			jobs.clear();
			for (const held of pauses) clearTimeout(held);
			dispatcher.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { createSandbox, API_PREFIX, ALL_EVENTS };
