/** Message and reaction events through the trigger: shortcuts, and media downloaded into binary properties. */
import type { IDataObject } from 'n8n-workflow';

import { loggedLines } from '../../helpers/logs';
import { useRealClock, useVirtualClock } from '../../helpers/clock';
import { recordingServer, startServer } from '../../helpers/loopback';
import { deliver, newSecret, signedHeaders, triggerWorkflow } from '../../helpers/trigger';

const secret = newSecret();
const stored = () => ({
	'node:Linq Trigger': { subscriptionId: 'sub-1', signingSecret: secret, targetUrl: 'x' },
});
const CHAT = '550e8400-e29b-41d4-a716-446655440000';

function messageReceived(parts: IDataObject[], extra: IDataObject = {}): IDataObject {
	return {
		api_version: 'v3',
		webhook_version: '2026-02-03',
		event_type: 'message.received',
		event_id: 'evt-m1',
		created_at: '2026-11-23T10:00:00.000Z',
		partner_id: 'p',
		trace_id: 't',
		data: {
			id: 'msg-in-1',
			direction: 'inbound',
			service: 'iMessage',
			sender_handle: { handle: '+14155550101', service: 'iMessage' },
			chat: { id: CHAT, is_group: false },
			parts,
			sent_at: '2026-11-23T09:59:59.000Z',
			reply_to: { message_id: 'msg-out-7', part_index: 0 },
			...extra,
		},
	};
}

async function deliverEvent(parameters: IDataObject, envelope: IDataObject, id: string) {
	const workflow = triggerWorkflow(
		{ events: ['message.received', 'reaction.added'], ...parameters },
		stored(),
	);
	const raw = Buffer.from(JSON.stringify(envelope));
	return await deliver(workflow, signedHeaders(secret, raw, id), raw);
}

