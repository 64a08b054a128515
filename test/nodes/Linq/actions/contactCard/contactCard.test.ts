/** Contact Card → Get, Create, Update through n8n's engine. */
import nock from 'nock';

import { BASE_URL, runNode } from '../../../../helpers/engine';
import { countAllRequests, linqError } from '../../../../helpers/linq';

const LINE = '+12025550100';
const lineRef = (value: string, mode: 'number' | 'list' = 'list') => ({ __rl: true, mode, value });
const card = {
	first_name: 'Acme',
	last_name: 'Support',
	image_url: 'https://example.com/logo.png',
	phone_number: LINE,
	is_active: true,
};
const otherCard = { first_name: 'Acme Sales', phone_number: '+12025550111', is_active: false };

describe('Contact Card → Get', () => {
	it('GETs every card (no query) and outputs one item per card', async () => {
		let path = '';
		const scope = nock(BASE_URL)
			.get((uri) => {
				path = uri;
				return uri.startsWith('/api/partner/v3/contact_card');
			})
			.reply(200, { contact_cards: [card, otherCard] });
		const { items, error } = await runNode({
			parameters: { resource: 'contactCard', operation: 'get' },
		});
		expect(error).toBeUndefined();
		expect(path).toBe('/api/partner/v3/contact_card');
		expect(items?.map((i) => i.json)).toEqual([card, otherCard]);
		scope.done();
	});

	it('with a Phone Line filter, sends it as phone_number (+ encoded)', async () => {
		let path = '';
		nock(BASE_URL)
			.get((uri) => {
				path = uri;
				return true;
			})
			.reply(200, { contact_cards: [card] });
		const { items } = await runNode({
			parameters: {
				resource: 'contactCard',
				operation: 'get',
				filters: { phoneNumber: lineRef(LINE) },
			},
		});
		expect(path).toBe('/api/partner/v3/contact_card?phone_number=%2B12025550100');
		expect(items?.map((i) => i.json)).toEqual([card]);
	});

	it('a bad Phone Line filter is refused before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{
				parameters: {
					resource: 'contactCard',
					operation: 'get',
					filters: { phoneNumber: lineRef('={{ $json.line }}', 'number') },
				},
			},
			[{ line: '2025550100' }],
		);
		expect(error?.message).toBe('Invalid value "2025550100" for parameter "Phone Line" [item 0]');
		expect(counter.count).toBe(0);
	});
});

describe('Contact Card → Create', () => {
	it("POSTs first name, line, last name and image, and outputs Linq's card", async () => {
		let body: unknown;
		const scope = nock(BASE_URL)
			.post('/v3/contact_card', (b) => {
				body = b;
				return true;
			})
			.reply(200, card);
		const { items, error } = await runNode({
			parameters: {
				resource: 'contactCard',
				operation: 'create',
				phoneNumber: lineRef(LINE),
				firstName: ' Acme ',
				additionalFields: { lastName: 'Support', imageUrl: 'https://example.com/logo.png' },
			},
		});
		expect(error).toBeUndefined();
		expect(body).toEqual({
			phone_number: LINE,
			first_name: 'Acme',
			last_name: 'Support',
			image_url: 'https://example.com/logo.png',
		});
		expect(items?.map((i) => i.json)).toEqual([card]);
		scope.done();
	});

	it("a line that has a card already fails with Linq's 409/2014 (no retry; an error item under continue-on-fail)", async () => {
		const scope = nock(BASE_URL)
			.post('/v3/contact_card')
			.once()
			.reply(409, linqError(409, 2014, 'Contact card already exists for this phone number'));
		const { items } = await runNode({
			parameters: {
				resource: 'contactCard',
				operation: 'create',
				phoneNumber: lineRef(LINE),
				firstName: 'Acme',
			},
			continueOnFail: true,
		});
		expect(items?.[0].json).toMatchObject({ phone_number: LINE, code: 2014, status: 409 });
		scope.done();
	});

	it.each([
		['a blank first name', { firstName: '={{ $json.v }}' }, '  ', 'First Name', '""'],
		[
			'an http image',
			{ firstName: 'Acme', additionalFields: { imageUrl: '={{ $json.v }}' } },
			'http://example.com/logo.png',
			'Image URL',
			'"http://example.com/logo.png"',
		],
		[
			'an email as the line',
			{ firstName: 'Acme', phoneNumber: lineRef('={{ $json.v }}', 'number') },
			'sales@example.com',
			'Phone Line',
			'"sales@example.com"',
		],
	])('%s is refused before anything is sent', async (_label, extra, value, parameter, shown) => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{
				parameters: {
					resource: 'contactCard',
					operation: 'create',
					phoneNumber: lineRef(LINE),
					...extra,
				},
			},
			[{ v: value }],
		);
		expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
		expect(counter.count).toBe(0);
	});
});

describe('Contact Card → Update', () => {
	it('PATCHes only the given fields, with the line as phone_number in the query', async () => {
		let body: unknown;
		let path = '';
		const scope = nock(BASE_URL)
			.patch(
				(uri) => {
					path = uri;
					return true;
				},
				(b) => {
					body = b;
					return true;
				},
			)
			.reply(200, { ...card, image_url: 'https://example.com/new.png' });
		const { items, error } = await runNode({
			parameters: {
				resource: 'contactCard',
				operation: 'update',
				phoneNumber: lineRef(LINE),
				updateFields: { imageUrl: 'https://example.com/new.png' },
			},
		});
		expect(error).toBeUndefined();
		expect(path).toBe('/api/partner/v3/contact_card?phone_number=%2B12025550100');
		expect(body).toEqual({ image_url: 'https://example.com/new.png' });
		expect(items?.[0].json).toEqual({ ...card, image_url: 'https://example.com/new.png' });
		scope.done();
	});

	it("a line without a card fails with Linq's 404/2012", async () => {
		nock(BASE_URL)
			.patch('/v3/contact_card')
			.query(true)
			.reply(404, linqError(404, 2012, 'Contact card not found'));
		const { error } = await runNode({
			parameters: {
				resource: 'contactCard',
				operation: 'update',
				phoneNumber: lineRef(LINE),
				updateFields: { firstName: 'Acme' },
			},
		});
		expect(error?.message).toContain('Contact card not found');
	});

	it.each([
		['no field', {}, 'Update Fields', '{}'],
		[
			'only blank fields',
			{ firstName: '  ', lastName: '' },
			'Update Fields',
			'{"firstName":"  ","lastName":""}',
		],
		[
			'a non-https image',
			{ imageUrl: 'ftp://example.com/a.png' },
			'Image URL',
			'"ftp://example.com/a.png"',
		],
	])('%s is refused before anything is sent', async (_label, updateFields, parameter, shown) => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: {
				resource: 'contactCard',
				operation: 'update',
				phoneNumber: lineRef(LINE),
				updateFields,
			},
		});
		expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
		expect(counter.count).toBe(0);
	});
});
