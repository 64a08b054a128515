import nock from 'nock';

import { BASE_URL, binaryItem, runNode } from '../../../../helpers/engine';
import { countAllRequests } from '../../../../helpers/linq';
import { recordingServer } from '../../../../helpers/loopback';

const ATTACHMENT_ID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';

describe('Attachment → Upload and Download', () => {
	it('Upload: creates the slot, PUTs the bytes with exactly the required headers, outputs the ID', async () => {
		const pdf = Buffer.from('%PDF-1.7 test document \xff\x00 binary tail', 'latin1');
		const uploads = await recordingServer();
		try {
			nock(BASE_URL)
				.post('/v3/attachments', {
					filename: 'invoice.pdf',
					content_type: 'application/pdf',
					size_bytes: pdf.length,
				})
				.reply(200, {
					attachment_id: ATTACHMENT_ID,
					upload_url: `${uploads.url}/u/1?X-Amz-Signature=z`,
					http_method: 'PUT',
					required_headers: {
						'Content-Type': 'application/pdf',
						'Content-Length': String(pdf.length),
					},
					download_url: 'https://cdn.linqapp.com/u/1/invoice.pdf',
				});
			const { items, error } = await runNode(
				{ parameters: { resource: 'attachment', operation: 'upload' } },
				[binaryItem({}, pdf, 'invoice.pdf', 'application/pdf')],
			);
			expect(error).toBeUndefined();
			expect(uploads.received).toHaveLength(1);
			const [put] = uploads.received;
			expect(put.method).toBe('PUT');
			expect(put.url).toBe('/u/1?X-Amz-Signature=z');
			expect(put.body.equals(pdf)).toBe(true);
			expect(put.headers['content-type']).toBe('application/pdf');
			expect(put.headers['content-length']).toBe(String(pdf.length));
			expect(put.headers.authorization).toBeUndefined();
			expect(items?.[0].json).toEqual({
				attachment_id: ATTACHMENT_ID,
				download_url: 'https://cdn.linqapp.com/u/1/invoice.pdf',
				filename: 'invoice.pdf',
				content_type: 'application/pdf',
				size_bytes: pdf.length,
			});
		} finally {
			await uploads.close();
		}
	});

	it('Upload: a refused upload URL fails the item with the status', async () => {
		nock(BASE_URL).post('/v3/attachments').reply(200, {
			attachment_id: ATTACHMENT_ID,
			upload_url: 'https://uploads.linq.test/u/2',
			required_headers: {},
		});
		nock('https://uploads.linq.test')
			.put('/u/2')
			.reply(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>');
		const { error } = await runNode(
			{ parameters: { resource: 'attachment', operation: 'upload' } },
			[binaryItem({}, Buffer.from('abc'), 'a.txt', 'text/plain')],
		);
		expect(error?.message).toBe('The attachment upload URL answered HTTP 403');
	});

	it('Download: reads the attachment, fetches its URL without Linq credentials, and outputs the file as binary', async () => {
		const bytes = Buffer.from('JPEG bytes');
		nock(BASE_URL).get(`/v3/attachments/${ATTACHMENT_ID}`).reply(200, {
			id: ATTACHMENT_ID,
			filename: 'photo.jpg',
			content_type: 'image/jpeg',
			size_bytes: bytes.length,
			download_url: 'https://cdn.linqapp.com/p.jpg',
		});
		let auth: unknown = 'unset';
		nock('https://cdn.linqapp.com')
			.get('/p.jpg')
			.reply(function () {
				auth = this.req.headers.authorization;
				return [200, bytes, { 'Content-Type': 'image/jpeg' }];
			});
		const { items, error } = await runNode({
			parameters: {
				resource: 'attachment',
				operation: 'download',
				attachmentId: ATTACHMENT_ID,
				binaryProperty: 'photo',
			},
		});
		expect(error).toBeUndefined();
		expect(auth).toBeUndefined();
		expect(items?.[0].json).toMatchObject({ id: ATTACHMENT_ID, filename: 'photo.jpg' });
		const file = items?.[0].binary?.photo;
		expect(file).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });
		expect(Buffer.from(file!.data, 'base64').toString()).toBe('JPEG bytes');
	});

	it('Download: a file over the size cap fails the item and names the parameter', async () => {
		nock(BASE_URL).get(`/v3/attachments/${ATTACHMENT_ID}`).reply(200, {
			id: ATTACHMENT_ID,
			filename: 'big.mov',
			content_type: 'video/quicktime',
			download_url: 'https://cdn.linqapp.com/big.mov',
		});
		nock('https://cdn.linqapp.com')
			.get('/big.mov')
			.reply(200, Buffer.alloc(2 * 1024 * 1024 + 10));
		const { error } = await runNode({
			parameters: {
				resource: 'attachment',
				operation: 'download',
				attachmentId: ATTACHMENT_ID,
				maxSizeMb: 2,
			},
		});
		expect(error?.message).toBe('Invalid value 2 for parameter "Max File Size (MB)" [item 0]');
	});

	it('a malformed attachment ID is refused before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: { resource: 'attachment', operation: 'get', attachmentId: 'photo.jpg' },
		});
		expect(error?.message).toBe('Invalid value "photo.jpg" for parameter "Attachment ID" [item 0]');
		expect(counter.count).toBe(0);
	});
});
