import { createHmac, timingSafeEqual } from 'crypto';

/** Linq signs deliveries with Standard Webhooks (https://docs.linqapp.com/guides/webhooks/). */
export const SECRET_PREFIX = 'whsec_';
/** Deliveries older or newer than this (seconds) are refused: replay protection. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

export type HeaderValue = string | string[] | undefined;

export interface DeliveryToVerify {
	secret: string;
	headers: Record<string, HeaderValue>;
	/** The request body exactly as received, never re-serialised JSON. */
	rawBody: Buffer;
	nowSeconds?: number;
}

export type VerificationResult =
	| { valid: true; webhookId: string }
	| { valid: false; reason: string };

function header(headers: Record<string, HeaderValue>, name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The HMAC key: the secret without its `whsec_` prefix, base64-decoded. */
export function signingKey(secret: string): Buffer {
	const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
	return Buffer.from(encoded, 'base64');
}

/** What is wrong with a pasted signing secret, or undefined when it looks like one Linq issues. */
export function signingSecretProblem(secret: string): string | undefined {
	if (!secret.startsWith(SECRET_PREFIX))
		return 'A Linq signing secret starts with whsec_: copy the whole value Linq showed';
	const encoded = secret.slice(SECRET_PREFIX.length);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
		return 'After whsec_ a signing secret is base64 (letters, digits, + and /): part of it may be missing';
	}
	if (signingKey(secret).length < 16)
		return 'This signing secret is too short: part of it may be missing';
	return undefined;
}

/** base64(HMAC-SHA256(key, `${id}.${timestamp}.` + raw body bytes)). */
export function computeSignature(
	secret: string,
	webhookId: string,
	timestamp: string,
	rawBody: Buffer,
): string {
	return createHmac('sha256', signingKey(secret))
		.update(`${webhookId}.${timestamp}.`)
		.update(rawBody)
		.digest('base64');
}

function constantTimeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a delivery. Never throws: every malformed input is simply invalid, with a reason that
 * is safe to log (it never contains the secret or a signature).
 */
export function verifyDelivery({
	secret,
	headers,
	rawBody,
	nowSeconds,
}: DeliveryToVerify): VerificationResult {
	try {
		const webhookId = header(headers, 'webhook-id');
		const timestamp = header(headers, 'webhook-timestamp');
		const signatures = header(headers, 'webhook-signature');
		if (!webhookId || !timestamp || !signatures) {
			return {
				valid: false,
				reason: 'missing webhook-id, webhook-timestamp or webhook-signature header',
			};
		}
		if (!/^\d{1,15}$/.test(timestamp))
			return { valid: false, reason: 'webhook-timestamp is not a number' };
		const now = nowSeconds ?? Math.floor(Date.now() / 1000);
		const sentAt = Number(timestamp);
		if (now - sentAt > TIMESTAMP_TOLERANCE_SECONDS)
			return { valid: false, reason: 'timestamp too old' };
		if (sentAt > now + TIMESTAMP_TOLERANCE_SECONDS)
			return { valid: false, reason: 'timestamp too new' };
		if (!secret || signingKey(secret).length === 0)
			return { valid: false, reason: 'no signing secret configured' };

		const expected = computeSignature(secret, webhookId, timestamp, rawBody);
		for (const entry of signatures.split(' ')) {
			const comma = entry.indexOf(',');
			if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
			if (constantTimeEqual(entry.slice(comma + 1), expected)) return { valid: true, webhookId };
		}
		return { valid: false, reason: 'no matching v1 signature' };
	} catch {
		return { valid: false, reason: 'unreadable signature headers' };
	}
}
