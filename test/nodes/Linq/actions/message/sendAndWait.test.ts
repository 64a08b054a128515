/**
 * Message → Send and Wait for Response in n8n's engine: the execution waits with a Linq subscription
 * pointed at its signed resume URL, and webhook() resumes it only for a real answer read back from Linq.
 */
import { ExecuteContext } from 'n8n-core';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { Linq } from '../../../../../nodes/Linq/Linq.node';
import { BASE_URL, CREDENTIALS, makeNode, makeWorkflow, runNode } from '../../../../helpers/engine';
import { CHAT_ID, chatLocator, countAllRequests, linqError } from '../../../../helpers/linq';
import { callWebhook } from '../../../../helpers/webhook';

const SENT_ID = '0c3f1a52-8d2b-4c61-9f40-1b2c3d4e5f60';
const REPLY_ID = '1d4e2b63-9e3c-4d72-8a51-2c3d4e5f6071';
const SUB_ID = '9a5b1c2d-3e4f-4a6b-8c7d-0e1f2a3b4c5d';
const ME = { handle: '+12025550100', is_me: true, status: 'active' };
const PERSON = '+14155550101';

const waitParams = (extra: IDataObject = {}) => ({
	resource: 'message',
	operation: SEND_AND_WAIT_OPERATION,
	chatId: chatLocator(CHAT_ID),
	message: 'Ship order 42?',
	...extra,
});

/** Linq's side of starting a wait; records what the node sent. */
function linqForStart() {
	const seen: { subscription?: IDataObject; message?: IDataObject; updatedUrl?: string } = {};
	const scope = nock(BASE_URL)
		.get(`/v3/chats/${CHAT_ID}`)
		.reply(200, {
			id: CHAT_ID,
			is_group: false,
			handles: [ME, { handle: PERSON, status: 'active' }],
		})
		.get('/v3/webhook-subscriptions')
		.reply(200, { subscriptions: [] })
		.post('/v3/webhook-subscriptions', (b) => {
			seen.subscription = b;
			return true;
		})
		.reply(201, {
			id: SUB_ID,
			target_url: 'x',
			subscribed_events: [],
			signing_secret: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3',
		})
		.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
			seen.message = b.message;
			return true;
		})
		.reply(200, { chat_id: CHAT_ID, message: { id: SENT_ID, parts: [] } })
		.put(`/v3/webhook-subscriptions/${SUB_ID}`, (b) => {
			seen.updatedUrl = b.target_url;
			return true;
		})
		.reply(200, { id: SUB_ID });
	return { scope, seen };
}

