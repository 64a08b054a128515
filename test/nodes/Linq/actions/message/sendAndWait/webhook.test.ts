/**
 * Send and Wait's resume webhook in n8n-core's WebhookContext: a delivery resumes the execution
 * only for a real answer, read back from Linq, that wins the claim (the delete of the wait's
 * subscription, by the ID in the signed URL).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { Linq } from '../../../../../../nodes/Linq/Linq.node';
import { BASE_URL, makeNode, makeWorkflow } from '../../../../../helpers/engine';
import { CHAT_ID, OTHER_CHAT_ID, linqError } from '../../../../../helpers/linq';
import { callWebhook } from '../../../../../helpers/webhook';
import {
	deliver,
	PERSON,
	received,
	reply,
	REPLY_ID,
	RESUME_PATH,
	resumeQuery,
	SENT_ID,
	STRANGER,
	SUB_ID,
	waitParams,
} from './fixtures';

/** Linq's side of the claim: DELETE of the wait's subscription, answering `status`. */
function claimAnswers(...statuses: number[]) {
	const deletes: string[] = [];
	let scope = nock(BASE_URL);
	for (const status of statuses) {
		scope = scope.delete(`/v3/webhook-subscriptions/${SUB_ID}`).reply(() => {
			deletes.push(SUB_ID);
			return status === 404
				? [404, linqError(404, 2010, 'Webhook subscription not found')]
				: [status, status >= 500 ? linqError(status, 3006, 'Internal server error') : ''];
		});
	}
	return deletes;
}

function sentMessages() {
	const sent: IDataObject[] = [];
	nock(BASE_URL)
		.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
			sent.push(b.message);
			return true;
		})
		.reply(200, { chat_id: CHAT_ID, message: { id: 'c' } })
		.persist();
	return sent;
}

const readBack = (message: IDataObject) =>
	nock(BASE_URL).get(`/v3/messages/${REPLY_ID}`).reply(200, message);

