'use strict';
/**
 * Attachments (https://docs.linqapp.com/api/resources/attachments/methods/create): the slot Linq hands out, the presigned-looking upload URL on the
 * sandbox itself (checked like S3 checks a presigned PUT), and the URLs that serve the bytes back.
 *   PUT  /__uploads/<id>?X-Amz-…&X-Amz-Signature=…   no Linq auth; exactly the required headers
 *   GET  /__media/<id>/<filename>[?…]                 the bytes, with their content type (no auth)
 */
const { createHash, randomBytes, randomUUID } = require('node:crypto');

const { LinqError, UUID } = require('./state');
const { sendS3Error } = require('./http');

const MAX_BYTES = 100 * 1024 * 1024;
const UPLOAD_URL_SECONDS = 15 * 60;

/** SupportedContentType (https://docs.linqapp.com/guides/messaging/attachments/). */
const CONTENT_TYPES = new Set([
	...['jpeg', 'png', 'gif', 'heic', 'heif', 'tiff', 'bmp', 'svg+xml', 'webp', 'x-icon'].map(
		(t) => `image/${t}`,
	),
	...['mp4', 'quicktime', 'mpeg', 'mpeg2', 'x-m4v', 'x-msvideo', '3gpp'].map((t) => `video/${t}`),
	...['mpeg', 'mp3', 'x-m4a', 'mp4', 'x-caf', 'x-wav', 'x-aiff', 'aiff', 'aac', 'midi', 'amr'].map(
		(t) => `audio/${t}`,
	),
	...['plain', 'markdown', 'vcard', 'rtf', 'csv', 'html', 'calendar', 'xml'].map(
		(t) => `text/${t}`,
	),
	...[
		'pdf',
		'json',
		'msword',
		'vnd.openxmlformats-officedocument.wordprocessingml.document',
		'vnd.ms-excel',
		'vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'vnd.ms-powerpoint',
		'vnd.openxmlformats-officedocument.presentationml.presentation',
		'x-iwork-pages-sffpages',
		'x-iwork-numbers-sffnumbers',
		'x-iwork-keynote-sffkey',
		'epub+zip',
		'zip',
		'x-gzip',
	].map((t) => `application/${t}`),
]);

/** Content types by file extension, for media sent by URL (the sandbox does not fetch them). */
const BY_EXTENSION = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	heic: 'image/heic',
	heif: 'image/heif',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	bmp: 'image/bmp',
	webp: 'image/webp',
	svg: 'image/svg+xml',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	m4v: 'video/x-m4v',
	mpeg: 'video/mpeg',
	mpg: 'video/mpeg',
	'3gp': 'video/3gpp',
	m4a: 'audio/x-m4a',
	mp3: 'audio/mpeg',
	aac: 'audio/aac',
	caf: 'audio/x-caf',
	wav: 'audio/x-wav',
	aiff: 'audio/aiff',
	amr: 'audio/amr',
	pdf: 'application/pdf',
	txt: 'text/plain',
	rtf: 'text/rtf',
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	pages: 'application/x-iwork-pages-sffpages',
	numbers: 'application/x-iwork-numbers-sffnumbers',
	key: 'application/x-iwork-keynote-sffkey',
	epub: 'application/epub+zip',
	zip: 'application/zip',
	html: 'text/html',
	htm: 'text/html',
	vcf: 'text/vcard',
	ics: 'text/calendar',
};

class AttachmentStore {
	/** @param {import('./state').SandboxState} state */
	constructor(state) {
		this.state = state;
		/** Set once the server listens: the sandbox's own http://host:port. */
		this.origin = '';
		/** @type {Map<string, any>} */ this.items = new Map();
	}

	reset() {
		this.items.clear();
	}

	mimeOf(filename) {
		return (
			BY_EXTENSION[String(filename).split('.').pop()?.toLowerCase() ?? ''] ??
			'application/octet-stream'
		);
	}

	downloadUrl(item) {
		return `${this.origin}/__media/${item.id}/${encodeURIComponent(item.filename)}`;
	}

	/** The short-lived URL message parts and webhooks carry (served the same way). */
	presignedUrl(item) {
		return `${this.downloadUrl(item)}?X-Amz-Expires=3600&X-Amz-Signature=${item.signature}`;
	}

	/** POST /v3/attachments */
	create(body) {
		const { filename, content_type: type, size_bytes: size } = body ?? {};
		if (typeof filename !== 'string' || filename === '')
			throw new LinqError(400, 1001, 'Missing required field: filename');
		if (typeof type !== 'string' || type === '')
			throw new LinqError(400, 1001, 'Missing required field: content_type');
		if (size === undefined || size === null)
			throw new LinqError(400, 1001, 'Missing required field: size_bytes');
		if (!CONTENT_TYPES.has(type)) throw new LinqError(400, 5004, `Invalid file type: ${type}`);
		if (!Number.isInteger(size) || size < 1)
			throw new LinqError(400, 1005, 'size_bytes must be a positive integer');
		if (size > MAX_BYTES) throw new LinqError(400, 5005, 'File too large: the limit is 100 MB');
		const item = {
			id: randomUUID(),
			filename,
			content_type: type,
			size_bytes: size,
			created_at: this.state.iso(),
			status: 'pending',
			signature: randomBytes(32).toString('hex'),
			expires: this.state.now() + UPLOAD_URL_SECONDS * 1000,
			bytes: /** @type {Buffer|null} */ (null),
		};
		this.items.set(item.id, item);
		const amzDate = new Date(this.state.now()).toISOString().replace(/[-:]|\.\d+/g, '');
		return {
			attachment_id: item.id,
			upload_url: `${this.origin}/__uploads/${item.id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=SANDBOX%2F${amzDate.slice(0, 8)}%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=${amzDate}&X-Amz-Expires=${UPLOAD_URL_SECONDS}&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost&X-Amz-Signature=${item.signature}`,
			http_method: 'PUT',
			required_headers: { 'Content-Type': type, 'Content-Length': String(size) },
			download_url: this.downloadUrl(item),
			expires_at: new Date(item.expires).toISOString(),
		};
	}

