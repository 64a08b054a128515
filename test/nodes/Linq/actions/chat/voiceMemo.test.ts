/** Chat → Send Voice Memo, from a binary property (uploaded first) or a URL, through n8n's engine. */
import nock from 'nock';

import { BASE_URL, binaryItem, runNode } from '../../../../helpers/engine';
import { CHAT_ID, chatParams, countAllRequests } from '../../../../helpers/linq';
import { recordingServer } from '../../../../helpers/loopback';

const ATTACHMENT_ID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const voiceMemo = {
	id: 'vm-1',
	from: '+12025550100',
	to: ['+14155550101'],
	status: 'queued',
	created_at: '2026-11-23T10:00:00Z',
	service: 'iMessage',
	chat: { id: CHAT_ID, handles: [], is_active: true, is_group: false, service: 'iMessage' },
	voice_memo: {
		id: ATTACHMENT_ID,
		filename: 'memo.m4a',
		mime_type: 'audio/x-m4a',
		size_bytes: 12,
		url: 'https://cdn.linqapp.com/memo.m4a',
		duration_ms: 1500,
	},
};

describe('Chat → Send Voice Memo', () => {
	it('from a binary property: creates the slot, PUTs the exact bytes with the required headers, then sends the attachment ID', async () => {
		const audio = Buffer.from([
			0x00, 0x00, 0x00, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0xff,
		]);
		const uploads = await recordingServer();
		const requests: Array<{ path: string; body: unknown }> = [];
		const record = (path: string) => (b: unknown) => {
			requests.push({ path, body: b });
			return true;
		};
		try {
			const scope = nock(BASE_URL)
				.post('/v3/attachments', record('/v3/attachments'))
				.reply(200, {
					attachment_id: ATTACHMENT_ID,
					upload_url: `${uploads.url}/attachments/vm?X-Amz-Signature=s1`,
					http_method: 'PUT',
					required_headers: {
						'Content-Type': 'audio/x-m4a',
						'Content-Length': String(audio.length),
					},
					download_url: 'https://cdn.linqapp.com/memo.m4a',
				})
				.post(`/v3/chats/${CHAT_ID}/voicememo`, record('voicememo'))
				.reply(200, { voice_memo: voiceMemo });
			const { items, error } = await runNode(
				{ parameters: chatParams('sendVoiceMemo', { binaryProperty: 'recording' }) },
				[binaryItem({}, audio, 'memo.m4a', 'audio/x-m4a', 'recording')],
			);
			expect(error).toBeUndefined();
			expect(requests).toEqual([
				{
					path: '/v3/attachments',
					body: { filename: 'memo.m4a', content_type: 'audio/x-m4a', size_bytes: audio.length },
				},
				{ path: 'voicememo', body: { attachment_id: ATTACHMENT_ID } },
			]);
			expect(uploads.received).toHaveLength(1);
			const [put] = uploads.received;
			expect(put.method).toBe('PUT');
			expect(put.url).toBe('/attachments/vm?X-Amz-Signature=s1');
			expect(put.body.equals(audio)).toBe(true);
			expect(put.headers['content-type']).toBe('audio/x-m4a');
			expect(put.headers['content-length']).toBe(String(audio.length));
			expect(put.headers.authorization).toBeUndefined();
			expect(items?.map((i) => i.json)).toEqual([voiceMemo]);
			scope.done();
		} finally {
			await uploads.close();
		}
	});

	it("a WAV file (audio/wav) is uploaded as audio/x-wav, the type Linq's attachments take", async () => {
		let slotRequest: unknown;
		nock(BASE_URL)
			.post('/v3/attachments', (b) => {
				slotRequest = b;
				return true;
			})
			.reply(200, {
				attachment_id: ATTACHMENT_ID,
				upload_url: 'https://uploads.linq.test/u/wav',
				required_headers: { 'Content-Type': 'audio/x-wav' },
			})
			.post(`/v3/chats/${CHAT_ID}/voicememo`, { attachment_id: ATTACHMENT_ID })
			.reply(200, { voice_memo: voiceMemo });
		nock('https://uploads.linq.test').put('/u/wav').reply(200);
		const { error } = await runNode({ parameters: chatParams('sendVoiceMemo') }, [
			binaryItem({}, Buffer.from('RIFF....WAVE'), 'memo.wav', 'audio/wav'),
		]);
		expect(error).toBeUndefined();
		expect(slotRequest).toMatchObject({ filename: 'memo.wav', content_type: 'audio/x-wav' });
	});

	it('from a URL: one request with voice_memo_url only', async () => {
		let body: unknown;
		const scope = nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/voicememo`, (b) => {
				body = b;
				return true;
			})
			.reply(200, { voice_memo: voiceMemo });
		const { items, error } = await runNode({
			parameters: chatParams('sendVoiceMemo', {
				source: 'url',
				voiceMemoUrl: ' https://example.com/memo.m4a ',
			}),
		});
		expect(error).toBeUndefined();
		expect(body).toEqual({ voice_memo_url: 'https://example.com/memo.m4a' });
		expect(items?.[0].json).toEqual(voiceMemo);
		scope.done();
	});

	it.each([
		[
			'a file that is not audio',
			binaryItem({}, Buffer.from('%PDF'), 'memo.pdf', 'application/pdf'),
			{},
			'Input Binary Field',
			'"memo.pdf (application/pdf)"',
			'voice memo must be audio',
		],
		[
			'an audio type Linq does not take',
			binaryItem({}, Buffer.from('OggS'), 'memo.ogg', 'audio/ogg'),
			{},
			'Input Binary Field',
			'"memo.ogg (audio/ogg)"',
			'voice memo must be audio',
		],
		[
			'a missing binary property',
			binaryItem({}, Buffer.from('abc'), 'memo.m4a', 'audio/x-m4a'),
			{ binaryProperty: 'voice' },
			'Input Binary Field',
			'"voice"',
			'"data"',
		],
		[
			'an empty file',
			binaryItem({}, Buffer.alloc(0), 'memo.m4a', 'audio/x-m4a'),
			{},
			'Input Binary Field',
			'"memo.m4a"',
			'empty',
		],
		[
			'an http URL',
			{},
			{ source: 'url', voiceMemoUrl: 'http://example.com/memo.m4a' },
			'Voice Memo URL',
			'"http://example.com/memo.m4a"',
			'https://',
		],
		[
			'an empty URL',
			{},
			{ source: 'url', voiceMemoUrl: '={{ $json.none ?? "" }}' },
			'Voice Memo URL',
			'""',
			'https://',
		],
	])(
		'%s is refused before anything is sent',
		async (_label, item, extra, parameter, shown, fix) => {
			const counter = countAllRequests();
			const { error } = await runNode({ parameters: chatParams('sendVoiceMemo', extra) }, [item]);
			expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
			expect(error?.description).toContain(fix);
			expect(counter.count).toBe(0);
		},
	);

	it('a file over 100 MB is refused before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode({ parameters: chatParams('sendVoiceMemo') }, [
			binaryItem({}, Buffer.alloc(100 * 1024 * 1024 + 1), 'long.m4a', 'audio/x-m4a'),
		]);
		expect(error?.message).toBe(
			'Invalid value "long.m4a (100 MB)" for parameter "Input Binary Field" [item 0]',
		);
		expect(counter.count).toBe(0);
	});
});
