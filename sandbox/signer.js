'use strict';
/**
 * The one webhook signer: Standard Webhooks (https://docs.linqapp.com/guides/webhooks/) through the `standardwebhooks` npm
 * package, the same library Linq's SDK verifies with. The sandbox signs its deliveries here, and
 * tests can sign forged or replayed deliveries with it too.
 */
const { randomBytes } = require('node:crypto');
const { Webhook } = require('standardwebhooks');

/**
 * The `webhook-signature` header value (`v1,<base64>`) for one delivery.
 * @param {string} secret a `whsec_<base64>` signing secret
 * @param {string} webhookId the `webhook-id` header
 * @param {number|string} timestampSeconds the `webhook-timestamp` header (Unix seconds)
 * @param {Buffer|string} body the raw body, exactly as sent. A Buffer is signed as its UTF-8 text,
 *   as standardwebhooks does; every body the sandbox sends is JSON, so that is the raw bytes.
 * @returns {string}
 */
function signStandardWebhook(secret, webhookId, timestampSeconds, body) {
	const payload = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
	return new Webhook(secret).sign(webhookId, new Date(Number(timestampSeconds) * 1000), payload);
}

/** A fresh signing secret in Linq's format: `whsec_` + base64 of 24 random bytes. */
function newSigningSecret() {
	return `whsec_${randomBytes(24).toString('base64')}`;
}

module.exports = { signStandardWebhook, newSigningSecret };
