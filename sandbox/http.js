'use strict';
/** HTTP plumbing shared by the sandbox's routes: Linq's envelopes, body reading, S3-style errors. */
const { randomBytes } = require('node:crypto');

const { LinqError, DOC } = require('./state');

const trace = () => `trace_${randomBytes(8).toString('hex')}`;

/**
 * Writes a JSON answer (or an empty one when body is undefined).
 * @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} [body] @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
	if (body === undefined) {
		res.writeHead(status, headers).end();
		return;
	}
	const text = JSON.stringify(body);
	res
		.writeHead(status, {
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(text)),
			...headers,
		})
		.end(text);
}

/** Linq's error envelope (https://docs.linqapp.com/error); 429s also carry `error.retry_after`. */
function errorBody(error) {
	const body = {
		success: false,
		error: {
			status: error.status,
			code: error.code,
			message: error.message,
			doc_url: DOC(error.code),
		},
		trace_id: trace(),
	};
	if (error.status === 429) body.error.retry_after = error.retryAfter ?? 1;
	return body;
}

function sendError(res, error, headers = {}) {
	send(res, error.status, errorBody(error), headers);
}

/** The envelope of a queued operation: its outcome arrives later by webhook. */
function queued(message) {
	return { message, status: 'accepted', trace_id: trace() };
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
async function readRaw(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

/** Parses a JSON body; Linq answers bad JSON with 1003. */
function parseJson(raw) {
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new LinqError(400, 1003, 'Invalid request body');
	}
}

/** Reads and parses a JSON body. */
async function readBody(req) {
	return parseJson(await readRaw(req));
}

/** An S3-style XML error, as the presigned upload and download URLs answer. */
function sendS3Error(res, status, code, message) {
	const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`;
	res
		.writeHead(status, {
			'content-type': 'application/xml',
			'content-length': String(Buffer.byteLength(text)),
		})
		.end(text);
}

module.exports = {
	trace,
	send,
	sendError,
	errorBody,
	queued,
	readRaw,
	parseJson,
	readBody,
	sendS3Error,
};