describe('Message → Send and Wait for Response: waiting', () => {
	it('subscribes the signed resume URL (chat, line, events), sends the question with instructions, then names the sent message in the URL, and waits', async () => {
		const { scope, seen } = linqForStart();
		const { run, error } = await runNode({
			parameters: waitParams({
				responseOptions: {
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' },
					},
				},
			}),
		});
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		expect(run.waitTill!.getTime()).toBeGreaterThan(Date.now() + 2 * 3_600_000 - 60_000);

		const first = new URL(String(seen.subscription?.target_url));
		expect(`${first.origin}${first.pathname}`).toBe(
			'https://n8n.example.com/webhook-waiting/exec-1/node-1',
		);
		expect(first.searchParams.get('version')).toBe('2026-02-03');
		expect(first.searchParams.get('linq_chat')).toBe(CHAT_ID);
		expect(first.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(seen.subscription).toMatchObject({
			subscribed_events: ['message.received', 'reaction.added'],
			phone_numbers: [ME.handle],
		});
		expect(seen.message).toEqual({
			parts: [{ type: 'text', value: 'Ship order 42?\n\nReply YES to approve or NO to decline.' }],
			idempotency_key: expect.stringMatching(/^n8n-/),
		});
		const updated = new URL(String(seen.updatedUrl));
		expect(updated.searchParams.get('linq_msg')).toBe(SENT_ID);
		expect(updated.searchParams.get('signature')).not.toBe(first.searchParams.get('signature'));
		expect(run.data.validateSignature).toBe(true);
		scope.done();
	});

	it('works on n8n versions without setSignatureValidationRequired (2.4x checks every resume call itself)', async () => {
		// The method lives on a base class of ExecuteContext: remove it where it is defined.
		let proto = ExecuteContext.prototype as unknown as {
			setSignatureValidationRequired?: () => void;
		};
		while (!Object.prototype.hasOwnProperty.call(proto, 'setSignatureValidationRequired'))
			proto = Object.getPrototypeOf(proto);
		const original = proto.setSignatureValidationRequired;
		delete proto.setSignatureValidationRequired;
		try {
			expect(
				(ExecuteContext.prototype as unknown as Record<string, unknown>)
					.setSignatureValidationRequired,
			).toBeUndefined();
			const { scope } = linqForStart();
			const { run, error } = await runNode({ parameters: waitParams() });
			expect(error).toBeUndefined();
			expect(run.status).toBe('waiting');
			scope.done();
		} finally {
			proto.setSignatureValidationRequired = original;
		}
	});

	it('a send that fails leaves no subscription behind', async () => {
		const deleted: string[] = [];
		nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(200, { id: CHAT_ID, handles: [ME] })
			.get('/v3/webhook-subscriptions')
			.reply(200, { subscriptions: [] })
			.post('/v3/webhook-subscriptions')
			.reply(201, { id: SUB_ID, target_url: 'x', subscribed_events: [] })
			.post(`/v3/chats/${CHAT_ID}/messages`)
			.reply(409, linqError(409, 2013, 'This chat is unavailable'))
			.delete(`/v3/webhook-subscriptions/${SUB_ID}`)
			.reply(() => {
				deleted.push(SUB_ID);
				return [204];
			});
		const { error } = await runNode({ parameters: waitParams() });
		expect(error?.message).toBe('This chat is unavailable');
		expect(deleted).toEqual([SUB_ID]);
	});

	it("sweeps the subscriptions of this n8n's waits that timed out (and keeps the others)", async () => {
		const base = 'https://n8n.example.com/webhook-waiting';
		const expired = `${base}/exec-0/node-1?linq_until=${Date.now() - 3_600_000}&signature=a`;
		const running = `${base}/exec-9/node-1?linq_until=${Date.now() + 3_600_000}&signature=b`;
		const forever = `${base}/exec-8/node-1?linq_until=never&signature=c`;
		const elsewhere = `https://other.example.com/webhook-waiting/exec-0/node-1?linq_until=1`;
		const deleted: string[] = [];
		nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(200, { id: CHAT_ID, handles: [ME] })
			.get('/v3/webhook-subscriptions')
			.reply(200, {
				subscriptions: [expired, running, forever, elsewhere].map((target_url, i) => ({
					id: `sub-${i}`,
					target_url,
					subscribed_events: [],
				})),
			})
			.delete(/\/v3\/webhook-subscriptions\/.+/)
			.reply((uri) => {
				deleted.push(uri.split('/').pop()!);
				return [204];
			})
			.post('/v3/webhook-subscriptions')
			.reply(201, { id: SUB_ID, target_url: 'x', subscribed_events: [] })
			.post(`/v3/chats/${CHAT_ID}/messages`)
			.reply(200, { chat_id: CHAT_ID, message: { id: SENT_ID } })
			.put(`/v3/webhook-subscriptions/${SUB_ID}`)
			.reply(200, {});
		await runNode({ parameters: waitParams() });
		expect(deleted).toEqual(['sub-0']);
	});

	it('refuses a plain-http resume URL against production Linq, explaining WEBHOOK_URL, before sending', async () => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: waitParams(),
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		});
		expect(error?.message).toBe(
			"Linq only delivers webhooks to HTTPS URLs, and this n8n's resume URL (WEBHOOK_URL) is http://localhost:5678/webhook-waiting/exec-1/node-1",
		);
		expect(counter.count).toBe(0);
	});

	it.each([
		['an empty message', { message: '={{ "" }}' }, 'Message'],
		[
			'a word that both approves and declines',
			{ approvalOptions: { approveWords: 'yes, ok', declineWords: 'no, ok' } },
			'Approve Words',
		],
		[
			'a time limit in the past',
			{
				responseOptions: {
					limitWaitTime: {
						values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T00:00:00Z' },
					},
				},
			},
			'Max Date and Time',
		],
		[
			'a malformed allowed responder',
			{ responseOptions: { allowedResponders: '415 555' } },
			'Allowed Responders',
		],
	])('%s is refused before anything is sent', async (_label, extra, parameter) => {
		const counter = countAllRequests();
		const { error } = await runNode({ parameters: waitParams(extra) });
		expect(error?.message).toContain(`for parameter "${parameter}" [item 0]`);
		expect(counter.count).toBe(0);
	});
});

