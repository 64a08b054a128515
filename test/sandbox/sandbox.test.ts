import { createSandbox } from '../../sandbox/server';
import { SEED_IDS } from '../../sandbox/state';
import { verifyDelivery } from '../../nodes/shared/signature';
import { startServer } from '../helpers/loopback';

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

async function call(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
	key = sandbox.apiKey,
) {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${key}`,
			...(body ? { 'content-type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('Linq sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await createSandbox({
			apiKey: 'sk_test',
			queueDelayMs: 5,
			retryDelaysMs: [20, 20, 20],
		});
	});
	afterEach(async () => sandbox.close());

	it.each([
		['bad key', 'GET', '/v3/phone_numbers', undefined, 'wrong', 401, 2004],
		[
			'unknown chat',
			'POST',
			'/v3/chats/99999999-9999-4999-8999-999999999999/leave',
			undefined,
			undefined,
			404,
			2001,
		],
		[
			'non-E.164 handle',
			'POST',
			`/v3/chats/${SEED_IDS.imessageGroup}/participants`,
			{ handle: '555-1234' },
			undefined,
			400,
			1002,
		],
		[
			'cross-service add',
			'POST',
			`/v3/chats/${SEED_IDS.imessageGroup}/participants`,
			{ handle: '+14155550999' },
			undefined,
			409,
			2017,
		],
		[
			'add someone already there',
			'POST',
			`/v3/chats/${SEED_IDS.smallGroup}/participants`,
			{ handle: '+14155550401' },
			undefined,
			409,
			2015,
		],
		[
			'removal leaving 2',
			'DELETE',
			`/v3/chats/${SEED_IDS.smallGroup}/participants`,
			{ handle: '+14155550401' },
			undefined,
			409,
			2015,
		],
		['leave a DM', 'POST', `/v3/chats/${SEED_IDS.dm}/leave`, undefined, undefined, 409, 2015],
		[
			'leave an SMS group',
			'POST',
			`/v3/chats/${SEED_IDS.smsGroup}/leave`,
			undefined,
			undefined,
			409,
			2017,
		],
	])("refuses %s with Linq's envelope", async (_l, method, path, body, key, status, code) => {
		const result = await call(sandbox, method, path, body, key);
		expect(result.status).toBe(status);
		expect(result.body).toMatchObject({
			success: false,
			error: { status, code, doc_url: expect.stringContaining(String(code)) },
		});
	});

	it('after leaving, the chat answers 2013', async () => {
		expect((await call(sandbox, 'POST', `/v3/chats/${SEED_IDS.imessageGroup}/leave`)).status).toBe(
			202,
		);
		const again = await call(
			sandbox,
			'DELETE',
			`/v3/chats/${SEED_IDS.imessageGroup}/participants`,
			{ handle: '+14155550101' },
		);
		expect(again.body.error.code).toBe(2013);
	});

	it('paginates chats with an opaque cursor', async () => {
		const first = await call(sandbox, 'GET', '/v3/chats?limit=3');
		expect(first.body.chats).toHaveLength(3);
		const second = await call(sandbox, 'GET', `/v3/chats?limit=3&cursor=${first.body.next_cursor}`);
		expect(second.body.chats).toHaveLength(1);
		expect(second.body.next_cursor).toBeNull();
	});

	it('delivers a signed participant.removed to a matching subscription, and retries a 500', async () => {
		const received: Array<{ headers: Record<string, string>; body: Buffer }> = [];
		let answers = [500, 200];
		const hook = await startServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({
					headers: req.headers as Record<string, string>,
					body: Buffer.concat(chunks),
				});
				res.writeHead(answers.shift() ?? 200).end();
			});
		});
		try {
			const sub = await call(sandbox, 'POST', '/v3/webhook-subscriptions', {
				target_url: `${hook.url}/hook?version=2026-02-03`,
				subscribed_events: ['participant.removed'],
			});
			expect(sub.status).toBe(201);
			expect(sub.body.signing_secret).toMatch(/^whsec_/);
			expect(
				(
					await call(sandbox, 'POST', '/v3/webhook-subscriptions', {
						target_url: `${hook.url}/hook?version=2026-02-03`,
						subscribed_events: ['participant.removed'],
					})
				).body.error.code,
			).toBe(2015);

			await call(sandbox, 'DELETE', `/v3/chats/${SEED_IDS.imessageGroup}/participants`, {
				handle: '+14155550101',
			});
			await new Promise((r) => setTimeout(r, 200));
			await sandbox.settle();

			expect(received).toHaveLength(2);
			expect(received[0].headers['webhook-id']).toBe(received[1].headers['webhook-id']);
			for (const delivery of received) {
				expect(
					verifyDelivery({
						secret: sub.body.signing_secret,
						headers: delivery.headers,
						rawBody: delivery.body,
					}).valid,
				).toBe(true);
			}
			const envelope = JSON.parse(received[1].body.toString());
			expect(envelope).toMatchObject({
				event_type: 'participant.removed',
				webhook_version: '2026-02-03',
				data: {
					chat_id: SEED_IDS.imessageGroup,
					handle: '+14155550101',
					participant: { handle: '+14155550101', status: 'removed' },
				},
			});
		} finally {
			await hook.close();
		}
	});

	it('fault switches: forced status, HTML, and a bounded count', async () => {
		sandbox.addFault({
			method: 'GET',
			path: '^/v3/phone_numbers$',
			status: 429,
			code: 1007,
			message: 'Rate limit exceeded',
			retryAfter: 0,
			times: 1,
		});
		expect((await call(sandbox, 'GET', '/v3/phone_numbers')).status).toBe(429);
		expect((await call(sandbox, 'GET', '/v3/phone_numbers')).status).toBe(200);
		sandbox.addFault({ path: 'leave', html: true, status: 502 });
		const html = await fetch(`${sandbox.baseUrl}/v3/chats/${SEED_IDS.imessageGroup}/leave`, {
			method: 'POST',
		});
		expect(html.status).toBe(502);
		expect(await html.text()).toContain('<html>');
	});
});
