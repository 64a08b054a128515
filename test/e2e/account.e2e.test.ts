/**
 * The account side of Linq's API in a real n8n, one chained workflow against the sandbox: lines,
 * a capability check, the next available number, a contact card, and a webhook subscription created,
 * read and deleted by the node (the same code the Linq Trigger uses). And what the README says for
 * an endpoint the node does not cover: n8n's HTTP Request node with the Linq API credential as a
 * predefined credential type.
 */
import { LINES } from '../../sandbox/state';
import { outputOf } from '../../scripts/lib/n8n-rest';
import { chain, startHarness, workflowOf, type Harness } from './harness';

describe('lines, capability, contact cards and webhook subscriptions in a real n8n', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await startHarness();
	}, 900_000);
	afterAll(async () => h?.stop(), 60_000);

	it("each operation calls its endpoint and outputs Linq's answer", async () => {
		const line = { __rl: true, mode: 'number', value: LINES.main };
		// Lines gives one item per line; the nodes after it run once, not once per line.
		const node = (name: string, parameters: Record<string, unknown>) => ({
			name,
			type: 'n8n-nodes-linqapp.linq',
			parameters,
			executeOnce: true,
		});
		const workflow = await h.api.importWorkflow(
			workflowOf(
				'Account',
				[
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
					node('Lines', { resource: 'phoneNumber', operation: 'getMany' }),
					node('Can iMessage', {
						resource: 'capability',
						operation: 'checkImessage',
						address: 'casey@example.com',
					}),
					node('Next Line', {
						resource: 'phoneNumber',
						operation: 'findAvailable',
						to: '+14155550101, +14155550102',
					}),
					node('Card', {
						resource: 'contactCard',
						operation: 'create',
						phoneNumber: line,
						firstName: 'Acme Support',
					}),
					node('Subscribe', {
						resource: 'webhookSubscription',
						operation: 'create',
						targetUrl: 'https://hooks.example.com/linq',
						events: ['message.received'],
					}),
					node('Unsubscribe', {
						resource: 'webhookSubscription',
						operation: 'delete',
						subscriptionId: { __rl: true, mode: 'id', value: "={{ $('Subscribe').item.json.id }}" },
					}),
				],
				chain('Start', 'Lines', 'Can iMessage', 'Next Line', 'Card', 'Subscribe', 'Unsubscribe'),
			),
			h.credential,
		);
		const result = await h.run(workflow.id);
		expect([
			result.status,
			JSON.stringify(result.data.resultData.error ?? null).slice(0, 600),
		]).toEqual(['success', 'null']);
		const runData = result.data.resultData.runData;
		expect(
			outputOf(runData, 'Lines').map((l: { phone_number?: string }) => l.phone_number),
		).toEqual(expect.arrayContaining([LINES.main, LINES.second]));
		expect(outputOf(runData, 'Can iMessage')[0]).toMatchObject({
			address: 'casey@example.com',
			available: true,
		});
		expect(outputOf(runData, 'Next Line')[0]).toMatchObject({
			phone_number: expect.stringMatching(/^\+1/),
			vcf_url: expect.any(String),
		});
		expect(outputOf(runData, 'Card')[0]).toMatchObject({
			first_name: 'Acme Support',
			phone_number: LINES.main,
		});
		const subscribed = outputOf(runData, 'Subscribe')[0];
		expect(subscribed).toMatchObject({
			target_url: 'https://hooks.example.com/linq?version=2026-02-03',
			signing_secret: expect.stringMatching(/^whsec_/),
		});
		expect(outputOf(runData, 'Unsubscribe')[0]).toMatchObject({
			deleted: true,
			subscription_id: subscribed.id,
		});
		expect(h.sandbox.state.subscriptions.size).toBe(0);
		// Repeated, as Linq's spec wants (the sandbox refuses the SDK's comma form), with + encoded.
		const available = (h.sandbox.requests as Array<{ path: string; search: string }>).find(
			(r) => r.path === '/v3/available_number',
		);
		expect(available?.search).toBe('?to=%2B14155550101&to=%2B14155550102');
	});

	it("n8n's HTTP Request node calls any Linq endpoint with the Linq API credential (predefined credential type)", async () => {
		const request = (name: string, parameters: Record<string, unknown>) => ({
			name,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'linqAppApi',
				options: {},
				...parameters,
			},
			credentials: { linqAppApi: { id: 'x', name: 'x' } },
			executeOnce: true,
		});
		const workflow = await h.api.importWorkflow(
			workflowOf(
				'HTTP Request with the Linq API credential',
				[
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
					request('List Lines', { method: 'GET', url: `${h.sandbox.baseUrl}/v3/phone_numbers` }),
					request('Check iMessage', {
						method: 'POST',
						url: `${h.sandbox.baseUrl}/v3/capability/check_imessage`,
						sendBody: true,
						specifyBody: 'json',
						jsonBody: JSON.stringify({ address: 'casey@example.com' }),
					}),
				],
				chain('Start', 'List Lines', 'Check iMessage'),
			),
			h.credential,
		);
		const before = h.sandbox.requests.length;
		const result = await h.run(workflow.id);
		expect([
			result.status,
			JSON.stringify(result.data.resultData.error ?? null).slice(0, 600),
		]).toEqual(['success', 'null']);
		const runData = result.data.resultData.runData;
		expect(
			outputOf(runData, 'List Lines').flatMap(
				(answer: { phone_numbers?: Array<{ phone_number: string }> }) =>
					(answer.phone_numbers ?? []).map((line) => line.phone_number),
			),
		).toEqual(expect.arrayContaining([LINES.main, LINES.second]));
		expect(outputOf(runData, 'Check iMessage')[0]).toMatchObject({
			address: 'casey@example.com',
			available: true,
		});
		// n8n added the credential's key (the sandbox logs it masked, and answers 401 without the right one).
		const calls = (
			h.sandbox.requests as Array<{ path: string; status: number; headers: Record<string, string> }>
		).slice(before);
		expect(calls.map((call) => [call.path, call.status, call.headers.authorization])).toEqual([
			['/v3/phone_numbers', 200, 'Bearer ***'],
			['/v3/capability/check_imessage', 200, 'Bearer ***'],
		]);
	});
});
