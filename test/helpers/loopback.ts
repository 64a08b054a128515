import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on 127.0.0.1, for faults nock cannot fake faithfully (resets, refusals). */
export async function startServer(handler: http.RequestListener) {
	const server = http.createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A loopback URL where nothing listens: connecting is refused. */
export async function refusedUrl(): Promise<string> {
	const { url, close } = await startServer(() => {});
	await close();
	return url;
}

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** A loopback server that records every request with its raw bytes (a stand-in for a presigned upload URL or a CDN). */
export async function recordingServer(
	answer: (request: ReceivedRequest) => {
		status: number;
		body?: Buffer | string;
		headers?: http.OutgoingHttpHeaders;
	} = () => ({ status: 200 }),
) {
	const received: ReceivedRequest[] = [];
	const server = await startServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks),
			};
			received.push(request);
			const { status, body, headers } = answer(request);
			res.writeHead(status, headers).end(body);
		});
	});
	return { ...server, received };
}
