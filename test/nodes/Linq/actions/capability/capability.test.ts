/** Capability → Check iMessage, Check RCS through n8n's engine. */
import nock from 'nock';

import { BASE_URL, runNode } from '../../../../helpers/engine';
import { countAllRequests, linqError } from '../../../../helpers/linq';

const lineRef = (value: string, mode: 'number' | 'list' = 'number') => ({
	__rl: true,
	mode,
	value,
});

describe.each([
	['checkImessage', '/v3/capability/check_imessage'],
	['checkRcs', '/v3/capability/check_rcs'],
])('Capability → %s', (operation, path) => {
	it('POSTs the address (and no from) and outputs { address, available }', async () => {
		let body: unknown;
		const scope = nock(BASE_URL)
			.post(path, (b) => {
				body = b;
				return true;
			})
			.reply(200, { address: '+14155550101', available: true });
		const { items, error } = await runNode({
			parameters: { resource: 'capability', operation, address: ' +14155550101 ' },
		});
		expect(error).toBeUndefined();
		expect(body).toEqual({ address: '+14155550101' });
		expect(items?.map((i) => i.json)).toEqual([{ address: '+14155550101', available: true }]);
		scope.done();
	});

	it('sends the From Line when one is chosen, and outputs available: false as is', async () => {
		let body: unknown;
		nock(BASE_URL)
			.post(path, (b) => {
				body = b;
				return true;
			})
			.reply(200, { address: '+14155550101', available: false });
		const { items } = await runNode({
			parameters: {
				resource: 'capability',
				operation,
				address: '+14155550101',
				additionalFields: { from: lineRef('+12025550100', 'list') },
			},
		});
		expect(body).toEqual({ address: '+14155550101', from: '+12025550100' });
		expect(items?.[0].json).toEqual({ address: '+14155550101', available: false });
	});

	it("a From Line that is not yours fails the item with Linq's 403/2006 (continue-on-fail gives an error item)", async () => {
		nock(BASE_URL)
			.post(path)
			.reply(403, linqError(403, 2006, 'Phone number permission denied'));
		const { items } = await runNode({
			parameters: {
				resource: 'capability',
				operation,
				address: '+14155550101',
				additionalFields: { from: lineRef('+12025550199') },
			},
			continueOnFail: true,
		});
		expect(items?.[0].json).toMatchObject({ address: '+14155550101', code: 2006, status: 403 });
	});

	it.each([
		['address', '4155550101', 'Address', '"4155550101"'],
		['address', '', 'Address', '""'],
		['from', 'alex@example.com', 'From Line', '"alex@example.com"'],
	])('a bad %s (%p) is refused before anything is sent', async (field, value, parameter, shown) => {
		const counter = countAllRequests();
		const parameters = {
			resource: 'capability',
			operation,
			address: field === 'address' ? '={{ $json.v }}' : '+14155550101',
			additionalFields: field === 'from' ? { from: lineRef('={{ $json.v }}') } : {},
		};
		const { error } = await runNode({ parameters }, [{ v: value }]);
		expect(error?.message).toBe(`Invalid value ${shown} for parameter "${parameter}" [item 0]`);
		expect(counter.count).toBe(0);
	});
});

describe('Capability → Check iMessage with an email address', () => {
	it('sends the email as the address', async () => {
		let body: unknown;
		nock(BASE_URL)
			.post('/v3/capability/check_imessage', (b) => {
				body = b;
				return true;
			})
			.reply(200, { address: 'alex@example.com', available: true });
		const { items } = await runNode({
			parameters: {
				resource: 'capability',
				operation: 'checkImessage',
				address: 'alex@example.com',
			},
		});
		expect(body).toEqual({ address: 'alex@example.com' });
		expect(items?.[0].json).toEqual({ address: 'alex@example.com', available: true });
	});
});

describe('Capability → Check RCS with an email address', () => {
	it('is refused before anything is sent, pointing to Check iMessage', async () => {
		const counter = countAllRequests();
		const { error } = await runNode({
			parameters: { resource: 'capability', operation: 'checkRcs', address: 'alex@example.com' },
		});
		expect(error?.message).toBe(
			'Invalid value "alex@example.com" for parameter "Address" [item 0]',
		);
		expect(error?.description).toContain('Check iMessage');
		expect(counter.count).toBe(0);
	});
});