describe('Linq Trigger: message events', () => {
	it('adds shortcuts: message_id, sender, direction, text, media count, reply_to_message_id, service', async () => {
		const { response } = await deliverEvent(
			{},
			messageReceived([{ type: 'text', value: 'Yes please' }]),
			'msg_s1',
		);
		expect(response.workflowData![0][0].json).toMatchObject({
			webhook_id: 'msg_s1',
			chat_id: CHAT,
			message_id: 'msg-in-1',
			sender: '+14155550101',
			direction: 'inbound',
			is_from_me: false,
			text: 'Yes please',
			media_count: 0,
			reply_to_message_id: 'msg-out-7',
			service: 'iMessage',
		});
		expect(response.workflowData![0][0].binary).toBeUndefined();
	});

	it('a reaction event gets message_id, reaction, sender and is_from_me', async () => {
		const envelope = {
			event_type: 'reaction.added',
			data: {
				is_from_me: false,
				reaction_type: 'like',
				chat_id: CHAT,
				message_id: 'msg-out-7',
				part_index: 0,
				from_handle: { handle: '+14155550101' },
			},
		};
		const { response } = await deliverEvent({}, envelope, 'msg_r1');
		expect(response.workflowData![0][0].json).toMatchObject({
			chat_id: CHAT,
			message_id: 'msg-out-7',
			reaction: 'like',
			sender: '+14155550101',
			is_from_me: false,
			part_index: 0,
		});
	});

	it('Download Media puts each media part (a photo and a voice memo) into media_0, media_1 before Linq is answered', async () => {
		const cdn = await recordingServer((request) =>
			request.url === '/photo.jpg'
				? {
						status: 200,
						body: Buffer.from('photo-bytes'),
						headers: { 'content-type': 'image/jpeg' },
					}
				: {
						status: 200,
						body: Buffer.from('voice-bytes'),
						headers: { 'content-type': 'audio/x-m4a' },
					},
		);
		try {
			const envelope = messageReceived([
				{ type: 'text', value: 'Here' },
				{
					type: 'media',
					id: 'att-1',
					filename: 'photo.jpg',
					mime_type: 'image/jpeg',
					size_bytes: 11,
					url: `${cdn.url}/photo.jpg`,
				},
				{
					type: 'media',
					id: 'att-2',
					filename: 'Audio Message.m4a',
					mime_type: 'audio/x-m4a',
					size_bytes: 11,
					url: `${cdn.url}/voice.m4a`,
				},
			]);
			const { status, body, response } = await deliverEvent(
				{ options: { downloadMedia: true } },
				envelope,
				'msg_d1',
			);
			expect(status).toBe(200);
			expect(body).toEqual({ received: true });
			const [[item]] = response.workflowData!;
			expect(Buffer.from(item.binary!.media_0.data, 'base64').toString()).toBe('photo-bytes');
			expect(item.binary!.media_0).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });
			expect(Buffer.from(item.binary!.media_1.data, 'base64').toString()).toBe('voice-bytes');
			expect(item.binary!.media_1).toMatchObject({
				fileName: 'Audio Message.m4a',
				mimeType: 'audio/x-m4a',
			});
			expect(item.json.media).toEqual([
				{
					index: 0,
					id: 'att-1',
					filename: 'photo.jpg',
					mime_type: 'image/jpeg',
					size_bytes: 11,
					binary_property: 'media_0',
				},
				{
					index: 1,
					id: 'att-2',
					filename: 'Audio Message.m4a',
					mime_type: 'audio/x-m4a',
					size_bytes: 11,
					binary_property: 'media_1',
				},
			]);
			// The media host gets no Linq credentials or signatures.
			expect(cdn.received.every((r) => r.headers.authorization === undefined)).toBe(true);
		} finally {
			await cdn.close();
		}
	});

	it('a file over Max Media Size, or a dead link, is listed with its error and the event still runs', async () => {
		const cdn = await recordingServer((request) =>
			request.url === '/big.mov'
				? { status: 200, body: Buffer.alloc(2 * 1024 * 1024 + 1) }
				: { status: 403, body: 'expired' },
		);
		try {
			const envelope = messageReceived([
				{
					type: 'media',
					id: 'att-big',
					filename: 'big.mov',
					mime_type: 'video/quicktime',
					url: `${cdn.url}/big.mov`,
				},
				{
					type: 'media',
					id: 'att-old',
					filename: 'old.jpg',
					mime_type: 'image/jpeg',
					url: `${cdn.url}/old.jpg`,
				},
			]);
			const { response } = await deliverEvent(
				{ options: { downloadMedia: true, maxMediaSizeMb: 2 } },
				envelope,
				'msg_d2',
			);
			const [[item]] = response.workflowData!;
			expect(item.binary ?? {}).toEqual({});
			expect((item.json.media as IDataObject[]).map((m) => m.error)).toEqual([
				"Not downloaded: larger than the trigger's Max Media Size (2 MB)",
				'Not downloaded: The media URL answered HTTP 403',
			]);
			expect(
				loggedLines().filter((l) => l.message === 'Linq Trigger: could not download a media part'),
			).toHaveLength(2);
		} finally {
			await cdn.close();
		}
	});

	it('media downloads get 10 s in all, so that Linq gets its answer in time: what is not there by then is listed with the reason, and the event runs', async () => {
		// A media host that sends headers and then nothing more, and one that never answers.
		const stalled = await startServer((request, response) => {
			if (request.url === '/slow.mov') response.writeHead(200).write('first bytes');
		});
		useVirtualClock();
		try {
			const envelope = messageReceived([
				{ type: 'media', id: 'att-slow', filename: 'slow.mov', url: `${stalled.url}/slow.mov` },
				{ type: 'media', id: 'att-next', filename: 'next.jpg', url: `${stalled.url}/next.jpg` },
			]);
			const { response, status } = await deliverEvent(
				{ options: { downloadMedia: true } },
				envelope,
				'msg_d3',
			);
			expect(status).toBe(200);
			const [[item]] = response.workflowData!;
			expect(item.binary ?? {}).toEqual({});
			const errors = (item.json.media as IDataObject[]).map((m) => m.error);
			expect(errors).toHaveLength(2);
			for (const error of errors) {
				expect(error).toMatch(/media downloads may take 10 s in all.*data\.parts\[\]\.url/);
			}
		} finally {
			useRealClock();
			await stalled.close();
		}
	});
});
