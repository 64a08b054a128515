import type { ICredentialTestFunctions } from 'n8n-workflow';

import { LinqAppWebhookSecretApi } from '../../credentials/LinqAppWebhookSecretApi.credentials';
import { testSigningSecret } from '../../nodes/LinqTrigger/receive';
import { newSecret } from '../helpers/trigger';

const check = (signingSecret: string) =>
	testSigningSecret.call({} as ICredentialTestFunctions, {
		id: 'c',
		name: 'Linq webhook secret',
		type: 'linqAppWebhookSecretApi',
		data: { signingSecret },
	});

describe('Linq Webhook Signing Secret credential', () => {
	it('keeps the secret as a password field, required', () => {
		const [field] = new LinqAppWebhookSecretApi().properties;
		expect(field).toMatchObject({
			name: 'signingSecret',
			required: true,
			typeOptions: { password: true },
		});
	});

	it('its test accepts a secret as Linq issues it', async () => {
		await expect(check(newSecret())).resolves.toEqual({
			status: 'OK',
			message: 'The signing secret looks right',
		});
	});

	it.each([
		['without whsec_', 'c2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3', 'starts with whsec_'],
		['cut off', 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY', 'part of it may be missing'],
		['too short', 'whsec_c2VjcmV0', 'too short'],
		['empty', '', 'starts with whsec_'],
	])('its test refuses a secret %s', async (_label, secret, message) => {
		const result = await check(secret);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(message);
	});
});
