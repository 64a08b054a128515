'use strict';
/**
 * Webhook deliveries the way Linq makes them (https://docs.linqapp.com/guides/webhooks/): a JSON POST signed with Standard
 * Webhooks by sandbox/signer.js (plus the legacy X-Webhook-* headers), retried on 5xx, 429 and
 * network errors with exponential backoff, never on other 4xx. message.edited goes to V2
 * subscriptions only (`?version=2026-02-03` on the target URL).
 */
const { createHmac, randomBytes, randomUUID } = require('node:crypto');

const { signStandardWebhook, newSigningSecret } = require('./signer');

/** Linq retries up to 10 times over about 25 minutes; the sandbox keeps the count and the shape. */
const LINQ_RETRY_DELAYS_MS = [
	5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 240_000, 300_000, 300_000, 300_000,
];

/** The `webhook-signature` value (kept under its old name for callers of this module). */
const standardSignature = signStandardWebhook;

function legacySignature(secret, timestamp, body) {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${timestamp}.`)
		.update(body)
		.digest('hex');
}

/** The current payload version (V2); message.edited exists only there. */
const V2 = '2026-02-03';
const V2_ONLY = new Set(['message.edited']);

/** The payload version a subscription asked for with `?version=` on its URL. */
function versionOf(targetUrl) {
	try {
		return new URL(targetUrl).searchParams.get('version') ?? '2025-01-01';
	} catch {
		return '2025-01-01';
	}
}

class WebhookDispatcher {
	/**
	 * @param {{ retryDelaysMs?: number[], partnerId?: string, timeoutMs?: number }} [options]
	 */
	constructor(options = {}) {
		this.retryDelaysMs = options.retryDelaysMs ?? LINQ_RETRY_DELAYS_MS;
		this.partnerId = options.partnerId ?? 'partner_sandbox';
		this.timeoutMs = options.timeoutMs ?? 15_000;
		/** @type {any[]} every attempt, for tests and for GET /__sandbox/deliveries */
		this.attempts = [];
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		/** @type {Set<Promise<void>>} */
		this.inFlight = new Set();
		/** @type {Map<string, {subscription: any, envelope: any}>} what each webhook-id carried, for redelivery */
		this.sent = new Map();
		this.closed = false;
	}

	/**
	 * Sends an event to every active subscription that wants it.
	 * @param {Iterable<any>} subscriptions @param {string} eventType @param {object} data @param {string|undefined} line
	 */
	publish(subscriptions, eventType, data, line) {
		for (const subscription of subscriptions) {
			if (!subscription.is_active || !subscription.subscribed_events.includes(eventType)) continue;
			if (V2_ONLY.has(eventType) && versionOf(subscription.target_url) !== V2) continue;
			const lines = subscription.phone_numbers;
			if (Array.isArray(lines) && lines.length > 0 && line && !lines.includes(line)) continue;
			const envelope = {
				api_version: 'v3',
				webhook_version: versionOf(subscription.target_url),
				event_type: eventType,
				event_id: randomUUID(),
				created_at: new Date().toISOString(),
				partner_id: this.partnerId,
				trace_id: `trace_${randomBytes(8).toString('hex')}`,
				// A snapshot: later changes to the chat or message must not alter this event or its retries.
				data: JSON.parse(JSON.stringify(data)),
			};
			this.deliver(subscription, envelope, `msg_${randomBytes(12).toString('hex')}`, 1);
		}
	}

	/** One attempt; schedules the next one if Linq would retry. */
	deliver(subscription, envelope, webhookId, attempt) {
		if (this.closed) return;
		this.sent.set(webhookId, { subscription, envelope });
		const task = this.attemptOnce(subscription, envelope, webhookId, attempt).finally(() =>
			this.inFlight.delete(task),
		);
		this.inFlight.add(task);
	}

	async attemptOnce(subscription, envelope, webhookId, attempt, retry = true) {
		const body = Buffer.from(JSON.stringify(envelope));
		const timestamp = String(Math.floor(Date.now() / 1000));
		const record = {
			webhook_id: webhookId,
			event_type: envelope.event_type,
			subscription_id: subscription.id,
			target_url: subscription.target_url,
			attempt,
			status: /** @type {number|null} */ (null),
			error: /** @type {string|null} */ (null),
			answer: /** @type {string|null} */ (null),
			at: new Date().toISOString(),
			envelope,
		};
		this.attempts.push(record);
		try {
			const response = await fetch(subscription.target_url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'user-agent': 'Linq-Sandbox-Webhooks/1.0',
					'webhook-id': webhookId,
					'webhook-timestamp': timestamp,
					'webhook-signature': signStandardWebhook(
						subscription.signing_secret,
						webhookId,
						timestamp,
						body,
					),
					'x-webhook-event': envelope.event_type,
					'x-webhook-subscription-id': subscription.id,
					'x-webhook-timestamp': timestamp,
					'x-webhook-signature': legacySignature(subscription.signing_secret, timestamp, body),
				},
				body,
				signal: AbortSignal.timeout(this.timeoutMs),
			});
			record.status = response.status;
			// The start of the receiver's answer, to tell an accepted delivery from a repeat.
			record.answer = (await response.text().catch(() => '')).slice(0, 200);
			if (response.status < 300) return;
			if (response.status !== 429 && response.status < 500) return; // other 4xx: Linq does not retry
		} catch (error) {
			record.error = /** @type {Error} */ (error).message;
		}
		if (retry) this.retry(subscription, envelope, webhookId, attempt);
	}

	retry(subscription, envelope, webhookId, attempt) {
		const delay = this.retryDelaysMs[attempt - 1];
		if (delay === undefined || this.closed) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.deliver(subscription, envelope, webhookId, attempt + 1);
		}, delay);
		timer.unref?.();
		this.timers.add(timer);
	}

	/**
	 * Sends an earlier delivery again with the same webhook-id and a fresh timestamp and signature,
	 * as Linq does when it retries. Resolves with the receiver's HTTP status.
	 */
	async redeliver(webhookId) {
		const earlier = this.sent.get(webhookId);
		if (!earlier) throw new Error(`No delivery ${webhookId}`);
		const before = this.attempts.length;
		await this.attemptOnce(earlier.subscription, earlier.envelope, webhookId, 0);
		return this.attempts[before]?.status ?? null;
	}

	/**
	 * Sends a new delivery of `envelope` once, without retries (a test's burst), and remembers it for
	 * redelivery. Resolves with the receiver's HTTP status (null when the connection failed).
	 */
	async sendOnce(subscription, envelope, webhookId) {
		this.sent.set(webhookId, { subscription, envelope });
		const before = this.attempts.length;
		const record = this.attemptOnce(subscription, envelope, webhookId, 1, false);
		const at = this.attempts[before];
		await record;
		return at?.status ?? null;
	}

	/** Resolves once nothing is being sent right now (scheduled retries may remain). */
	async settle() {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	close() {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}

module.exports = { WebhookDispatcher, newSigningSecret, standardSignature, LINQ_RETRY_DELAYS_MS };
