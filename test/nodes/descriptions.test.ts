/**
 * What the user sees, as a reviewed diff: both nodes' descriptions (every parameter, option, default
 * and display rule, for both node versions) and both credentials. A change to any of them fails this
 * test until its snapshot is updated (`npx jest test/nodes/descriptions.test.ts -u`), so the change
 * shows in the commit. Snapshots as n8n's Microsoft Teams v2 node tests keep them.
 */
import { LinqAppApi } from '../../credentials/LinqAppApi.credentials';
import { LinqAppWebhookSecretApi } from '../../credentials/LinqAppWebhookSecretApi.credentials';
import { Linq } from '../../nodes/Linq/Linq.node';
import { LinqTrigger } from '../../nodes/LinqTrigger/LinqTrigger.node';

describe('descriptions users see', () => {
	it('Linq node', () => {
		expect(new Linq().description).toMatchSnapshot();
	});

	it('Linq Trigger node', () => {
		expect(new LinqTrigger().description).toMatchSnapshot();
	});

	it('Linq API credential', () => {
		expect({ ...new LinqAppApi() }).toMatchSnapshot();
	});

	it('Linq Webhook Signing Secret API credential', () => {
		expect({ ...new LinqAppWebhookSecretApi() }).toMatchSnapshot();
	});
});
