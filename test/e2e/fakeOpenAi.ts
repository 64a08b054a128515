/**
 * A small OpenAI-compatible chat completions server on loopback, answering with scripted tool calls:
 * what n8n's OpenAI chat model node talks to when its Base URL points here. The script sees each
 * request (messages and offered tools) and returns the assistant's next message.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
	model: string;
	messages: Array<{
		role: string;
		content?: unknown;
		tool_calls?: unknown[];
		tool_call_id?: string;
		name?: string;
	}>;
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: unknown };
	}>;
	stream?: boolean;
}

export type AssistantTurn = { text: string } | { tool: string; args: Record<string, unknown> };

export type Script = (request: ChatRequest) => AssistantTurn;

let callCounter = 0;

function completion(model: string, turn: AssistantTurn) {
	const message =
		'tool' in turn
			? {
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: `call_${++callCounter}`,
							type: 'function',
							function: { name: turn.tool, arguments: JSON.stringify(turn.args) },
						},
					],
				}
			: { role: 'assistant', content: turn.text };
	return {
		id: `chatcmpl-${callCounter}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{ index: 0, message, logprobs: null, finish_reason: 'tool' in turn ? 'tool_calls' : 'stop' },
		],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/** The same answer as server-sent events, for a client that asked to stream. */
function streamed(res: http.ServerResponse, model: string, turn: AssistantTurn) {
	const id = `chatcmpl-${++callCounter}`;
	const chunk = (delta: object, finish: string | null) =>
		`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	if ('tool' in turn) {
		res.write(
			chunk(
				{
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							index: 0,
							id: `call_${callCounter}`,
							type: 'function',
							function: { name: turn.tool, arguments: JSON.stringify(turn.args) },
						},
					],
				},
				null,
			),
		);
		res.write(chunk({}, 'tool_calls'));
	} else {
		res.write(chunk({ role: 'assistant', content: turn.text }, null));
		res.write(chunk({}, 'stop'));
	}
	res.end('data: [DONE]\n\n');
}

export async function startFakeOpenAi(script: Script) {
	const requests: ChatRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			if (req.method === 'GET' && req.url?.endsWith('/models')) {
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }));
				return;
			}
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				res.writeHead(404).end();
				return;
			}
			const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
			requests.push(request);
			const turn = script(request);
			if (request.stream) streamed(res, request.model, turn);
			else
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end(JSON.stringify(completion(request.model, turn)));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** How many tool results the conversation holds so far (each tool call is answered by one). */
export const toolResults = (request: ChatRequest) =>
	request.messages.filter((m) => m.role === 'tool').length;

/** The offered tool whose name matches. */
export function toolNamed(request: ChatRequest, pattern: RegExp): string {
	const tool = request.tools?.find((t) => pattern.test(t.function.name));
	if (!tool)
		throw new Error(
			`No tool matching ${pattern} in ${JSON.stringify(request.tools?.map((t) => t.function.name))}`,
		);
	return tool.function.name;
}
