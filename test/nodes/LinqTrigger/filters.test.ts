import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { fromHandles } from '../../../nodes/LinqTrigger/filters';
import { listValues } from '../../../nodes/shared/validation';
import { BASE_URL } from '../../helpers/engine';
import { countAllRequests } from '../../helpers/linq';
import {
	deliver,
	lifecycle,
	newSecret,
	participantRemoved,
	signedHeaders,
	TRIGGER_NAME,
	triggerWorkflow,
} from '../../helpers/trigger';

const secret = newSecret();
const stored = () => ({
	'node:Linq Trigger': { subscriptionId: 'sub-1', signingSecret: secret, targetUrl: 'x' },
});
const CHAT = '550e8400-e29b-41d4-a716-446655440000';
const OTHER_CHAT = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function received(sender: string, chatId = CHAT): Buffer {
	return Buffer.from(
		JSON.stringify({
			...participantRemoved(),
			event_type: 'message.received',
			data: {
				id: 'm1',
				direction: 'inbound',
				service: 'iMessage',
				sender_handle: { handle: sender, service: 'iMessage', is_me: false },
				chat: { id: chatId, is_group: true },
				parts: [{ type: 'text', value: 'hi' }],
			},
		}),
	);
}

const envelope = (eventType: string, data: IDataObject) =>
	Buffer.from(JSON.stringify({ ...participantRemoved(), event_type: eventType, data }));

let sequence = 0;
async function send(workflow: ReturnType<typeof triggerWorkflow>, raw: Buffer) {
	return await deliver(workflow, signedHeaders(secret, raw, `msg_f${++sequence}`), raw);
}