describe('Send and Wait: approval answers', () => {
	it.each([
		['Yes', true],
		['  yes! ', true],
		['OK.', true],
		['👍', true],
		['No', false],
		['nope', false],
	])(
		'a reply "%s" resumes with approved: %s, after deleting the subscription named in the URL',
		async (text, approved) => {
			readBack(reply(text));
			const deletes = claimAnswers(204);
			const { status, response } = await deliver({}, received);
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
			expect(deletes).toEqual([SUB_ID]);
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
		claimAnswers(204);
		const { response } = await deliver(
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

	it('Approve Only: "no" does not count, "yes" does', async () => {
		const approveOnly = { approvalOptions: { values: { approvalType: 'single' } } };
		readBack(reply('no'));
		const ignored = await deliver(approveOnly, received);
		expect(ignored.response).toEqual({ noWebhookResponse: true });
		readBack(reply('yes'));
		claimAnswers(204);
		const counted = await deliver(approveOnly, received);
		expect(counted.response.workflowData![0][0].json.data).toMatchObject({ approved: true });
	});

	it.each([
		['an unrelated word', reply('maybe later'), resumeQuery()],
		['another chat', reply('yes', { chat_id: OTHER_CHAT_ID }), resumeQuery()],
		['another sender than allowed', reply('yes'), resumeQuery({ linq_from: STRANGER })],
		[
			'a message older than the question',
			reply('yes', { created_at: '2026-11-23T09:00:00Z' }),
			resumeQuery(),
		],
		['our own message', reply('yes', { is_from_me: true }), resumeQuery()],
	])('%s does not resume and claims nothing (200)', async (_label, message, q) => {
		readBack(message);
		const deletes = claimAnswers();
		const { status, response } = await deliver({}, received, q);
		expect(status).toBe(200);
		expect(response).toEqual({ noWebhookResponse: true });
		expect(deletes).toEqual([]);
	});

	it.each([
		[
			'a forged message id Linq does not know',
			() =>
				nock(BASE_URL)
					.get(`/v3/messages/${REPLY_ID}`)
					.reply(404, linqError(404, 2002, 'Message not found')),
			received,
			resumeQuery(),
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
			resumeQuery(),
		],
		[
			'a delivery before the question was sent',
			() => undefined,
			received,
			resumeQuery({ linq_msg: undefined }),
		],
		[
			'a typing event',
			() => undefined,
			{ event_type: 'chat.typing_indicator.started', data: { chat_id: CHAT_ID } },
			resumeQuery(),
		],
	])('%s does not resume (200, nothing changes)', async (_label, linq, body, q) => {
		linq();
		const { status, response } = await deliver({}, body, q);
		expect(status).toBe(200);
		expect(response).toEqual({ noWebhookResponse: true });
	});

	it("Require Thread Reply: only a reply in the question's thread counts", async () => {
		const threadOnly = { options: { requireThreadReply: true } };
		readBack(reply('yes'));
		const outside = await deliver(threadOnly, received);
		expect(outside.response.workflowData).toBeUndefined();
		readBack(reply('yes', { reply_to: { message_id: SENT_ID, part_index: 0 } }));
		claimAnswers(204);
		const inside = await deliver(threadOnly, received);
		expect(inside.response.workflowData![0][0].json.data).toMatchObject({ approved: true });
	});
});

describe('Send and Wait: the claim (one resume per wait)', () => {
	it('a second delivery of an answer finds the subscription gone (404): it resumes nothing and confirms nothing', async () => {
		readBack(reply('yes'));
		claimAnswers(404);
		const sent = sentMessages();
		const { status, body, response } = await deliver(
			{ options: { confirmationMessage: 'Thanks!' } },
			received,
		);
		expect(status).toBe(200);
		expect(body).toEqual({ received: true, ignored: 'the wait was answered already' });
		expect(response).toEqual({ noWebhookResponse: true });
		expect(sent).toEqual([]);
	});

	it.each([
		['the retry deletes it', [500, 204]],
		['the retry finds it gone: the first delete went through unheard', [500, 404]],
	])('a delete whose outcome is unknown is asked again; %s: resumed', async (_label, statuses) => {
		readBack(reply('yes'));
		const deletes = claimAnswers(...statuses);
		const { response } = await deliver({}, received);
		expect(response.workflowData![0][0].json.data).toMatchObject({ approved: true });
		expect(deletes).toHaveLength(2);
	});

	it('when Linq cannot say (5xx throughout), Linq gets 503 to deliver again, and nothing resumes', async () => {
		readBack(reply('yes'));
		const deletes = claimAnswers(500, 500, 500, 500, 500);
		const { status, response } = await deliver({}, received);
		expect(status).toBe(503);
		expect(response).toEqual({ noWebhookResponse: true });
		// Once alone, then the transport's four attempts.
		expect(deletes).toHaveLength(5);
	});

	it('a refused delete (403) is not a claim either: 503, nothing resumes', async () => {
		readBack(reply('yes'));
		nock(BASE_URL)
			.delete(`/v3/webhook-subscriptions/${SUB_ID}`)
			.reply(403, linqError(403, 1003, 'Forbidden'));
		const { status, response } = await deliver({}, received);
		expect(status).toBe(503);
		expect(response.workflowData).toBeUndefined();
	});

	it('a wait started by an earlier release (no subscription in its URL) finds its subscription by the URL path', async () => {
		readBack(reply('yes'));
		nock(BASE_URL)
			.get('/v3/webhook-subscriptions')
			.reply(200, {
				subscriptions: [
					{ id: 'other', target_url: 'https://n8n.example.com/webhook-waiting/exec-2/node-1?s=t' },
					{ id: SUB_ID, target_url: `https://n8n.example.com${RESUME_PATH}?linq_msg=${SENT_ID}` },
				],
			});
		const deletes = claimAnswers(204);
		const { response } = await deliver({}, received, resumeQuery({ linq_sub: undefined }));
		expect(response.workflowData![0][0].json.data).toMatchObject({ approved: true });
		expect(deletes).toEqual([SUB_ID]);
	});
});

describe('Send and Wait: free text and multiple choice', () => {
	it("Free Text: the next reply's text, whatever it says; a confirmation goes back as a reply", async () => {
		readBack(reply('Deliver after 5pm please'));
		claimAnswers(204);
		const sent = sentMessages();
		const { response } = await deliver(
			{ responseType: 'freeText', options: { confirmationMessage: 'Thanks, noted!' } },
			received,
			resumeQuery({ linq_rt: 'freeText' }),
		);
		expect(response.workflowData![0][0].json).toEqual({
			data: {
				text: 'Deliver after 5pm please',
				message: expect.objectContaining({ id: REPLY_ID }),
				answered_by: PERSON,
			},
		});
		expect(sent).toEqual([
			{
				parts: [{ type: 'text', value: 'Thanks, noted!' }],
				idempotency_key: `${SENT_ID}-confirmation`,
				reply_to: { message_id: REPLY_ID, part_index: 0 },
			},
		]);
	});

	const choiceQuery = resumeQuery({
		linq_rt: 'multipleChoice',
		linq_choices: JSON.stringify(['Morning', 'Afternoon', '10']),
	});
	it.each([
		['2', 'Afternoon', 1],
		[' afternoon! ', 'Afternoon', 1],
		['1.', 'Morning', 0],
		['10', '10', 2],
		['3', '10', 2],
	])('a reply "%s" chooses "%s" (index %s)', async (text, choice, index) => {
		readBack(reply(text));
		claimAnswers(204);
		const { response } = await deliver({ responseType: 'multipleChoice' }, received, choiceQuery);
		expect(response.workflowData![0][0].json).toEqual({
			data: {
				choice,
				index,
				text,
				message: expect.objectContaining({ id: REPLY_ID }),
				answered_by: PERSON,
			},
		});
	});

	it.each(['4', '0', 'evening', 'morning or afternoon'])(
		'a reply "%s" is not a choice: nothing resumes',
		async (text) => {
			readBack(reply(text));
			const deletes = claimAnswers();
			const { response } = await deliver({ responseType: 'multipleChoice' }, received, choiceQuery);
			expect(response).toEqual({ noWebhookResponse: true });
			expect(deletes).toEqual([]);
		},
	);
});

describe('Send and Wait: Reply to People Who May Not Answer', () => {
	const onlyPerson = resumeQuery({ linq_from: PERSON });
	const strangerSays = (text: string) =>
		readBack(reply(text, { from_handle: { handle: STRANGER } }));
	const withReply = {
		options: { allowedResponders: PERSON, unauthorizedReplyText: 'Only Casey decides.' },
	};

	it('an answer from someone else gets the reply, keyed per person and wait (Linq sends it once); nothing resumes', async () => {
		strangerSays('yes');
		const deletes = claimAnswers();
		const sent = sentMessages();
		const { body, response } = await deliver(withReply, received, onlyPerson);
		expect(body).toEqual({ received: true, ignored: 'not an allowed responder' });
		expect(response.workflowData).toBeUndefined();
		expect(sent).toEqual([
			{
				parts: [{ type: 'text', value: 'Only Casey decides.' }],
				idempotency_key: `${SENT_ID}-not-allowed-${STRANGER}`,
				reply_to: { message_id: REPLY_ID, part_index: 0 },
			},
		]);
		expect(deletes).toEqual([]);
	});

	it('chatter that would not count as an answer gets no reply, nor does anyone without the option', async () => {
		const sent = sentMessages();
		strangerSays('lol');
		await deliver(withReply, received, onlyPerson);
		strangerSays('yes');
		await deliver({ options: { allowedResponders: PERSON } }, received, onlyPerson);
		expect(sent).toEqual([]);
	});
});

describe('Send and Wait: a node saved with version 1', () => {
	it('reads its own parameter names (responseOptions, flat approvalOptions)', async () => {
		readBack(reply('sure', { reply_to: { message_id: SENT_ID, part_index: 0 } }));
		claimAnswers(204);
		const sent = sentMessages();
		const { response } = await deliver(
			{
				approvalOptions: { approveWords: 'sure' },
				responseOptions: { requireThreadReply: true, confirmationMessage: 'Noted.' },
			},
			received,
			resumeQuery(),
			1,
		);
		expect(response.workflowData![0][0].json.data).toMatchObject({ approved: true, text: 'sure' });
		expect(sent).toHaveLength(1);
	});
});

it('a GET (someone opening the URL) resumes nothing', async () => {
	const node = makeNode({ parameters: waitParams(), typeVersion: 2 });
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