	/** @param {string} id */
	find(id) {
		if (!UUID.test(id)) throw new LinqError(400, 1005, 'attachmentId must be a UUID');
		const item = this.items.get(id);
		if (!item) throw new LinqError(404, 2003, 'Attachment not found');
		return item;
	}

	/** GET /v3/attachments/{id} */
	view(id) {
		const item = this.find(id);
		const { id: itemId, filename, content_type, size_bytes, created_at, status } = item;
		return {
			id: itemId,
			filename,
			content_type,
			size_bytes,
			created_at,
			status,
			download_url: this.downloadUrl(item),
		};
	}

	/** DELETE /v3/attachments/{id}: its URLs answer 404 from now on. */
	remove(id) {
		this.items.delete(this.find(id).id);
	}

	/** An uploaded attachment for a media part or voice memo: unknown 404/2003, not uploaded 404/2007. */
	ready(id) {
		const item = this.items.get(id);
		if (!item) throw new LinqError(404, 2003, 'Attachment not found');
		if (item.status !== 'complete') throw new LinqError(404, 2007, 'Attachment not ready');
		return item;
	}

	/** The media fields of a part or webhook for an attachment id. */
	mediaOf(id) {
		const item = this.ready(id);
		return {
			id: item.id,
			filename: item.filename,
			mime_type: item.content_type,
			size_bytes: item.size_bytes,
			url: this.presignedUrl(item),
		};
	}

	/** A media URL on the sandbox itself (a presigned URL from an earlier message): its attachment. */
	fromOwnUrl(url) {
		if (!this.origin || typeof url !== 'string' || !url.startsWith(`${this.origin}/__media/`))
			return undefined;
		return this.items.get(url.slice(`${this.origin}/__media/`.length).split('/')[0]);
	}

	/** Stores bytes that arrive from the other side (inbound media): complete at once. */
	addComplete({ filename, content_type, bytes }) {
		const item = {
			id: randomUUID(),
			filename,
			content_type,
			size_bytes: bytes.length,
			created_at: this.state.iso(),
			status: 'complete',
			signature: randomBytes(32).toString('hex'),
			expires: this.state.now(),
			bytes,
		};
		this.items.set(item.id, item);
		return item;
	}

	/**
	 * The presigned PUT, checked as S3 checks one: the signature in the URL, no second auth mechanism
	 * (an Authorization header is refused), not expired, and exactly the signed headers.
	 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url @param {Buffer} body
	 */
	upload(req, res, url, body) {
		const item = this.items.get(url.pathname.split('/')[2] ?? '');
		if (!item) return sendS3Error(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
		if (req.headers.authorization) {
			return sendS3Error(
				res,
				400,
				'InvalidArgument',
				'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
			);
		}
		if (req.method !== 'PUT' || url.searchParams.get('X-Amz-Signature') !== item.signature) {
			return sendS3Error(
				res,
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided.',
			);
		}
		if (this.state.now() > item.expires)
			return sendS3Error(res, 403, 'AccessDenied', 'Request has expired');
		if (req.headers['content-type'] !== item.content_type) {
			return sendS3Error(
				res,
				400,
				'InvalidArgument',
				`Content-Type must be ${item.content_type} as signed, not ${req.headers['content-type'] ?? 'missing'}`,
			);
		}
		if (req.headers['content-length'] === undefined)
			return sendS3Error(
				res,
				411,
				'MissingContentLength',
				'You must provide the Content-Length HTTP header.',
			);
		if (
			Number(req.headers['content-length']) !== item.size_bytes ||
			body.length !== item.size_bytes
		) {
			return sendS3Error(
				res,
				400,
				'IncompleteBody',
				`The body must be exactly ${item.size_bytes} bytes as signed; got ${body.length}`,
			);
		}
		item.bytes = body;
		item.status = 'complete';
		const etag = `"${createHash('md5').update(body).digest('hex')}"`;
		res.writeHead(200, { etag, 'content-length': '0' }).end();
		return undefined;
	}

	/** GET/HEAD of a download or media URL: the bytes with their content type. */
	serve(req, res, url) {
		const item = this.items.get(url.pathname.split('/')[2] ?? '');
		if (!item || !item.bytes || (req.method !== 'GET' && req.method !== 'HEAD'))
			return sendS3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
		res.writeHead(200, {
			'content-type': item.content_type,
			'content-length': String(item.bytes.length),
			'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(item.filename)}`,
		});
		res.end(req.method === 'HEAD' ? undefined : item.bytes);
		return undefined;
	}

	/** For /__sandbox/state: everything but the bytes. */
	summary() {
		return [...this.items.values()].map(
			({ bytes: _b, signature: _s, expires: _e, ...rest }) => rest,
		);
	}
}

module.exports = { AttachmentStore, CONTENT_TYPES, MAX_BYTES };
