/** Sandbox attachments (https://docs.linqapp.com/api/resources/attachments/methods/create): the slot, the presigned PUT with S3's checks, served bytes, get and delete. */
import { createSandbox } from '../../sandbox/server';
import { SEED_IDS } from '../../sandbox/state';
import {
	call,
	expectError,
	expectSigned,
	ISO,
	raw,
	startHook,
	subscribe,
	useSandbox,
	UUID_RE,
} from './harness';

const sb = useSandbox();
const BYTES = Buffer.from('\x89PNG fake image bytes');
const slot = (body: object = {}) =>
	call(sb.sandbox, 'POST', '/v3/attachments', {
		filename: 'photo.png',
		content_type: 'image/png',
		size_bytes: BYTES.length,
		...body,
	});
const put = (url: string, headers: Record<string, string>, body: Buffer = BYTES) =>
	raw(url, { method: 'PUT', headers, body });

describe('POST /v3/attachments', () => {
	it('hands out a presigned PUT on the sandbox with the required headers', async () => {
		const created = await slot();
		expect(created.status).toBe(201);
		expect(created.body).toEqual({
			attachment_id: expect.stringMatching(UUID_RE),
			upload_url: expect.stringMatching(
				new RegExp(
					`^${sb.sandbox.origin}/__uploads/[0-9a-f-]{36}\\?.*X-Amz-Signature=[0-9a-f]{64}$`,
				),
			),
			http_method: 'PUT',
			required_headers: { 'Content-Type': 'image/png', 'Content-Length': String(BYTES.length) },
			download_url: `${sb.sandbox.origin}/__media/${created.body.attachment_id}/photo.png`,
			expires_at: ISO,
		});
		const minutes = (Date.parse(created.body.expires_at) - Date.now()) / 60_000;
		expect(minutes).toBeGreaterThan(13);
		expect(minutes).toBeLessThanOrEqual(15);
		expect(
			(await call(sb.sandbox, 'GET', `/v3/attachments/${created.body.attachment_id}`)).body,
		).toEqual({
			id: created.body.attachment_id,
			filename: 'photo.png',
			content_type: 'image/png',
			size_bytes: BYTES.length,
			created_at: ISO,
			status: 'pending',
			download_url: created.body.download_url,
		});
	});

	it.each([
		['no filename', { filename: undefined }, 400, 1001],
		['no content_type', { content_type: undefined }, 400, 1001],
		['no size_bytes', { size_bytes: undefined }, 400, 1001],
		['an unsupported type', { content_type: 'audio/flac' }, 400, 5004],
		['an executable', { content_type: 'application/x-msdownload' }, 400, 5004],
		['more than 100 MB', { size_bytes: 100 * 1024 * 1024 + 1 }, 400, 5005],
		['a size of 0', { size_bytes: 0 }, 400, 1005],
	])('refuses %s', async (_label, body, status, code) => {
		expectError(await slot(body), status, code);
	});

	it('accepts exactly 100 MB and every listed type', async () => {
		expect((await slot({ size_bytes: 100 * 1024 * 1024 })).status).toBe(201);
		for (const type of [
			'image/heic',
			'video/quicktime',
			'audio/x-caf',
			'text/vcard',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		]) {
			expect([type, (await slot({ content_type: type })).status]).toEqual([type, 201]);
		}
	});
});

