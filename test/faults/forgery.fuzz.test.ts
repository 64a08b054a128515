/**
 * Webhook forgery fuzz: 12,000 generated deliveries (random bodies, ids, secrets, timestamps,
 * signature lists and encodings) against the verifier. Property: it never throws, and it accepts a
 * delivery exactly when a reference check written here from the Standard Webhooks spec does, so
 * no unsigned or mis-signed delivery gets in and every correctly signed one does.
 * A seeded generator keeps failures reproducible (FUZZ_SEED=n).
 */
import { createHmac } from 'node:crypto';

import { verifyDelivery } from '../../nodes/shared/signature';
import { deliver, triggerWorkflow } from '../helpers/trigger';
import { registerSecret } from '../helpers/secrets';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CASES = 12_000;
const NOW = 1_795_400_000;

function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const random = prng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(list: T[]): T => list[int(list.length)];
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
const chance = (p: number) => random() < p;

function randomSecret(): string {
	const key = bytes(1 + int(64)).toString('base64');
	return chance(0.85) ? `whsec_${key}` : key;
}

function randomBody(): Buffer {
	switch (int(5)) {
		case 0:
			return Buffer.alloc(0);
		case 1:
			return bytes(int(600));
		case 2:
			return Buffer.from(
				JSON.stringify({ event_type: 'participant.removed', n: random(), s: 'é✓🙂\u0000' }),
			);
		case 3:
			return Buffer.from(' '.repeat(int(5)) + '{"a":' + int(1e6) + '}\n');
		default:
			return Buffer.from(
				String.fromCharCode(...Array.from({ length: int(200) }, () => int(0xd800))),
				'utf8',
			);
	}
}

function randomId(): string {
	return pick([
		() => `msg_${bytes(12).toString('hex')}`,
		() => '',
		() => 'msg.with.dots',
		() => 'ünïcode-id',
		() => bytes(int(40)).toString('base64'),
	])();
}

/** Offsets that stay clear of the ±300 s edge, for runs against the real clock. */
const offset = (edgeSafe: boolean) => {
	const value = int(600) - 300;
	return edgeSafe && Math.abs(Math.abs(value) - 300) < 10 ? 0 : value;
};

function randomTimestamp(now: number, edgeSafe: boolean): string {
	if (chance(0.5)) return String(now - int(200));
	return pick([
		() => String(now),
		() => String(now + offset(edgeSafe) * 2),
		() => String(now + offset(edgeSafe)),
		() => String(now - (edgeSafe ? 310 : 300)),
		() => String(now + (edgeSafe ? 290 : 300)),
		() => String(now - (edgeSafe ? 290 : 301)),
		() => `${now}.5`,
		() => `-${now}`,
		() => `${now}abc`,
		() => ` ${now}`,
		() => '',
		() => String(now * 1000),
		() => '1e9',
	])();
}

/** Reference: base64(HMAC-SHA256(b64decode(secret minus whsec_), id.ts.body)), written from the spec. */
function referenceSignature(secret: string, id: string, ts: string, body: Buffer): string {
	const key = Buffer.from(secret.startsWith('whsec_') ? secret.substring(6) : secret, 'base64');
	return createHmac('sha256', key)
		.update(Buffer.concat([Buffer.from(`${id}.${ts}.`, 'utf8'), body]))
		.digest('base64');
}

function referenceAccepts(
	secret: string,
	headers: Record<string, unknown>,
	body: Buffer,
	now = NOW,
): boolean {
	const id = headers['webhook-id'];
	const ts = headers['webhook-timestamp'];
	const sig = headers['webhook-signature'];
	if (
		typeof id !== 'string' ||
		typeof ts !== 'string' ||
		typeof sig !== 'string' ||
		!id ||
		!ts ||
		!sig
	)
		return false;
	if (!/^[0-9]+$/.test(ts) || ts.length > 15) return false;
	if (Math.abs(now - Number(ts)) > 300) return false;
	const key = Buffer.from(secret.startsWith('whsec_') ? secret.substring(6) : secret, 'base64');
	if (key.length === 0) return false;
	const expected = referenceSignature(secret, id, ts, body);
	return sig.split(' ').some((entry) => entry === `v1,${expected}`);
}

