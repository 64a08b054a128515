import nock from 'nock';

import { BASE_URL, runNode } from '../../../../helpers/engine';

describe('Message → Send to Handles', () => {
	it('POSTs /v3/messages with the key in the body and the Idempotency-Key header; the output says which line and chat', async () => {
		let header: string | undefined;
		let body:
			| { to: string[]; message: { idempotency_key: string }; continuation_message?: object }
			| undefined;
		const answer = {
			chat_id: '9e8d7c6b-5a49-4838-9271-605f4e3d2c1b',
			created_new_chat: false,
			from: '+12025550101',
			from_selection: { reason: 'reused_active_chat', reused_existing_chat: true },
			handles: [],
			is_group: false,
			service: 'iMessage',
			message: { id: 'msg-9' },
			previous_chat_id: null,
		};
		const scope = nock(BASE_URL)
			.post('/v3/messages', (b) => {
				body = b;
				return true;
			})
			.reply(function () {
				header = this.req.headers['idempotency-key'] as string;
				return [202, answer];
			});
		const { items } = await runNode({
			parameters: {
				resource: 'message',
				operation: 'sendToHandles',
				to: '+14155550101',
				text: 'Your order shipped',
				continuationText: 'New number, same team',
			},
		});
		expect(body?.to).toEqual(['+14155550101']);
		expect(body?.continuation_message).toEqual({ text: 'New number, same team' });
		expect(header).toBe(body?.message.idempotency_key);
		expect(items?.[0].json).toMatchObject({
			...answer,
			message_id: 'msg-9',
			idempotency_key: header,
		});
		scope.done();
	});

	it('takes the recipients as an array from an expression, without duplicates', async () => {
		let to: string[] = [];
		nock(BASE_URL)
			.post('/v3/messages', (b) => {
				to = b.to;
				return true;
			})
			.reply(202, { message: { id: 'x' } });
		await runNode(
			{
				parameters: {
					resource: 'message',
					operation: 'sendToHandles',
					to: '={{ $json.people }}',
					text: 'Hi',
				},
			},
			[{ people: ['+14155550101', ' +14155550102 ', '+14155550101'] }],
		);
		expect(to).toEqual(['+14155550101', '+14155550102']);
	});
});
