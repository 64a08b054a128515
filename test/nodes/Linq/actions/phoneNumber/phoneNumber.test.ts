/** Phone Number → Get Many, Update, Find Available through n8n's engine. */
import nock from 'nock';

import { API_KEY, BASE_URL, runNode } from '../../../../helpers/engine';
import { countAllRequests, linqError } from '../../../../helpers/linq';

const LINE_ID = '9b2f4c1e-3a5d-4e6f-8a7b-1c2d3e4f5a6b';
const lineRef = (value: string, mode: 'id' | 'list' = 'id') => ({ __rl: true, mode, value });
const lines = [
	{
		id: LINE_ID,
		phone_number: '+12025550100',
		reputation: { status: 'HEALTHY', doc_url: 'https://docs.linqapp.com/guides/phone-numbers/' },
		health_status: { status: 'HEALTHY', doc_url: 'https://docs.linqapp.com/guides/phone-numbers/' },
		forwarding_number: '+14155550101',
	},
	{
		id: '1b2f4c1e-3a5d-4e6f-8a7b-1c2d3e4f5a6c',
		phone_number: '+12025550111',
		reputation: { status: 'AT_RISK', doc_url: '' },
	},
];

describe('Phone Number → Get Many', () => {
	it('GETs /v3/phone_numbers once and outputs one simplified item per line', async () => {
		const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.get('/v3/phone_numbers')
			.reply(200, { phone_numbers: lines });
		const { items, error } = await runNode({
			parameters: { resource: 'phoneNumber', operation: 'getMany' },
		});
		expect(error).toBeUndefined();
		expect(items?.map((i) => i.json)).toEqual([
			{
				id: LINE_ID,
				phone_number: '+12025550100',
				reputation: 'HEALTHY',
				forwarding_number: '+14155550101',
			},
			{
				id: lines[1].id,
				phone_number: '+12025550111',
				reputation: 'AT_RISK',
				forwarding_number: null,
			},
		]);
		expect(items?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		scope.done();
	});

	it("with Simplify off, outputs Linq's line objects unchanged", async () => {
		nock(BASE_URL).get('/v3/phone_numbers').reply(200, { phone_numbers: lines });
		const { items } = await runNode({
			parameters: { resource: 'phoneNumber', operation: 'getMany', simplify: false },
		});
		expect(items?.map((i) => i.json)).toEqual(lines);
	});
});

describe('Phone Number → Update', () => {
	it("PUTs the forwarding number to the line's ID and outputs Linq's answer", async () => {
		let body: unknown;
		const scope = nock(BASE_URL)
			.put(`/v3/phone_numbers/${LINE_ID}`, (b) => {
				body = b;
				return true;
			})
			.reply(200, { id: LINE_ID, phone_number: '+12025550100', forwarding_number: '+14155550199' });
		const { items, error } = await runNode({
			parameters: {
				resource: 'phoneNumber',
				operation: 'update',
				phoneNumberId: lineRef(LINE_ID),
				forwardingNumber: ' +14155550199 ',
			},
		});
		expect(error).toBeUndefined();
		expect(body).toEqual({ forwarding_number: '+14155550199' });
		expect(items?.map((i) => i.json)).toEqual([
			{ id: LINE_ID, phone_number: '+12025550100', forwarding_number: '+14155550199' },
		]);
		scope.done();
	});

	it('an empty Forwarding Number turns forwarding off with forwarding_number: null', async () => {
		let body: unknown;
		nock(BASE_URL)
			.put(`/v3/phone_numbers/${LINE_ID}`, (b) => {
				body = b;
				return true;
			})
			.reply(200, { id: LINE_ID, phone_number: '+12025550100', forwarding_number: null });
		const { items } = await runNode({
			parameters: {
				resource: 'phoneNumber',
				operation: 'update',
				phoneNumberId: lineRef(LINE_ID, 'list'),
			},
		});
		expect(body).toEqual({ forwarding_number: null });
		expect(items?.[0].json.forwarding_number).toBeNull();
	});

	it("an unknown line fails the item with Linq's 404/2019, as an error item under continue-on-fail", async () => {
		nock(BASE_URL)
			.put(`/v3/phone_numbers/${LINE_ID}`)
			.reply(404, linqError(404, 2019, 'Phone number not found'));
		const { items } = await runNode({
			parameters: {
				resource: 'phoneNumber',
				operation: 'update',
				phoneNumberId: lineRef(LINE_ID),
				forwardingNumber: '+14155550199',
			},
			continueOnFail: true,
		});
		expect(items?.[0].json).toMatchObject({ phone_number_id: LINE_ID, code: 2019, status: 404 });
	});

	it.each([
		['forwardingNumber', '415-555-0199', 'Forwarding Number', '"415-555-0199"'],
		['forwardingNumber', 'alex@example.com', 'Forwarding Number', '"alex@example.com"'],
		['phoneNumberId', '+12025550100', 'Phone Line', '"+12025550100"'],
	])('a bad %s (%p) is refused before anything is sent', async (field, value, parameter, shown) => {
		const counter = countAllRequests();
		const parameters = {
			resource: 'phoneNumber',
			operation: 'update',
			phoneNumberId: lineRef(field === 'phoneNumberId' ? '={{ $json.v }}' : LINE_ID),
			forwardingNumber: field === 'forwardingNumber' ? '={{ $json.v }}' : '',
		};
		const { error } = await runNode({ parameters }, [{ v: value }]);
		expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
		expect(error?.description).toBeTruthy();
		expect(counter.count).toBe(0);
	});
});

describe('Phone Number → Find Available', () => {
	it('without recipients, GETs /v3/available_number with no query and outputs the number and vCard link', async () => {
		let path = '';
		const scope = nock(BASE_URL)
			.get((uri) => {
				path = uri;
				return uri.startsWith('/api/partner/v3/available_number');
			})
			.reply(200, {
				phone_number: '+12025550100',
				vcf_url: 'https://cdn.linqapp.com/v/line.vcf?sig=1',
			});
		const { items, error } = await runNode({
			parameters: { resource: 'phoneNumber', operation: 'findAvailable' },
		});
		expect(error).toBeUndefined();
		expect(path).toBe('/api/partner/v3/available_number');
		expect(items?.map((i) => i.json)).toEqual([
			{ phone_number: '+12025550100', vcf_url: 'https://cdn.linqapp.com/v/line.vcf?sig=1' },
		]);
		scope.done();
	});

	it('repeats the `to` parameter once per recipient, with + and @ percent-encoded', async () => {
		let path = '';
		nock(BASE_URL)
			.get((uri) => {
				path = uri;
				return true;
			})
			.reply(200, { phone_number: '+12025550100', vcf_url: 'https://cdn.linqapp.com/v/line.vcf' });
		const { error } = await runNode({
			parameters: {
				resource: 'phoneNumber',
				operation: 'findAvailable',
				to: '+14155550101, alex@example.com,+14155550102',
			},
		});
		expect(error).toBeUndefined();
		expect(path).toBe(
			'/api/partner/v3/available_number?to=%2B14155550101&to=alex%40example.com&to=%2B14155550102',
		);
	});

	it('takes the recipients as an array from an expression', async () => {
		let path = '';
		nock(BASE_URL)
			.get((uri) => {
				path = uri;
				return true;
			})
			.reply(200, { phone_number: '+12025550100', vcf_url: 'x' });
		await runNode(
			{
				parameters: { resource: 'phoneNumber', operation: 'findAvailable', to: '={{ $json.to }}' },
			},
			[{ to: ['+14155550101', '+14155550102'] }],
		);
		expect(path).toBe('/api/partner/v3/available_number?to=%2B14155550101&to=%2B14155550102');
	});

	it('a recipient that is not a phone number or email is refused before anything is sent', async () => {
		const counter = countAllRequests();
		const { error } = await runNode(
			{
				parameters: { resource: 'phoneNumber', operation: 'findAvailable', to: '={{ $json.to }}' },
			},
			[{ to: '+14155550101, 415 555 0102' }],
		);
		expect(error?.message).toBe('Invalid value "415 555 0102" for parameter "To" [item 0]');
		expect(counter.count).toBe(0);
	});
});
