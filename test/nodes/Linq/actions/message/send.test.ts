import nock from 'nock';

import { API_KEY, BASE_URL, binaryItem, runNode } from '../../../../helpers/engine';
import { CHAT_ID, chatLocator, countAllRequests, linqError } from '../../../../helpers/linq';
import { recordingServer } from '../../../../helpers/loopback';

const MESSAGE_ID = '0c3f1a52-8d2b-4c61-9f40-1b2c3d4e5f60';
const ATTACHMENT_ID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const sent = (parts: unknown[]) => ({
	chat_id: CHAT_ID,
	message: {
		id: MESSAGE_ID,
		created_at: '2026-11-23T10:00:00Z',
		delivery_status: 'queued',
		parts,
		sent_at: null,
	},
});
const sendParams = (extra: object = {}) => ({
	resource: 'message',
	operation: 'send',
	chatId: chatLocator(CHAT_ID),
	...extra,
});

describe('Message → Send', () => {
	it('POSTs the text as one part, with a derived idempotency key, and outputs the message', async () => {
		let body: { message: { parts: unknown[]; idempotency_key: string } } | undefined;
		const scope = nock(BASE_URL, {
			reqheaders: { authorization: `Bearer ${API_KEY}`, 'content-type': /application\/json/ },
		})
			.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
				body = b;
				return true;
			})
			.reply(200, sent([{ type: 'text', value: 'Hello there' }]));
		const { items, error } = await runNode({ parameters: sendParams({ text: 'Hello there' }) });
		expect(error).toBeUndefined();
		expect(body?.message.parts).toEqual([{ type: 'text', value: 'Hello there' }]);
		expect(body?.message.idempotency_key).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(items?.[0].json).toMatchObject({
			chat_id: CHAT_ID,
			message_id: MESSAGE_ID,
			delivery_status: 'queued',
			idempotency_key: body?.message.idempotency_key,
		});
		scope.done();
	});

	it('reply, effect and preferred service go into the message', async () => {
		let message: Record<string, unknown> = {};
		nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
				message = b.message;
				return true;
			})
			.reply(200, sent([]));
		await runNode({
			parameters: sendParams({
				text: 'On it',
				messageOptions: {
					replyTo: MESSAGE_ID,
					replyToPart: 1,
					effect: 'screen:confetti',
					preferredService: 'iMessage',
					idempotencyKey: 'order-42',
				},
			}),
		});
		expect(message).toEqual({
			parts: [{ type: 'text', value: 'On it' }],
			reply_to: { message_id: MESSAGE_ID, part_index: 1 },
			effect: { type: 'screen', name: 'confetti' },
			preferred_service: 'iMessage',
			idempotency_key: 'order-42',
		});
	});

	it('uploads a file from a binary property (both requests, exact headers and bytes), then sends it after the text', async () => {
		const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0x42]);
		const uploads = await recordingServer();
		let slotRequest: unknown;
		let message: { parts: unknown[] } | undefined;
		try {
			nock(BASE_URL)
				.post('/v3/attachments', (b) => {
					slotRequest = b;
					return true;
				})
				.reply(200, {
					attachment_id: ATTACHMENT_ID,
					upload_url: `${uploads.url}/attachments/6f1e2d3c?X-Amz-Signature=abc`,
					http_method: 'PUT',
					required_headers: { 'Content-Type': 'image/png', 'Content-Length': String(image.length) },
					download_url: 'https://cdn.linqapp.com/a/photo.png',
					expires_at: '2026-11-23T10:15:00Z',
				})
				.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
					message = b.message;
					return true;
				})
				.reply(200, sent([]));

			const { error } = await runNode(
				{
					parameters: sendParams({
						text: 'Look',
						media: { items: [{ source: 'binary', binaryProperty: 'data' }] },
					}),
				},
				[binaryItem({}, image, 'photo.png', 'image/png')],
			);

			expect(error).toBeUndefined();
			expect(slotRequest).toEqual({
				filename: 'photo.png',
				content_type: 'image/png',
				size_bytes: image.length,
			});
			const [put] = uploads.received;
			expect(put.method).toBe('PUT');
			expect(put.body.equals(image)).toBe(true);
			expect(put.headers['content-type']).toBe('image/png');
			expect(put.headers['content-length']).toBe(String(image.length));
			expect(put.headers.authorization).toBeUndefined();
			expect(message?.parts).toEqual([
				{ type: 'text', value: 'Look' },
				{ type: 'media', attachment_id: ATTACHMENT_ID },
			]);
		} finally {
			await uploads.close();
		}
	});

	it("media by URL and by attachment ID become media parts; the URL's size is checked first", async () => {
		let message: { parts: unknown[] } | undefined;
		nock('https://images.example.com')
			.head('/cat.jpg')
			.reply(200, '', { 'Content-Length': '2048' });
		nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
				message = b.message;
				return true;
			})
			.reply(200, sent([]));
		const { error } = await runNode({
			parameters: sendParams({
				media: {
					items: [
						{ source: 'url', url: 'https://images.example.com/cat.jpg' },
						{ source: 'attachmentId', attachmentId: ATTACHMENT_ID },
					],
				},
			}),
		});
		expect(error).toBeUndefined();
		expect(message?.parts).toEqual([
			{ type: 'media', url: 'https://images.example.com/cat.jpg' },
			{ type: 'media', attachment_id: ATTACHMENT_ID },
		]);
	});

	it('a 5xx is retried with the same idempotency key, and the item comes out once', async () => {
		const keys: string[] = [];
		nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
				keys.push(b.message.idempotency_key);
				return true;
			})
			.reply(502, linqError(502, 3001, 'Service connection failed'))
			.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
				keys.push(b.message.idempotency_key);
				return true;
			})
			.reply(200, sent([]));
		const { items, error } = await runNode({ parameters: sendParams({ text: 'Once' }) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
	});

	it("n8n's Retry On Fail re-sends every item with the key it had, so Linq sends each once", async () => {
		const keysByText = new Map<string, string[]>();
		let failed = false;
		nock(BASE_URL)
			.persist()
			.post(`/v3/chats/${CHAT_ID}/messages`)
			.reply((_uri, b) => {
				const { parts, idempotency_key } = (
					b as { message: { parts: Array<{ value: string }>; idempotency_key: string } }
				).message;
				const text = parts[0].value;
				keysByText.set(text, [...(keysByText.get(text) ?? []), idempotency_key]);
				if (text === 'second' && !failed) {
					failed = true;
					return [400, linqError(400, 1005, 'Invalid parameter value')];
				}
				return [200, sent([])];
			});
		await runNode(
			{
				parameters: sendParams({ text: '={{ $json.t }}', options: { parallelRequests: 1 } }),
				retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
			},
			[{ t: 'first' }, { t: 'second' }],
		);
		// Item 0 went out twice, with the same key both times: Linq would send it once.
		expect(keysByText.get('first')).toHaveLength(2);
		expect(new Set(keysByText.get('first')).size).toBe(1);
		expect(new Set(keysByText.get('second')).size).toBe(1);
		expect(keysByText.get('first')![0]).not.toBe(keysByText.get('second')![0]);
	});

	it('a new execution derives new keys; the same execution, node, run and item the same key', async () => {
		const keys: string[] = [];
		nock(BASE_URL)
			.persist()
			.post(`/v3/chats/${CHAT_ID}/messages`)
			.reply((_uri, b) => {
				keys.push((b as { message: { idempotency_key: string } }).message.idempotency_key);
				return [200, sent([])];
			});
		await runNode({ parameters: sendParams({ text: 'x' }), executionId: '101' });
		await runNode({ parameters: sendParams({ text: 'x' }), executionId: '101' });
		await runNode({ parameters: sendParams({ text: 'x' }), executionId: '102' });
		expect(keys[0]).toBe(keys[1]);
		expect(keys[2]).not.toBe(keys[0]);
	});

	describe('content rules, checked before anything is sent', () => {
		it.each([
			['no text and no media', {}, 'Text', 'needs text or at least one media'],
			[
				'a media URL over http',
				{ media: { items: [{ source: 'url', url: 'http://images.example.com/a.jpg' }] } },
				'Media URL',
				'HTTPS',
			],
			[
				'a link preview with media',
				{
					text: 'https://example.com',
					messageOptions: { linkPreview: true },
					media: { items: [{ source: 'attachmentId', attachmentId: ATTACHMENT_ID }] },
				},
				'Send Text as Link Preview',
				'only part',
			],
			[
				'two text parts in a row',
				{
					messageOptions: {
						partsJson: '[{"type":"text","value":"a"},{"type":"text","value":"b"}]',
					},
				},
				'Parts (JSON)',
				'two text parts in a row',
			],
			[
				'more than 100 parts',
				{
					messageOptions: {
						partsJson: JSON.stringify(
							Array.from({ length: 101 }, () => ({ type: 'media', attachment_id: ATTACHMENT_ID })),
						),
					},
				},
				'Media',
				'at most 100 parts',
			],
			[
				'an app card with other parts',
				{
					messageOptions: {
						partsJson: '[{"type":"imessage_app","app":{}},{"type":"text","value":"x"}]',
					},
				},
				'Parts (JSON)',
				'only part',
			],
			[
				'parts that are not JSON',
				{ messageOptions: { partsJson: '[{type:' } },
				'Parts (JSON)',
				'not valid JSON',
			],
			[
				'a bad attachment ID',
				{ media: { items: [{ source: 'attachmentId', attachmentId: 'abc' }] } },
				'Attachment ID',
				'UUID',
			],
			[
				'a bad reply-to ID',
				{ text: 'x', messageOptions: { replyTo: '42' } },
				'Reply To Message ID',
				'UUID',
			],
			[
				'a missing binary property',
				{ media: { items: [{ source: 'binary', binaryProperty: 'photo' }] } },
				'Input Binary Field',
				'no binary data',
			],
		])('%s', async (_label, extra, parameter, fix) => {
			const counter = countAllRequests();
			const { error } = await runNode({ parameters: sendParams(extra) });
			expect(error?.message).toContain(`for parameter "${parameter}" [item 0]`);
			expect(`${error?.description}`).toContain(fix);
			expect(counter.count).toBe(0);
		});

		it('a media URL the server says is over 10 MB', async () => {
			const counter = countAllRequests();
			nock('https://images.example.com')
				.head('/big.mov')
				.reply(200, '', { 'Content-Length': String(11 * 1024 * 1024) });
			const { error } = await runNode({
				parameters: sendParams({
					media: { items: [{ source: 'url', url: 'https://images.example.com/big.mov' }] },
				}),
			});
			expect(error?.message).toBe(
				'Invalid value "https://images.example.com/big.mov" for parameter "Media URL" [item 0]',
			);
			expect(error?.description).toContain('at most 10 MB');
			expect(counter.count).toBe(0);
		});

		it('a file of a type Linq does not take, and one over 100 MB', async () => {
			const counter = countAllRequests();
			const exe = await runNode(
				{ parameters: sendParams({ media: { items: [{ source: 'binary' }] } }) },
				[binaryItem({}, Buffer.from('MZ'), 'tool.exe', 'application/x-msdownload')],
			);
			expect(exe.error?.message).toBe(
				'Invalid value "tool.exe (application/x-msdownload)" for parameter "Input Binary Field" [item 0]',
			);
			const big = await runNode(
				{ parameters: sendParams({ media: { items: [{ source: 'binary' }] } }) },
				[binaryItem({}, Buffer.alloc(100 * 1024 * 1024 + 1), 'huge.mp4', 'video/mp4')],
			);
			expect(big.error?.description).toContain('at most 100 MB');
			expect(counter.count).toBe(0);
		});

		it('one bad item in a batch sends nothing (without continue on fail)', async () => {
			const counter = countAllRequests();
			const { error } = await runNode({ parameters: sendParams({ text: '={{ $json.t }}' }) }, [
				{ t: 'fine' },
				{ t: '' },
			]);
			expect(error?.message).toBe('Invalid value "" for parameter "Text" [item 1]');
			expect(counter.count).toBe(0);
		});
	});
});
