import nock from 'nock';
import { NodeHelpers } from 'n8n-workflow';

import { LinqAppApi } from '../../credentials/LinqAppApi.credentials';
import { API_KEY, BASE_URL } from '../helpers/engine';
import { testLinqCredential } from '../helpers/credentialTest';

describe('Linq API credential', () => {
	it("has a type name that cannot collide with n8n-nodes-linq's linqApi", () => {
		const credential = new LinqAppApi();
		expect(credential.name).toBe('linqAppApi');
		expect(credential.displayName).toBe('Linq API');
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(BASE_URL);
	});

	it("shows Linq's HTTPS notice only for production Linq, where it applies (n8n's own display rules)", () => {
		const notice = new LinqAppApi().properties.find((p) => p.name === 'httpsNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayName).toMatch(/only to HTTPS URLs.*WEBHOOK_URL/);
		const shown = (baseUrl: string) =>
			NodeHelpers.displayParameter({ apiKey: 'k', baseUrl }, notice!, null, null);
		expect(shown(BASE_URL)).toBe(true);
		expect(shown(`${BASE_URL}/`)).toBe(true);
		expect(shown('http://127.0.0.1:4010/api/partner')).toBe(false);
		expect(shown('https://linq-sandbox.example.com/api/partner')).toBe(false);
	});

	it('test passes for a key Linq accepts (GET /v3/phone_numbers with the Bearer key)', async () => {
		const scope = nock(BASE_URL, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.get('/v3/phone_numbers')
			.reply(200, { phone_numbers: [] });
		await expect(testLinqCredential({ apiKey: API_KEY, baseUrl: BASE_URL })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		scope.done();
	});

	it('test fails with an actionable message for a wrong key', async () => {
		// n8n sends a request that got 401 once more (its pre-authentication refresh path).
		nock(BASE_URL)
			.get('/v3/phone_numbers')
			.times(2)
			.reply(401, {
				success: false,
				error: {
					status: 401,
					code: 2004,
					message: 'Unauthorized - missing or invalid authentication token',
				},
			});
		const result = await testLinqCredential({ apiKey: 'wrong', baseUrl: BASE_URL });
		expect(result.status).toBe('Error');
		// n8n 2.8 shows its own 401 text; versions that keep the HTTP cause show our rule's message.
		expect(result.message).toMatch(
			/^(Authorization failed - please check your credentials|Linq rejected the API key)/,
		);
	});

	it('test tolerates a trailing slash on the Base URL', async () => {
		const scope = nock('http://127.0.0.1:4010')
			.get('/api/partner/v3/phone_numbers')
			.reply(200, { phone_numbers: [] });
		const result = await testLinqCredential({
			apiKey: API_KEY,
			baseUrl: 'http://127.0.0.1:4010/api/partner//',
		});
		expect(result.status).toBe('OK');
		scope.done();
	});
});