describe('Linq Trigger filters', () => {
	describe('listValues', () => {
		it('reads a comma list (version 1), a picked list (1.1) and an expression giving either', () => {
			expect(listValues(' +12223334444, +13334445555 ,')).toEqual(['+12223334444', '+13334445555']);
			expect(listValues(['+12223334444', '+13334445555'])).toEqual([
				'+12223334444',
				'+13334445555',
			]);
			expect(listValues(['a, b', 'c'])).toEqual(['a', 'b', 'c']);
			expect(listValues('')).toEqual([]);
			expect(listValues([])).toEqual([]);
			expect(listValues(undefined)).toEqual([]);
		});
	});

	describe('fromHandles', () => {
		const node = triggerWorkflow().getNode(TRIGGER_NAME)!;

		it('takes E.164 numbers and emails, trimmed; emails compare in lower case', () => {
			expect([...fromHandles(node, ' +14155550101 , Casey@Example.com')]).toEqual([
				'+14155550101',
				'casey@example.com',
			]);
		});

		it('a handle that is neither is an error naming the From parameter, with the fix', () => {
			expect(() => fromHandles(node, '+14155550101, (415) 555-0102')).toThrow(
				'Invalid value "(415) 555-0102" for parameter "From" [item 0]',
			);
			try {
				fromHandles(node, '4155550102');
			} catch (error) {
				expect((error as { description?: string }).description).toContain('+14155550102');
			}
			expect.assertions(2);
		});
	});

	describe('on receipt', () => {
		it('From lets only the listed senders start the workflow; the others get 200 and start nothing', async () => {
			const workflow = triggerWorkflow(
				{ events: ['message.received'], filters: { from: '+14155550101, casey@example.com' } },
				stored(),
			);
			const allowed = await send(workflow, received('+14155550101'));
			expect(allowed.status).toBe(200);
			expect(allowed.body).toEqual({ received: true });
			expect(allowed.output?.[0].json).toMatchObject({ sender: '+14155550101' });

			const other = await send(workflow, received('+14155550199'));
			expect(other.status).toBe(200);
			expect(other.body).toEqual({ received: true, ignored: 'sender not in filter' });
			expect(other.response.workflowData).toBeUndefined();
			expect(other.output).toBeUndefined();
		});

		it('an email sender matches whatever its case', async () => {
			const workflow = triggerWorkflow(
				{ events: ['message.received'], filters: { from: 'casey@example.com' } },
				stored(),
			);
			expect(
				(await send(workflow, received('Casey@Example.COM'))).response.workflowData,
			).toHaveLength(1);
		});

		it('events that name no sender are dropped while From is set, and let through while it is empty', async () => {
			const typing = () => envelope('chat.typing_indicator.started', { chat_id: CHAT });
			const filtered = triggerWorkflow(
				{ events: ['chat.typing_indicator.started'], filters: { from: '+14155550101' } },
				stored(),
			);
			expect((await send(filtered, typing())).body).toEqual({
				received: true,
				ignored: 'sender not in filter',
			});
			const open = triggerWorkflow({ events: ['chat.typing_indicator.started'] }, stored());
			expect((await send(open, typing())).response.workflowData).toHaveLength(1);
		});

		it('reactions are checked against who reacted, participant events against who joined or left', async () => {
			const workflow = triggerWorkflow(
				{ events: ['reaction.added', 'participant.removed'], filters: { from: '+12223334444' } },
				stored(),
			);
			const reaction = (who: string) =>
				envelope('reaction.added', {
					chat_id: CHAT,
					is_from_me: false,
					reaction_type: 'like',
					from_handle: { handle: who },
				});
			expect((await send(workflow, reaction('+12223334444'))).response.workflowData).toHaveLength(
				1,
			);
			expect((await send(workflow, reaction('+19998887777'))).body).toMatchObject({
				ignored: 'sender not in filter',
			});
			// participantRemoved() is +12223334444 leaving.
			const left = Buffer.from(JSON.stringify(participantRemoved()));
			expect((await send(workflow, left)).response.workflowData).toHaveLength(1);
		});

		it('From and a picked chat list (version 1.1) both have to match', async () => {
			const workflow = triggerWorkflow(
				{ events: ['message.received'], filters: { from: '+14155550101', chatIds: [CHAT] } },
				stored(),
				1.1,
			);
			expect((await send(workflow, received('+14155550101'))).response.workflowData).toHaveLength(
				1,
			);
			expect((await send(workflow, received('+14155550101', OTHER_CHAT))).body).toMatchObject({
				ignored: 'chat not in filter',
			});
			expect((await send(workflow, received('+14155550199'))).body).toMatchObject({
				ignored: 'sender not in filter',
			});
		});

		it('a From that is invalid on receipt (an expression) fails, naming the parameter, and starts nothing', async () => {
			const workflow = triggerWorkflow(
				{ events: ['message.received'], filters: { from: '={{ "415-555-0101" }}' } },
				stored(),
			);
			await expect(send(workflow, received('+14155550101'))).rejects.toThrow(
				'Invalid value "415-555-0101" for parameter "From" [item 0]',
			);
		});
	});

	describe('on activation', () => {
		afterEach(() => nock.cleanAll());

		it.each(['automatic', 'manual'])(
			'a bad From fails activation (%s mode) before anything is sent to Linq',
			async (subscriptionMode) => {
				const requests = countAllRequests();
				const workflow = triggerWorkflow({
					subscriptionMode,
					events: ['message.received'],
					filters: { from: '+14155550101, casey@' },
				});
				await expect(lifecycle(workflow, 'checkExists')).rejects.toThrow(
					'Invalid value "casey@" for parameter "From" [item 0]',
				);
				expect(requests.count).toBe(0);
			},
		);

		it('a picked line list (version 1.1) goes to Linq as the subscription line filter', async () => {
			const scope = nock(BASE_URL)
				.post('/v3/webhook-subscriptions', (body) => {
					expect(body.phone_numbers).toEqual(['+12223334444', '+13334445555']);
					return true;
				})
				.reply(201, {
					id: 'sub-9',
					target_url: 'x',
					subscribed_events: ['message.received'],
					signing_secret: secret,
				});
			const workflow = triggerWorkflow(
				{
					events: ['message.received'],
					filters: { phoneNumbers: ['+12223334444', '+13334445555'] },
				},
				{},
				1.1,
			);
			await expect(lifecycle(workflow, 'create')).resolves.toBe(true);
			scope.done();
		});
	});
});
