/**
 * The account side of Linq's API in a real n8n, one chained workflow against the sandbox: lines,
 * a capability check, the next available number, a contact card, and a webhook subscription created,
 * read and deleted by the node (the same code the Linq Trigger uses).
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
});
