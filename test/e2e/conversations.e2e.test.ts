/**
 * Conversations end to end in a real n8n against the sandbox: an image from a previous node's file is
 * uploaded and sent with text; an inbound message with a photo arrives through the Linq Trigger with
 * the photo as binary and gets an auto-reply with a typing indicator; reactions both ways.
 */
import { SEED_IDS } from '../../sandbox/state';
import { readExample } from '../../scripts/lib/examples';
import { outputOf } from '../../scripts/lib/n8n-rest';
import { chain, startHarness, workflowOf, type Harness } from './harness';

const PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PERSON = '+14155550301';

interface Recorded {
	method: string;
	path: string;
	body?: Record<string, unknown>;
	headers: Record<string, string>;
	status?: number | string;
	upload?: boolean;
}

describe('conversations in a real n8n', () => {
	let h: Harness;
	const requests = () => h.sandbox.requests as Recorded[];
	const since = (n: number) => requests().slice(n);

	beforeAll(async () => {
		h = await startHarness();
	}, 900_000);
	afterAll(async () => h?.stop(), 60_000);

	it("sends text and an image from a previous node's file: slot, upload of the exact bytes, then one message (example)", async () => {
		const before = requests().length;
		const workflow = await h.api.importWorkflow(
			readExample('send-image-from-binary'),
			h.credential,
		);
		const result = await h.run(workflow.id);
		expect(result.status).toBe('success');
		const [sent] = outputOf(result.data.resultData.runData, 'Send Image');
		expect(sent).toMatchObject({
			chat_id: SEED_IDS.dm,
			message_id: expect.any(String),
			idempotency_key: expect.stringMatching(/^n8n-/),
		});

		const png = Buffer.from(PNG, 'base64');
		const made = since(before);
		const slot = made.find((r) => r.method === 'POST' && r.path === '/v3/attachments');
		expect(slot?.body).toEqual({
			filename: 'logo.png',
			content_type: 'image/png',
			size_bytes: png.length,
		});
		const upload = made.find((r) => r.upload);
		expect(upload).toMatchObject({ method: 'PUT', status: 200 });
		expect(upload?.headers.authorization).toBeUndefined();
		const messages = made.filter(
			(r) => r.method === 'POST' && r.path === `/v3/chats/${SEED_IDS.dm}/messages`,
		);
		expect(messages).toHaveLength(1);
		const parts = (messages[0].body?.message as { parts: Array<Record<string, unknown>> }).parts;
		expect(parts).toEqual([
			{ type: 'text', value: 'Here is our new logo' },
			{ type: 'media', attachment_id: expect.any(String) },
		]);
		// The sandbox stored the uploaded bytes and serves them back under the message's media part.
		const stored = h.sandbox.messages.get(String(sent.message_id));
		const media = stored.parts.find((p: { type: string }) => p.type === 'media');
		const served = Buffer.from(await (await fetch(media.url)).arrayBuffer());
		expect(served.equals(png)).toBe(true);
	});

	let inboundId: string;
	let replyId: string;

	it('an inbound message with a photo arrives as binary and gets read, typing, then a threaded reply (example)', async () => {
		const workflow = await h.api.importWorkflow(
			readExample('auto-reply-with-typing'),
			h.credential,
		);
		await h.api.activate(workflow);
		await h.subscriptionCount(1);
		const before = requests().length;

		const inbound = await h.sandbox.inbound({
			chat_id: SEED_IDS.dm,
			text: 'Hi! Photo of the damage attached',
			media: [{ filename: 'damage.png', content_type: 'image/png', base64: PNG }],
		});
		inboundId = inbound.id;
		const [execution] = await h.finishedExecutions(workflow.id, 1);
		expect(execution.status).toBe('success');
		const runData = await h.api.runData(execution.id);

		const [event] = outputOf(runData, 'Linq Trigger');
		expect(event).toMatchObject({
			event_type: 'message.received',
			chat_id: SEED_IDS.dm,
			message_id: inboundId,
			sender: PERSON,
			direction: 'inbound',
			text: 'Hi! Photo of the damage attached',
			media_count: 1,
			media: [expect.objectContaining({ filename: 'damage.png', binary_property: 'media_0' })],
		});
		const binary = (
			runData['Linq Trigger'] as Array<{
				data: { main: Array<Array<{ binary?: Record<string, Record<string, unknown>> }>> };
			}>
		)[0].data.main[0][0].binary;
		expect(binary?.media_0).toMatchObject({ fileName: 'damage.png', mimeType: 'image/png' });

		const calls = since(before).filter(
			(r) => !r.upload && r.path.startsWith(`/v3/chats/${SEED_IDS.dm}`),
		);
		expect(calls.map((r) => `${r.method} ${r.path.replace(SEED_IDS.dm, ':chat')}`)).toEqual([
			'POST /v3/chats/:chat/read',
			'POST /v3/chats/:chat/typing',
			'POST /v3/chats/:chat/messages',
		]);
		const reply = calls[2].body?.message as { parts: Array<{ value: string }>; reply_to: unknown };
		expect(reply.parts[0].value).toBe(
			'Thanks! We got your message and 1 file(s) and will answer shortly.',
		);
		expect(reply.reply_to).toEqual({ message_id: inboundId, part_index: 0 });
		replyId = String(outputOf(runData, 'Reply')[0].message_id);
		await h.api.deactivate(workflow);
		await h.subscriptionCount(0);
	});

	it("reacts to the inbound message (a tapback), and the person's reaction to our reply arrives through the trigger", async () => {
		const react = await h.api.importWorkflow(
			workflowOf(
				'React',
				[
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
					{
						name: 'Like It',
						type: 'n8n-nodes-linqapp.linq',
						parameters: {
							resource: 'message',
							operation: 'react',
							messageId: { __rl: true, mode: 'id', value: inboundId },
							reaction: 'like',
						},
					},
				],
				chain('Start', 'Like It'),
			),
			h.credential,
		);
		const result = await h.run(react.id);
		expect(outputOf(result.data.resultData.runData, 'Like It')[0]).toMatchObject({
			status: 'accepted',
			reaction: 'like',
			message_id: inboundId,
		});
		const stored = h.sandbox.messages.get(inboundId);
		expect(stored.parts[0].reactions).toEqual([
			expect.objectContaining({ type: 'like', is_me: true }),
		]);

		const listener = await h.api.importWorkflow(
			workflowOf('Reactions', [
				{
					name: 'Linq Trigger',
					type: 'n8n-nodes-linqapp.linqTrigger',
					webhookId: 'd1a2c3d4-0000-4000-8000-00000000000b',
					parameters: { events: ['reaction.added'] },
				},
			]),
			h.credential,
		);
		await h.api.activate(listener);
		await h.subscriptionCount(1);
		await h.sandbox.react({ message_id: replyId, from_handle: PERSON, type: 'love' });
		const [execution] = await h.finishedExecutions(listener.id, 1);
		const [event] = outputOf(await h.api.runData(execution.id), 'Linq Trigger');
		expect(event).toMatchObject({
			event_type: 'reaction.added',
			message_id: replyId,
			reaction: 'love',
			sender: PERSON,
			is_from_me: false,
		});
		await h.api.deactivate(listener);
		await h.subscriptionCount(0);
	});
});