function randomSignatures(secret: string, id: string, ts: string, body: Buffer): string {
	const good = referenceSignature(secret, id, ts, body);
	const entries = Array.from({ length: 1 + int(4) }, () =>
		chance(0.3)
			? `v1,${good}`
			: pick([
					() => `v1,${good}`,
					() => `v1,${referenceSignature(randomSecret(), id, ts, body)}`,
					() => `v1,${referenceSignature(secret, id, ts, Buffer.concat([body, Buffer.from('x')]))}`,
					() => `v1,${referenceSignature(secret, `${id}x`, ts, body)}`,
					() => `v2,${good}`,
					() => `V1,${good}`,
					() => `v1,${good.slice(0, -1)}`,
					() => `v1,${good}=`,
					() => `v1, ${good}`,
					() => good,
					() => `v1,${bytes(32).toString('base64')}`,
					() => 'v1,',
					() => ',,,',
					() => `v1,${Buffer.from(good, 'base64').toString('hex')}`,
				])(),
	);
	return entries.join(chance(0.1) ? '  ' : ' ');
}

interface Case {
	secret: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

function randomCase(now = NOW, edgeSafe = false): Case {
	const secret = randomSecret();
	const id = randomId();
	const ts = randomTimestamp(now, edgeSafe);
	const signedBody = randomBody();
	const headers: Case['headers'] = {
		'webhook-id': id,
		'webhook-timestamp': ts,
		'webhook-signature': randomSignatures(secret, id, ts, signedBody),
	};
	if (chance(0.05)) delete headers[pick(['webhook-id', 'webhook-timestamp', 'webhook-signature'])];
	if (chance(0.02)) headers['webhook-signature'] = [String(headers['webhook-signature']), 'v1,x'];
	let body = signedBody;
	if (chance(0.1) && body.length > 0) {
		body = Buffer.from(body);
		body[int(body.length)] ^= 1 + int(255);
	}
	const verifierSecret = chance(0.05)
		? randomSecret()
		: chance(0.05)
			? secret.replace(/^whsec_/, '')
			: secret;
	return { secret: verifierSecret, headers, body };
}

describe(`webhook forgery fuzz (${CASES} deliveries, seed ${SEED})`, () => {
	const cases = Array.from({ length: CASES }, () => randomCase());

	it('never throws, and accepts exactly the correctly signed deliveries', () => {
		let accepted = 0;
		const disagreements: string[] = [];
		for (const c of cases) {
			const result = verifyDelivery({
				secret: c.secret,
				headers: c.headers,
				rawBody: c.body,
				nowSeconds: NOW,
			});
			const expected = referenceAccepts(c.secret, c.headers, c.body);
			if (result.valid !== expected && disagreements.length < 5) {
				disagreements.push(JSON.stringify({ ...c, body: c.body.toString('base64'), got: result }));
			}
			if (result.valid) accepted++;
		}
		expect(disagreements).toEqual([]);
		// The generator must exercise both sides of the property.
		expect(accepted).toBeGreaterThan(CASES * 0.1);
		expect(accepted).toBeLessThan(CASES * 0.9);
	});

	it("through the trigger's handler: 1,000 deliveries, no exception, no 500, 401 exactly for the unverifiable", async () => {
		const realNow = Math.floor(Date.now() / 1000);
		let verified = 0;
		for (let n = 0; n < 1000; n++) {
			const c = randomCase(realNow, true);
			registerSecret(c.secret);
			const workflow = triggerWorkflow({
				subscriptionMode: 'manual',
				events: ['participant.removed'],
			});
			const verifies = referenceAccepts(c.secret, c.headers, c.body, realNow);
			const result = await deliver(workflow, c.headers as Record<string, string>, c.body, c.secret);
			if (verifies) {
				verified++;
				// 200 (an execution, or an ignored event) or 400 for a signed body that is not JSON.
				expect([200, 400]).toContain(result.status);
			} else {
				expect(result.status).toBe(401);
				expect(result.response.workflowData).toBeUndefined();
			}
		}
		expect(verified).toBeGreaterThan(100);
	}, 120_000);
});
