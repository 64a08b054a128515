import { createHmac } from 'node:crypto';

import { computeSignature, verifyDelivery } from '../../../nodes/shared/signature';
import { newSecret, sign } from '../../helpers/trigger';

const secret = newSecret();
const now = 1_795_400_000;
const body = Buffer.from('{"event_type":"participant.removed","data":{"chat_id":"c1"}}');
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';

function headers(
	overrides: Record<string, string | undefined> = {},
	signBody: Buffer = body,
	key = secret,
	ts = now,
) {
	return {
		'webhook-id': id,
		'webhook-timestamp': String(ts),
		'webhook-signature': sign(key, id, ts, signBody),
		...overrides,
	};
}

function rawBytesSignature(raw: Buffer) {
	const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
	return `v1,${createHmac('sha256', key)
		.update(Buffer.concat([Buffer.from(`${id}.${now}.`), raw]))
		.digest('base64')}`;
}

const otherSecret = newSecret();
const validSig = sign(secret, id, now, body);
const bareSecret = secret.slice('whsec_'.length);

const cases: Array<[string, Parameters<typeof verifyDelivery>[0], boolean]> = [
	['valid delivery', { secret, headers: headers(), rawBody: body, nowSeconds: now }, true],
	[
		'tampered body',
		{
			secret,
			headers: headers(),
			rawBody: Buffer.from(body.toString().replace('c1', 'c2')),
			nowSeconds: now,
		},
		false,
	],
	[
		'body re-serialised with different spacing',
		{
			secret,
			headers: headers(),
			rawBody: Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1)),
			nowSeconds: now,
		},
		false,
	],
	[
		'wrong secret',
		{ secret, headers: headers({}, body, otherSecret), rawBody: body, nowSeconds: now },
		false,
	],
	[
		'node secret without whsec_ prefix, same key',
		{ secret: bareSecret, headers: headers(), rawBody: body, nowSeconds: now },
		true,
	],
	[
		'stale: 301 s old',
		{ secret, headers: headers({}, body, secret, now - 301), rawBody: body, nowSeconds: now },
		false,
	],
	[
		'just inside: 300 s old',
		{ secret, headers: headers({}, body, secret, now - 300), rawBody: body, nowSeconds: now },
		true,
	],
	[
		'future: 301 s ahead',
		{ secret, headers: headers({}, body, secret, now + 301), rawBody: body, nowSeconds: now },
		false,
	],
	[
		'missing webhook-id',
		{ secret, headers: headers({ 'webhook-id': undefined }), rawBody: body, nowSeconds: now },
		false,
	],
	[
		'missing webhook-timestamp',
		{
			secret,
			headers: headers({ 'webhook-timestamp': undefined }),
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'missing webhook-signature',
		{
			secret,
			headers: headers({ 'webhook-signature': undefined }),
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'several signatures, one valid',
		{
			secret,
			headers: headers({
				'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${validSig} v1,bogus`,
			}),
			rawBody: body,
			nowSeconds: now,
		},
		true,
	],
	[
		'several signatures, none valid',
		{
			secret,
			headers: headers({
				'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} v1,bogus`,
			}),
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'v2 entry with the right value is ignored',
		{
			secret,
			headers: headers({ 'webhook-signature': validSig.replace('v1,', 'v2,') }),
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'v2 entry ignored, v1 valid',
		{
			secret,
			headers: headers({ 'webhook-signature': `v2,xyz ${validSig}` }),
			rawBody: body,
			nowSeconds: now,
		},
		true,
	],
	[
		'non-numeric timestamp',
		{
			secret,
			headers: headers({ 'webhook-timestamp': `${now}a` }),
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'timestamp in milliseconds',
		{ secret, headers: headers({}, body, secret, now * 1000), rawBody: body, nowSeconds: now },
		false,
	],
	[
		'empty body, correctly signed',
		{ secret, headers: headers({}, Buffer.alloc(0)), rawBody: Buffer.alloc(0), nowSeconds: now },
		true,
	],
	[
		'empty body, signature of another body',
		{ secret, headers: headers(), rawBody: Buffer.alloc(0), nowSeconds: now },
		false,
	],
	[
		'signature without version prefix',
		{
			secret,
			headers: headers({ 'webhook-signature': validSig.slice(3) }),
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'signature with junk appended',
		{
			secret,
			headers: headers({ 'webhook-signature': `${validSig}==` }),
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'id changed after signing',
		{
			secret,
			headers: { ...headers(), 'webhook-id': 'msg_other' },
			rawBody: body,
			nowSeconds: now,
		},
		false,
	],
	[
		'no secret configured',
		{ secret: '', headers: headers(), rawBody: body, nowSeconds: now },
		false,
	],
	// The standardwebhooks library signs strings; for bytes that are not UTF-8 the reference is the
	// spec's HMAC-SHA256 over the raw bytes.
	[
		'non-UTF-8 body bytes, correctly signed',
		{
			secret,
			headers: headers({
				'webhook-signature': rawBytesSignature(Buffer.from([0xff, 0xfe, 0x00, 0x7b])),
			}),
			rawBody: Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
			nowSeconds: now,
		},
		true,
	],
];

describe('Standard Webhooks verification', () => {
	it.each(cases)('%s', (_label, input, expected) => {
		const result = verifyDelivery(input);
		expect(result.valid).toBe(expected);
		if (!result.valid) expect(result.reason).not.toContain(secret.slice(6, 20));
	});

	it('matches the reference vector of the Standard Webhooks spec', () => {
		// From the Standard Webhooks specification's example.
		const refSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
		const refBody = Buffer.from('{"test": 2432232314}');
		expect(computeSignature(refSecret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', '1614265330', refBody)).toBe(
			'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
		);
	});
});