describe('Message → Send and Wait for Response: answers', () => {
	const query = (extra: IDataObject = {}) => ({
		version: '2026-02-03',
		linq_chat: CHAT_ID,
		linq_msg: SENT_ID,
		linq_since: String(Date.parse('2026-11-23T10:00:00Z')),
		linq_until: 'never',
		linq_rt: 'approval',
		...extra,
	});
	const path = '/webhook-waiting/exec-1/node-1';
	const reply = (text: string, extra: IDataObject = {}) => ({
		id: REPLY_ID,
		chat_id: CHAT_ID,
		is_from_me: false,
		from_handle: { handle: PERSON },
		parts: [{ type: 'text', value: text }],
		created_at: '2026-11-23T10:05:00Z',
		...extra,
	});
	const received = {
		event_type: 'message.received',
		data: {
			id: REPLY_ID,
			chat: { id: CHAT_ID },
			parts: [{ type: 'text', value: 'forged text is never read' }],
		},
	};

	async function answer(parameters: IDataObject, body: IDataObject, q: IDataObject = query()) {
		const node = makeNode({ parameters: waitParams(parameters) });
		const workflow = makeWorkflow(node);
		return await callWebhook(
			new Linq(),
			workflow,
			node.name,
			{
				httpMethod: 'POST',
				node: node.name,
				path: 'node-1',
				webhookDescription: new Linq().description.webhooks![1],
				workflowId: 'wf-1',
			},
			{
				body,
				query: q,
				originalUrl: `${path}?x=1`,
				credentials: { linqAppApi: CREDENTIALS },
			},
		);
	}
	function subscriptionCleanup() {
		const deleted: string[] = [];
		nock(BASE_URL)
			.get('/v3/webhook-subscriptions')
			.reply(200, {
				subscriptions: [
					{
						id: SUB_ID,
						target_url: `https://n8n.example.com${path}?linq_msg=${SENT_ID}&signature=s`,
					},
					{
						id: 'other',
						target_url: 'https://n8n.example.com/webhook-waiting/exec-2/node-1?signature=t',
					},
				],
			})
			.delete(`/v3/webhook-subscriptions/${SUB_ID}`)
			.reply(() => {
				deleted.push(SUB_ID);
				return [204];
			});
		return deleted;
	}

	it.each([
		['Yes', true],
		['  yes! ', true],
		['OK.', true],
		['👍', true],
		['No', false],
		['nope', false],
	])(
		'a reply "%s" resumes with approved: %s, read back from Linq; the subscription is deleted',
		async (text, approved) => {
			nock(BASE_URL).get(`/v3/messages/${REPLY_ID}`).reply(200, reply(text));
			const deleted = subscriptionCleanup();
			const { status, response } = await answer({}, received);
			expect(status).toBe(200);
			expect(response.workflowData![0][0].json).toEqual({
				data: {
					approved,
					text,
					reaction: null,
					message: expect.objectContaining({ id: REPLY_ID, text, from: PERSON }),
					answered_by: PERSON,
				},
			});
			expect(deleted).toEqual([SUB_ID]);
		},
	);

	it('a tapback on the question resumes, once Linq confirms the reaction', async () => {
		nock(BASE_URL)
			.get(`/v3/messages/${SENT_ID}`)
			.reply(200, {
				id: SENT_ID,
				chat_id: CHAT_ID,
				is_from_me: true,
				parts: [
					{
						type: 'text',
						value: 'Ship order 42?',
						reactions: [{ handle: { handle: PERSON }, is_me: false, type: 'dislike' }],
					},
				],
			});
		subscriptionCleanup();
		const { response } = await answer(
			{},
			{
				event_type: 'reaction.added',
				data: {
					message_id: SENT_ID,
					reaction_type: 'dislike',
					is_from_me: false,
					from_handle: { handle: PERSON },
					chat_id: CHAT_ID,
				},
			},
		);
		expect(response.workflowData![0][0].json.data).toMatchObject({
			approved: false,
			text: null,
			reaction: 'dislike',
			answered_by: PERSON,
		});
	});

	it.each([
		[
			'an unrelated word',
			() => nock(BASE_URL).get(`/v3/messages/${REPLY_ID}`).reply(200, reply('maybe later')),
			received,
			query(),
		],
		[
			'another chat',
			() =>
				nock(BASE_URL)
					.get(`/v3/messages/${REPLY_ID}`)
					.reply(200, reply('yes', { chat_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })),
			received,
			query(),
		],
		[
			'another sender than allowed',
			() => nock(BASE_URL).get(`/v3/messages/${REPLY_ID}`).reply(200, reply('yes')),
			received,
			query({ linq_from: '+19998887777' }),
		],
		[
			'a message older than the question',
			() =>
				nock(BASE_URL)
					.get(`/v3/messages/${REPLY_ID}`)
					.reply(200, reply('yes', { created_at: '2026-11-23T09:00:00Z' })),
			received,
			query(),
		],
		[
			'our own message',
			() =>
				nock(BASE_URL)
					.get(`/v3/messages/${REPLY_ID}`)
					.reply(200, reply('yes', { is_from_me: true })),
			received,
			query(),
		],
		[
			'a forged message id Linq does not know',
			() =>
				nock(BASE_URL)
					.get(`/v3/messages/${REPLY_ID}`)
					.reply(404, linqError(404, 2002, 'Message not found')),
			received,
			query(),
		],
		[
			'a forged tapback Linq has no record of',
			() =>
				nock(BASE_URL)
					.get(`/v3/messages/${SENT_ID}`)
					.reply(200, { id: SENT_ID, parts: [{ type: 'text', value: 'q', reactions: [] }] }),
			{
				event_type: 'reaction.added',
				data: { message_id: SENT_ID, reaction_type: 'like', from_handle: { handle: PERSON } },
			},
			query(),
		],
		[
			'a delivery before the question was sent',
			() => undefined,
			received,
			query({ linq_msg: undefined }),
		],
		[
			'a typing event',
			() => undefined,
			{ event_type: 'chat.typing_indicator.started', data: { chat_id: CHAT_ID } },
			query(),
		],
	])('%s does not resume (200, nothing changes)', async (_label, linq, body, q) => {
		linq();
		const { status, response } = await answer({}, body, q);
		expect(status).toBe(200);
		expect(response).toEqual({ noWebhookResponse: true });
	});

	it("Require Thread Reply: only a reply in the question's thread counts", async () => {
		nock(BASE_URL).get(`/v3/messages/${REPLY_ID}`).reply(200, reply('yes'));
		const outside = await answer({ responseOptions: { requireThreadReply: true } }, received);
		expect(outside.response.workflowData).toBeUndefined();
		nock(BASE_URL)
			.get(`/v3/messages/${REPLY_ID}`)
			.reply(200, reply('yes', { reply_to: { message_id: SENT_ID, part_index: 0 } }));
		subscriptionCleanup();
		const inside = await answer({ responseOptions: { requireThreadReply: true } }, received);
		expect(inside.response.workflowData![0][0].json.data).toMatchObject({ approved: true });
	});

	it("Free Text: the next reply's text, whatever it says; a confirmation goes back as a reply", async () => {
		nock(BASE_URL).get(`/v3/messages/${REPLY_ID}`).reply(200, reply('Deliver after 5pm please'));
		subscriptionCleanup();
		let confirmation: IDataObject | undefined;
		nock(BASE_URL)
			.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
				confirmation = b.message;
				return true;
			})
			.reply(200, { chat_id: CHAT_ID, message: { id: 'c' } });
		const { response } = await answer(
			{ responseType: 'freeText', responseOptions: { confirmationMessage: 'Thanks, noted!' } },
			received,
			query({ linq_rt: 'freeText' }),
		);
		expect(response.workflowData![0][0].json).toEqual({
			data: {
				text: 'Deliver after 5pm please',
				message: expect.objectContaining({ id: REPLY_ID }),
				answered_by: PERSON,
			},
		});
		expect(confirmation).toEqual({
			parts: [{ type: 'text', value: 'Thanks, noted!' }],
			idempotency_key: `${SENT_ID}-confirmation`,
			reply_to: { message_id: REPLY_ID, part_index: 0 },
		});
	});

	it('a GET (someone opening the URL) resumes nothing', async () => {
		const node = makeNode({ parameters: waitParams() });
		const { response, body } = await callWebhook(
			new Linq(),
			makeWorkflow(node),
			node.name,
			{
				httpMethod: 'GET',
				node: node.name,
				path: 'node-1',
				webhookDescription: new Linq().description.webhooks![0],
				workflowId: 'wf-1',
			},
			{ method: 'GET' },
		);
		expect(response).toEqual({ noWebhookResponse: true });
		expect(String(body)).toContain('Nothing to do here');
	});
});
