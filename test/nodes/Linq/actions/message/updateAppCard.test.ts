/** Message → Update App Card through n8n's engine: the request it sends, and every layout rule checked first. */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { BASE_URL, runNode } from '../../../../helpers/engine';
import { CHAT_ID, countAllRequests, linqError } from '../../../../helpers/linq';

const MESSAGE_ID = '0c3f1a52-8d2b-4c61-9f40-1b2c3d4e5f60';
const NEW_ID = '1d4f2b63-9e3c-4d72-8a51-2c3d4e5f6a71';
const params = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'updateAppCard',
	messageId: { __rl: true, mode: 'id', value: MESSAGE_ID },
	...extra,
});
const sent = {
	id: NEW_ID,
	created_at: '2026-11-23T10:05:00Z',
	delivery_status: 'queued',
	parts: [{ type: 'imessage_app', layout: { caption: 'Shipped' } }],
	sent_at: null,
};

function capture(into: { body?: unknown }) {
	return (b: unknown) => {
		into.body = b;
		return true;
	};
}

describe('Message → Update App Card', () => {
	it('POSTs the layout with interactive: true (not inherited) and outputs the new message', async () => {
		const seen: { body?: unknown } = {};
		const scope = nock(BASE_URL)
			.post(`/v3/messages/${MESSAGE_ID}/update`, capture(seen))
			.reply(200, { chat_id: CHAT_ID, message: sent });
		const { items, error } = await runNode({
			parameters: params({ layout: { caption: ' Shipped ', subcaption: 'Arrives Friday' } }),
		});
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			layout: { caption: 'Shipped', subcaption: 'Arrives Friday' },
			interactive: true,
		});
		expect(items?.map((i) => i.json)).toEqual([
			{ chat_id: CHAT_ID, message_id: NEW_ID, replaced_message_id: MESSAGE_ID, message: sent },
		]);
		scope.done();
	});

	it('merges Layout (JSON) under the fields, and sends fallback text, URL and interactive: false', async () => {
		const seen: { body?: unknown } = {};
		nock(BASE_URL)
			.post(`/v3/messages/${MESSAGE_ID}/update`, capture(seen))
			.reply(200, { chat_id: CHAT_ID, message: sent });
		const { error } = await runNode({
			parameters: params({
				layout: { caption: 'Delivered', imageTitle: 'Box' },
				interactive: false,
				additionalFields: {
					layoutJson:
						'{"caption":"Shipped","image_url":"https://example.com/box.png","trailing_caption":"#123","image_subtitle":null}',
					fallbackText: 'Your order was delivered',
					url: 'https://example.com/order/123',
				},
			}),
		});
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			layout: {
				caption: 'Delivered',
				image_url: 'https://example.com/box.png',
				trailing_caption: '#123',
				image_title: 'Box',
			},
			interactive: false,
			fallback_text: 'Your order was delivered',
			url: 'https://example.com/order/123',
		});
	});

	it('takes Layout (JSON) as an object from an expression, and a data: URL', async () => {
		const seen: { body?: unknown } = {};
		nock(BASE_URL)
			.post(`/v3/messages/${MESSAGE_ID}/update`, capture(seen))
			.reply(200, { chat_id: CHAT_ID, message: sent });
		const { error } = await runNode(
			{
				parameters: params({
					additionalFields: { layoutJson: '={{ $json.layout }}', url: 'data:,order%3D123' },
				}),
			},
			[{ layout: { trailing_subcaption: '2 items' } }],
		);
		expect(error).toBeUndefined();
		expect(seen.body).toEqual({
			layout: { trailing_subcaption: '2 items' },
			interactive: true,
			url: 'data:,order%3D123',
		});
	});

	it("a card that is not yet delivered fails with Linq's 409 (an error item under continue-on-fail)", async () => {
		nock(BASE_URL)
			.post(`/v3/messages/${MESSAGE_ID}/update`)
			.reply(409, linqError(409, 2015, 'Operation conflicts with current state'));
		const { items } = await runNode({
			parameters: params({ layout: { caption: 'x' } }),
			continueOnFail: true,
		});
		expect(items?.[0].json).toMatchObject({ message_id: MESSAGE_ID, code: 2015, status: 409 });
	});

	it.each([
		['an empty layout', {}, 'Layout', '{}', 'at least'],
		[
			'a layout with only an image title',
			{ layout: { imageTitle: 'Box' } },
			'Layout',
			'{"imageTitle":"Box"}',
			'at least',
		],
		[
			'an image title without an image',
			{ layout: { caption: 'x', imageTitle: 'Box' } },
			'Image Title',
			'"Box"',
			'Image URL',
		],
		[
			'an image subtitle without an image',
			{ layout: { caption: 'x', imageSubtitle: 'Small' } },
			'Image Subtitle',
			'"Small"',
			'Image URL',
		],
		[
			'an http image',
			{ layout: { imageUrl: 'http://example.com/box.png' } },
			'Image URL',
			'"http://example.com/box.png"',
			'https://',
		],
		[
			'Layout (JSON) that is not JSON',
			{ additionalFields: { layoutJson: '{caption: x}' } },
			'Layout (JSON)',
			'"{caption: x}"',
			'not valid JSON',
		],
		[
			'Layout (JSON) that is an array',
			{ additionalFields: { layoutJson: '["x"]' } },
			'Layout (JSON)',
			'"[\\"x\\"]"',
			'JSON object',
		],
		[
			'Layout (JSON) with an unknown key',
			{ additionalFields: { layoutJson: '{"title":"x"}' } },
			'Layout (JSON)',
			'"title"',
			'Not a layout field',
		],
		[
			'Layout (JSON) with a number',
			{ additionalFields: { layoutJson: '{"caption":3}' } },
			'Layout (JSON)',
			'{"caption":3}',
			'text',
		],
		[
			'an http card URL',
			{ layout: { caption: 'x' }, additionalFields: { url: 'http://example.com' } },
			'URL',
			'"http://example.com"',
			'https://',
		],
		[
			'a card URL over 2,048 characters',
			{
				layout: { caption: 'x' },
				additionalFields: { url: `https://example.com/${'a'.repeat(2030)}` },
			},
			'URL',
			'"https://example.com/aaaaaaaaaaaaaaaaaaaa… (2050 characters)"',
			'2048',
		],
		[
			'a data: URL over 16,384 characters',
			{ layout: { caption: 'x' }, additionalFields: { url: `data:,${'a'.repeat(16384)}` } },
			'URL',
			'"data:,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… (16390 characters)"',
			'16384',
		],
		[
			'Interactive that is not a boolean',
			{ layout: { caption: 'x' }, interactive: '={{ "yes" }}' },
			'Interactive',
			'"yes"',
			'true',
		],
	])('%s is refused before anything is sent', async (_label, extra, parameter, shown, fix) => {
		const counter = countAllRequests();
		const { error } = await runNode({ parameters: params(extra as INodeParameters) });
		expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
		expect(error?.description).toContain(fix);
		expect(counter.count).toBe(0);
	});

	it('a malformed message ID is refused before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{
				parameters: params({
					messageId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					layout: { caption: 'x' },
				}),
			},
			[{ id: 'msg-1' }],
		);
		expect(error?.message).toBe('Invalid value "msg-1" for parameter "Message" [item 0]');
		expect(counter.count).toBe(0);
	});
});