describe('the presigned upload', () => {
	it('takes the bytes with exactly the required headers and no Linq auth; the download URL serves them back', async () => {
		const { body } = await slot();
		const uploaded = await put(body.upload_url, body.required_headers);
		expect(uploaded.status).toBe(200);
		expect(uploaded.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
		expect(
			(await call(sb.sandbox, 'GET', `/v3/attachments/${body.attachment_id}`)).body.status,
		).toBe('complete');
		const served = await raw(body.download_url, {});
		expect([served.status, served.headers['content-type'], served.body.equals(BYTES)]).toEqual([
			200,
			'image/png',
			true,
		]);
		const logged = sb.sandbox.requests.find((r: { upload?: boolean }) => r.upload);
		expect(logged).toMatchObject({ method: 'PUT', upload: true, bytes: BYTES.length, status: 200 });
		expect(logged.headers.authorization).toBeUndefined();
	});

	it('refuses a request that also carries an Authorization header (two auth mechanisms), as S3 does', async () => {
		const { body } = await slot();
		const refused = await put(body.upload_url, {
			...body.required_headers,
			Authorization: `Bearer ${sb.sandbox.apiKey}`,
		});
		expect(refused.status).toBe(400);
		expect(refused.headers['content-type']).toBe('application/xml');
		expect(refused.body.toString()).toMatch(
			/<Code>InvalidArgument<\/Code>.*Only one auth mechanism allowed/s,
		);
		expect(sb.sandbox.attachments.items.get(body.attachment_id).status).toBe('pending');
	});

	it.each([
		[
			'another Content-Type',
			(h: Record<string, string>) => ({ ...h, 'Content-Type': 'image/jpeg' }),
			BYTES,
			400,
			'InvalidArgument',
		],
		[
			'no Content-Type',
			(h: Record<string, string>) => ({ 'Content-Length': h['Content-Length'] }),
			BYTES,
			400,
			'InvalidArgument',
		],
		[
			'fewer bytes than declared',
			(h: Record<string, string>) => ({ ...h, 'Content-Length': String(BYTES.length - 1) }),
			BYTES.subarray(1),
			400,
			'IncompleteBody',
		],
		[
			'more bytes than declared',
			(h: Record<string, string>) => ({ ...h, 'Content-Length': String(BYTES.length + 1) }),
			Buffer.concat([BYTES, Buffer.from('!')]),
			400,
			'IncompleteBody',
		],
	])('refuses %s', async (_label, headers, bytes, status, code) => {
		const { body } = await slot();
		const refused = await put(body.upload_url, headers(body.required_headers), bytes);
		expect([refused.status, refused.body.toString().match(/<Code>(\w+)<\/Code>/)?.[1]]).toEqual([
			status,
			code,
		]);
		expect(sb.sandbox.attachments.items.get(body.attachment_id).status).toBe('pending');
	});

	it('refuses a wrong signature (403) and a chunked body without Content-Length (411)', async () => {
		const { body } = await slot();
		const forged = body.upload_url.replace(/X-Amz-Signature=\w+/, 'X-Amz-Signature=00');
		expect((await put(forged, body.required_headers)).status).toBe(403);
		const chunked = await raw(body.upload_url, {
			method: 'PUT',
			headers: { 'Content-Type': 'image/png', 'Transfer-Encoding': 'chunked' },
			body: BYTES,
		});
		expect(chunked.status).toBe(411);
	});

	it('fault switches reach the upload URL: a refused PUT stores nothing; a PUT whose answer is lost (after) is stored', async () => {
		const { body } = await slot();
		sb.sandbox.addFault({ method: 'PUT', path: '^/__uploads/', status: 503, code: 4004, times: 1 });
		expect((await put(body.upload_url, body.required_headers)).status).toBe(503);
		expect(sb.sandbox.attachments.items.get(body.attachment_id).status).toBe('pending');
		sb.sandbox.addFault({ method: 'PUT', path: '^/__uploads/', drop: true, after: true, times: 1 });
		await expect(put(body.upload_url, body.required_headers)).rejects.toThrow();
		expect(sb.sandbox.attachments.items.get(body.attachment_id).status).toBe('complete');
		expect(sb.sandbox.requests.map((r: { status?: unknown }) => r.status)).toEqual([
			201,
			503,
			'dropped',
		]);
	});

	it('refuses an upload after the URL expired (15 minutes, sandbox clock)', async () => {
		let clock = Date.now();
		const timed = await createSandbox({ apiKey: 'sk_clock', now: () => clock });
		try {
			const { body } = await call(timed, 'POST', '/v3/attachments', {
				filename: 'a.png',
				content_type: 'image/png',
				size_bytes: BYTES.length,
			});
			clock += 16 * 60_000;
			const late = await put(body.upload_url, body.required_headers);
			expect([late.status, late.body.toString().includes('<Code>AccessDenied</Code>')]).toEqual([
				403,
				true,
			]);
		} finally {
			await timed.close();
		}
	});
});

describe('attachments in messages, GET and DELETE', () => {
	it('media by attachment_id: 404/2007 before the upload, then parts and webhooks carry a URL that serves the bytes', async () => {
		const hook = await startHook();
		try {
			const secret = await subscribe(sb.sandbox, hook, ['message.sent']);
			const { body } = await slot();
			const message = {
				message: { parts: [{ type: 'media', attachment_id: body.attachment_id }] },
			};
			expectError(
				await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, message),
				404,
				2007,
			);
			await put(body.upload_url, body.required_headers);
			const sent = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, message);
			const part = sent.body.message.parts[0];
			expect(part).toEqual({
				type: 'media',
				id: body.attachment_id,
				filename: 'photo.png',
				mime_type: 'image/png',
				size_bytes: BYTES.length,
				url: expect.stringContaining('/__media/'),
				reactions: null,
			});
			await sb.sandbox.settle();
			expectSigned(hook, secret);
			const webhookPart = hook.data('message.sent')[0].parts[0];
			expect(webhookPart).toEqual({
				type: 'media',
				id: body.attachment_id,
				filename: 'photo.png',
				mime_type: 'image/png',
				size_bytes: BYTES.length,
				url: part.url,
			});
			const served = await raw(webhookPart.url, {});
			expect([served.status, served.headers['content-type'], served.body.equals(BYTES)]).toEqual([
				200,
				'image/png',
				true,
			]);
			// The same id can be sent again (it never expires), and so can the sandbox's own media URL.
			expect(
				(await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, message)).status,
			).toBe(200);
			const byOwnUrl = await call(sb.sandbox, 'POST', `/v3/chats/${SEED_IDS.dm}/messages`, {
				message: { parts: [{ type: 'media', url: part.url }] },
			});
			expect(byOwnUrl.body.message.parts[0]).toMatchObject({
				id: body.attachment_id,
				filename: 'photo.png',
				size_bytes: BYTES.length,
			});
		} finally {
			await hook.close();
		}
	});

	it('GET: 400 for a non-UUID id, 404/2003 for an unknown one; DELETE: 204, then GETs and URLs 404', async () => {
		expectError(await call(sb.sandbox, 'GET', '/v3/attachments/not-a-uuid'), 400, 1005);
		expectError(
			await call(sb.sandbox, 'GET', '/v3/attachments/99999999-9999-4999-8999-999999999999'),
			404,
			2003,
		);
		expectError(await call(sb.sandbox, 'DELETE', '/v3/attachments/not-a-uuid'), 400, 1005);
		const { body } = await slot();
		await put(body.upload_url, body.required_headers);
		const deleted = await call(sb.sandbox, 'DELETE', `/v3/attachments/${body.attachment_id}`);
		expect([deleted.status, deleted.text]).toEqual([204, '']);
		expectError(await call(sb.sandbox, 'GET', `/v3/attachments/${body.attachment_id}`), 404, 2003);
		expectError(
			await call(sb.sandbox, 'DELETE', `/v3/attachments/${body.attachment_id}`),
			404,
			2003,
		);
		expect((await raw(body.download_url, {})).status).toBe(404);
		expect(
			(
				await raw(
					`${sb.sandbox.origin}/__media/${body.attachment_id}/photo.png?X-Amz-Expires=3600`,
					{},
				)
			).status,
		).toBe(404);
	});
});
