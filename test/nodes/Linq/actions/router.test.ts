import nock from 'nock';

import { BASE_URL, runNode } from '../../../helpers/engine';
import { CHAT_ID, chatParams, countAllRequests, linqError, queued } from '../../../helpers/linq';

const path = `/v3/chats/${CHAT_ID}/participants`;
const handles = [
	'+12220000000',
	'+12220000001',
	'+12220000002',
	'+12220000003',
	'+12220000004',
	'+12220000005',
];

/** Linq answers per handle: odd ones fail with different codes. */
function mixedLinq() {
	return nock(BASE_URL)
		.persist()
		.post(path)
		.reply((_uri, body) => {
			const { handle } = body as { handle: string };
			const n = Number(handle.slice(-1));
			if (n === 1) return [409, linqError(409, 2013, 'This chat is unavailable', 'trace-1')];
			if (n === 3)
				return [400, linqError(400, 1002, 'Phone number must be in E.164 format', 'trace-3')];
			if (n === 5) return [502, '<html>Bad gateway</html>', { 'Content-Type': 'text/html' }];
			return [202, queued('Participant addition queued', `trace-${n}`)];
		});
}

describe('router: many items', () => {
	it.each([1, 3])(
		'continue-on-fail: N in → N out, in order, errors carry Linq details (parallel %i)',
		async (parallel) => {
			mixedLinq();
			const { items, error } = await runNode(
				{
					parameters: chatParams('addParticipant', {
						handle: '={{ $json.h }}',
						options: { parallelRequests: parallel },
					}),
					continueOnFail: true,
				},
				handles.map((h) => ({ h })),
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(6);
			expect(items?.map((i) => i.pairedItem)).toEqual(handles.map((_, item) => ({ item })));
			expect(items?.map((i) => i.json.handle)).toEqual(handles);
			expect(items?.[0].json).toMatchObject({ status: 'accepted', trace_id: 'trace-0' });
			expect(items?.[1].json).toMatchObject({
				error: 'This chat is unavailable',
				code: 2013,
				status: 409,
				trace_id: 'trace-1',
				chat_id: CHAT_ID,
			});
			expect(items?.[1].json.description).toContain('you may have left this chat');
			expect(items?.[2].json).toMatchObject({ status: 'accepted', trace_id: 'trace-2' });
			expect(items?.[3].json).toMatchObject({
				error: 'Phone number must be in E.164 format',
				code: 1002,
				status: 400,
			});
			expect(items?.[4].json).toMatchObject({ status: 'accepted', trace_id: 'trace-4' });
			expect(items?.[5].json).toMatchObject({
				error: 'Linq answered HTTP 502 with an HTML page',
				status: 502,
			});
		},
	);

	it('continue-on-fail: an invalid handle becomes an error item and is not sent', async () => {
		const sent: string[] = [];
		nock(BASE_URL)
			.persist()
			.post(path)
			.reply((_uri, body) => {
				sent.push((body as { handle: string }).handle);
				return [202, queued()];
			});
		const { items } = await runNode(
			{
				parameters: chatParams('addParticipant', { handle: '={{ $json.h }}' }),
				continueOnFail: true,
			},
			[{ h: '+12223334444' }, { h: '222-333-4444' }, { h: 'a@b.co' }],
		);
		expect(sent.sort()).toEqual(['+12223334444', 'a@b.co']);
		expect(items?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items?.[1].json.error).toBe(
			'Invalid value "222-333-4444" for parameter "Handle" [item 1]',
		);
		expect(items?.[1].json.description).toContain('E.164');
	});

	it('without continue-on-fail the first failure stops the node and names the item', async () => {
		const sent: string[] = [];
		nock(BASE_URL)
			.persist()
			.post(path)
			.reply((_uri, body) => {
				const { handle } = body as { handle: string };
				sent.push(handle);
				return handle.endsWith('2')
					? [409, linqError(409, 2013, 'This chat is unavailable')]
					: [202, queued()];
			});
		const { items, error } = await runNode(
			{
				parameters: chatParams('addParticipant', {
					handle: '={{ $json.h }}',
					options: { parallelRequests: 1 },
				}),
			},
			handles.map((h) => ({ h })),
		);
		expect(items).toBeUndefined();
		expect(error?.message).toBe('This chat is unavailable');
		expect(error?.context?.itemIndex).toBe(2);
		expect(sent).toEqual(handles.slice(0, 3));
	});

	it('an invalid item anywhere in the batch fails the node before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{ parameters: chatParams('addParticipant', { handle: '={{ $json.h }}' }) },
			[{ h: '+12223334444' }, { h: '+12223334445' }, { h: '+1 (222) 333-4446' }],
		);
		expect(error?.message).toBe(
			'Invalid value "+1 (222) 333-4446" for parameter "Handle" [item 2]',
		);
		expect(error?.description).toContain('Did you mean +12223334446?');
		expect(counter.count).toBe(0);
	});

	it('keeps input order when later items answer first (parallel 5)', async () => {
		nock(BASE_URL)
			.persist()
			.post(path)
			.delay(0)
			.reply(async (_uri, body) => {
				const { handle } = body as { handle: string };
				const n = Number(handle.slice(-1));
				await new Promise((r) => setTimeout(r, (6 - n) * 15));
				return [202, queued('q', `trace-${n}`)];
			});
		const { items } = await runNode(
			{
				parameters: chatParams('addParticipant', {
					handle: '={{ $json.h }}',
					options: { parallelRequests: 5 },
				}),
			},
			handles.map((h) => ({ h })),
		);
		expect(items?.map((i) => i.json.trace_id)).toEqual(handles.map((_, n) => `trace-${n}`));
	});

	it('resolves the credential once per execution, not once per item', async () => {
		nock(BASE_URL).persist().post(path).reply(202, queued());
		const { items, credentialsHelper } = await runNode(
			{ parameters: chatParams('addParticipant', { handle: '={{ $json.h }}' }) },
			handles.map((h) => ({ h })),
		);
		expect(items).toHaveLength(6);
		expect(credentialsHelper.decryptCalls).toBe(1);
	});
});
