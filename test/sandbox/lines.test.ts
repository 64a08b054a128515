/** Sandbox lines and account (https://docs.linqapp.com/api/): phone numbers, available number, capability, contact cards, event list. */
import { LINQ_EVENT_TYPES } from '../../nodes/shared/events';
import { ALL_EVENTS } from '../../sandbox/server';
import { LINES, SEED_IDS } from '../../sandbox/state';
import { call, expectError, raw, useSandbox } from './harness';

const sb = useSandbox();
const q = encodeURIComponent;

describe('phone numbers', () => {
	it('GET /v3/phone_numbers lists the lines with reputation and forwarding number', async () => {
		const answer = await call(sb.sandbox, 'GET', '/v3/phone_numbers');
		expect(answer.body.phone_numbers).toHaveLength(2);
		expect(answer.body.phone_numbers[0]).toEqual({
			id: SEED_IDS.lineMain,
			phone_number: LINES.main,
			reputation: { status: 'HEALTHY', doc_url: expect.any(String) },
			health_status: { status: 'HEALTHY', doc_url: expect.any(String) },
			forwarding_number: null,
		});
	});

	it('PUT /v3/phone_numbers/{id} sets or clears the forwarding number', async () => {
		const path = `/v3/phone_numbers/${SEED_IDS.lineMain}`;
		expect(
			(await call(sb.sandbox, 'PUT', path, { forwarding_number: '+14155550000' })).body,
		).toEqual({
			id: SEED_IDS.lineMain,
			phone_number: LINES.main,
			forwarding_number: '+14155550000',
		});
		expect(
			(await call(sb.sandbox, 'GET', '/v3/phone_numbers')).body.phone_numbers[0].forwarding_number,
		).toBe('+14155550000');
		expect(
			(await call(sb.sandbox, 'PUT', path, { forwarding_number: '' })).body.forwarding_number,
		).toBeNull();
		await call(sb.sandbox, 'PUT', path, { forwarding_number: '+14155550000' });
		expect(
			(await call(sb.sandbox, 'PUT', path, { forwarding_number: null })).body.forwarding_number,
		).toBeNull();
	});

	it.each([
		['no forwarding_number key', SEED_IDS.lineMain, {}, 400, 1001],
		[
			'a number that is not E.164',
			SEED_IDS.lineMain,
			{ forwarding_number: '415-555-0000' },
			400,
			1002,
		],
		[
			'an unknown line id',
			'99999999-9999-4999-8999-999999999999',
			{ forwarding_number: null },
			404,
			2019,
		],
		['the number instead of the id', LINES.main, { forwarding_number: null }, 404, 2019],
	])('PUT refuses %s', async (_label, id, body, status, code) => {
		expectError(await call(sb.sandbox, 'PUT', `/v3/phone_numbers/${q(id)}`, body), status, code);
	});

	it('GET /v3/phonenumbers (deprecated) answers the old shape', async () => {
		expect((await call(sb.sandbox, 'GET', '/v3/phonenumbers')).body.phone_numbers[1]).toEqual({
			id: SEED_IDS.lineSecond,
			phone_number: LINES.second,
			capabilities: { sms: true, mms: true, voice: true },
			country_code: null,
			type: null,
		});
	});
});

describe('GET /v3/available_number', () => {
	it('picks the best line, sticky to an existing chat with those recipients (repeated to params)', async () => {
		expect((await call(sb.sandbox, 'GET', '/v3/available_number')).body.phone_number).toBe(
			LINES.main,
		);
		expect(
			(await call(sb.sandbox, 'GET', `/v3/available_number?to=${q('+14155550301')}`)).body
				.phone_number,
		).toBe(LINES.second);
		const trio = await call(
			sb.sandbox,
			'GET',
			`/v3/available_number?to=${q('+14155550402')}&to=${q('+14155550401')}`,
		);
		expect(trio.body.phone_number).toBe(LINES.second);
		expect(
			(await call(sb.sandbox, 'GET', `/v3/available_number?to=${q('+14155557301')}`)).body
				.phone_number,
		).toBe(LINES.main);
		sb.sandbox.lineStatus({ phone_number: LINES.main, reputation: 'CRITICAL' });
		expect(
			(await call(sb.sandbox, 'GET', `/v3/available_number?to=${q('+14155557301')}`)).body
				.phone_number,
		).toBe(LINES.second);
	});

	it('the vcf_url serves a vCard with the chosen line first', async () => {
		await call(sb.sandbox, 'POST', '/v3/contact_card', {
			first_name: 'Acme',
			last_name: 'Support',
			phone_number: LINES.main,
		});
		const answer = await call(sb.sandbox, 'GET', '/v3/available_number');
		const vcard = await raw(answer.body.vcf_url, {});
		expect(vcard.status).toBe(200);
		expect(vcard.headers['content-type']).toBe('text/vcard');
		expect(vcard.body.toString()).toMatch(
			new RegExp(
				`BEGIN:VCARD[\\s\\S]*FN:Acme Support[\\s\\S]*TEL;TYPE=CELL,PREF:\\${LINES.main}[\\s\\S]*TEL;TYPE=CELL:\\${LINES.second}[\\s\\S]*END:VCARD`,
			),
		);
	});

	it('refuses a handle that is not E.164 or an email, including the comma-joined form', async () => {
		expectError(
			await call(sb.sandbox, 'GET', `/v3/available_number?to=${q('+14155550401,+14155550402')}`),
			400,
			1002,
		);
		expectError(await call(sb.sandbox, 'GET', '/v3/available_number?to=hello'), 400, 1002);
	});
});

describe('capability checks', () => {
	it.each([
		['check_imessage', '+14155557401', true],
		['check_imessage', 'pat@example.com', true],
		['check_imessage', '+14155550999', false],
		['check_rcs', '+14155550999', true],
		['check_rcs', '+14155550998', false],
	])('%s %s → available %s', async (endpoint, address, available) => {
		const answer = await call(sb.sandbox, 'POST', `/v3/capability/${endpoint}`, { address });
		expect([answer.status, answer.body]).toEqual([200, { address, available }]);
	});

	it.each([
		['check_imessage', {}, 400, 1001],
		['check_imessage', { address: '555 0101' }, 400, 1002],
		['check_rcs', { address: 'pat@example.com' }, 400, 1002],
		['check_imessage', { address: '+14155557401', from: '+19995550000' }, 403, 2006],
		['check_rcs', { address: '+14155557401', from: 'main line' }, 400, 1002],
	])('%s refuses %j', async (endpoint, body, status, code) => {
		expectError(await call(sb.sandbox, 'POST', `/v3/capability/${endpoint}`, body), status, code);
	});

	it('accepts one of your lines as from', async () => {
		expect(
			(
				await call(sb.sandbox, 'POST', '/v3/capability/check_imessage', {
					address: '+14155557401',
					from: LINES.second,
				})
			).status,
		).toBe(200);
	});
});

describe('contact cards', () => {
	it('create once (409/2014 after), list, and patch by merge', async () => {
		expect((await call(sb.sandbox, 'GET', '/v3/contact_card')).body).toEqual({ contact_cards: [] });
		const created = await call(sb.sandbox, 'POST', '/v3/contact_card', {
			first_name: 'Acme',
			phone_number: LINES.main,
			image_url: 'https://example.com/a.png',
		});
		expect(created.status).toBe(201);
		expect(created.body).toEqual({
			first_name: 'Acme',
			last_name: null,
			image_url: 'https://example.com/a.png',
			phone_number: LINES.main,
			is_active: true,
		});
		expectError(
			await call(sb.sandbox, 'POST', '/v3/contact_card', {
				first_name: 'Again',
				phone_number: LINES.main,
			}),
			409,
			2014,
		);
		await call(sb.sandbox, 'POST', '/v3/contact_card', {
			first_name: 'Second',
			phone_number: LINES.second,
		});
		expect((await call(sb.sandbox, 'GET', '/v3/contact_card')).body.contact_cards).toHaveLength(2);
		expect(
			(await call(sb.sandbox, 'GET', `/v3/contact_card?phone_number=${q(LINES.second)}`)).body
				.contact_cards,
		).toEqual([expect.objectContaining({ first_name: 'Second' })]);
		const patched = await call(
			sb.sandbox,
			'PATCH',
			`/v3/contact_card?phone_number=${q(LINES.main)}`,
			{ last_name: 'Support' },
		);
		expect(patched.body).toEqual({
			first_name: 'Acme',
			last_name: 'Support',
			image_url: 'https://example.com/a.png',
			phone_number: LINES.main,
			is_active: true,
		});
	});

	it.each([
		['POST', '/v3/contact_card', { phone_number: LINES.main }, 400, 1001],
		['POST', '/v3/contact_card', { first_name: 'A' }, 400, 1001],
		['POST', '/v3/contact_card', { first_name: 'A', phone_number: '+19995550000' }, 403, 2006],
		[
			'POST',
			'/v3/contact_card',
			{ first_name: 'A', phone_number: LINES.main, image_url: 'http://example.com/a.png' },
			400,
			1005,
		],
		['PATCH', `/v3/contact_card?phone_number=${q(LINES.main)}`, { first_name: 'B' }, 404, 2012],
		['PATCH', '/v3/contact_card', { first_name: 'B' }, 400, 1001],
		['GET', '/v3/contact_card?phone_number=12345', undefined, 400, 1002],
	])('%s %s refuses %j', async (method, path, body, status, code) => {
		expectError(await call(sb.sandbox, method, path, body), status, code);
	});
});

describe('GET /v3/webhook-events', () => {
	it("answers the project's one event list", async () => {
		expect((await call(sb.sandbox, 'GET', '/v3/webhook-events')).body).toEqual({
			events: LINQ_EVENT_TYPES,
			doc_url: 'https://docs.linqapp.com/guides/webhooks/events',
		});
		expect(ALL_EVENTS).toBe(LINQ_EVENT_TYPES);
		expect(LINQ_EVENT_TYPES).toHaveLength(27);
	});
});
