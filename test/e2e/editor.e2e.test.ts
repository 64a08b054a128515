/**
 * The Linq Trigger in n8n's editor, in a real Chromium (Debian's `chromium`, driven by
 * playwright-core), the way a user switches who creates the webhook subscription: n8n shows that
 * choice in the Create new credential dialog, not in the node's panel ("Connect using" radio buttons
 * on n8n 2.8, a drop-down beside "Setup credential" on 2.4x). Also: the
 * Linq API credential's HTTPS notice shows for production Linq only. Screenshots of each step are
 * written to test/e2e/results/editor/.
 */
import fs from 'node:fs';
import path from 'node:path';

import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';

import { OWNER } from '../../scripts/lib/n8n-rest';
import { newSigningSecret } from '../../sandbox/signer';
import { SEED_IDS } from '../../sandbox/state';
import { eventually, startHarness, workflowOf, type Harness } from './harness';

const CHROMIUM = process.env.LINQAPP_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(__dirname, 'results', 'editor');
const TRIGGER_ID = '00000000-0000-4000-8000-000000000001';
const AUTOMATIC = 'API Key (Node Creates the Subscription)';
const MANUAL = 'Signing Secret (You Created the Subscription)';

/** How many elements match, once that is `count` (or the time is up). */
const countBecomes = (locator: Locator, count: number) =>
	eventually(
		() => locator.count(),
		(n) => n === count,
		10_000,
	);

interface SavedNode {
	name: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

describe('the Linq Trigger in the editor (Chromium)', () => {
	let h: Harness;
	let browser: Browser;
	let page: Page;
	let workflowId: string;
	/** Triggers with chat filters, saved with node version 1 (a text field) and 1.1 (a list). */
	const filtered: Record<string, string> = {};

	const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
	const savedTrigger = async () => {
		const workflow = (await h.api.get(`/workflows/${workflowId}`)) as { nodes: SavedNode[] };
		return workflow.nodes.find((node) => node.name === 'Linq Trigger') as SavedNode;
	};
	const field = (name: string) =>
		page
			.getByTestId('editCredential-modal')
			.getByTestId(`parameter-input-${name}`)
			.locator('input');
	async function openTrigger() {
		await page.goto(`${h.n8n.url}/workflow/${workflowId}/${TRIGGER_ID}`);
		await page.getByTestId('node-credentials-select').waitFor();
		await page.getByTestId('node-parameters').getByText('Events').first().waitFor();
	}
	async function newCredentialDialog() {
		await page.getByTestId('node-credentials-select').click();
		await page.getByTestId('node-credentials-select-item-new').click();
		// The ways to connect are named in the dialog (the chosen one at least).
		await page
			.getByTestId('editCredential-modal')
			.getByText(/\((Node Creates|You Created) the Subscription\)/)
			.first()
			.waitFor()
			.catch(async (error: Error) => {
				await shot('failed-dialog');
				fs.writeFileSync(path.join(SHOTS, 'failed-dialog.html'), await page.content());
				throw error;
			});
	}
	/**
	 * n8n 2.8 shows the ways to connect as radio buttons under "Connect using"; newer n8n (2.4x) as a
	 * drop-down beside "Setup credential". Either way, the names the user reads and picks.
	 */
	const modeDropdown = () => page.getByTestId('credential-mode-dropdown-trigger');
	const modeItems = () =>
		page
			.locator(
				'[role="menuitem"], [role="option"], [data-test-id^="credential-mode-dropdown-item"]',
			)
			.filter({ hasText: /\(.*Subscription\)$/ });
	async function connectOptions(): Promise<string[]> {
		const dialog = page.getByTestId('editCredential-modal');
		if ((await modeDropdown().count()) === 0) {
			expect(await dialog.getByText('Connect using').count()).toBe(1);
			return (await dialog.locator('.el-radio').allInnerTexts()).map((text) => text.trim());
		}
		await modeDropdown().click();
		await modeItems().first().waitFor();
		const names = (await modeItems().allInnerTexts()).map((text) => text.trim());
		await modeDropdown().click(); // closes the menu (Escape would close the dialog)
		return names;
	}
	async function chooseConnection(name: string) {
		const dialog = page.getByTestId('editCredential-modal');
		if ((await modeDropdown().count()) === 0)
			return dialog.locator('.el-radio').filter({ hasText: name }).click();
		await modeDropdown().click();
		await modeItems().filter({ hasText: name }).first().click();
	}
	/**
	 * Saves the credential and closes the dialog as a user does. n8n 2.8 tests it and keeps the dialog
	 * open with the result (which must be a pass); newer n8n closes it once saved.
	 */
	async function saveCredential() {
		const dialog = page.getByTestId('editCredential-modal');
		await page.getByTestId('credential-save-button').click();
		const tested = dialog.getByText('Connection tested successfully');
		await eventually(
			async () => (await tested.count()) > 0 || !(await dialog.isVisible()),
			(done) => done,
			20_000,
		);
		await shot('saved-credential');
		if (await dialog.isVisible()) {
			expect(await dialog.getByText(/Couldn.t connect|failed/i).count()).toBe(0);
			expect(await tested.count()).toBe(1);
			await dialog.locator('.el-dialog__headerbtn').click();
			await dialog.waitFor({ state: 'hidden' });
		}
		await page.getByTestId('node-parameters').waitFor();
	}
	async function closeDialogUnsaved() {
		await page.getByTestId('editCredential-modal').locator('.el-dialog__headerbtn').click();
		// n8n asks before it drops unsaved changes.
		const discard = page.getByRole('button', { name: /close|discard|leave/i }).last();
		if (await discard.isVisible().catch(() => false)) await discard.click();
		await page.getByTestId('editCredential-modal').waitFor({ state: 'hidden' });
	}
	async function saveWorkflow() {
		await page.keyboard.press('Escape'); // close the node's panel
		await page.keyboard.press('Control+s');
	}

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM))
			throw new Error(
				`No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set LINQAPP_CHROMIUM.`,
			);
		fs.mkdirSync(SHOTS, { recursive: true });
		h = await startHarness();
		const workflow = await h.api.importWorkflow(
			workflowOf('Linq Trigger in the editor', [
				{
					name: 'Linq Trigger',
					type: 'n8n-nodes-linqapp.linqTrigger',
					parameters: { events: ['message.received'] },
					webhookId: '7a1c2d3e-4f50-4617-8899-aabbccddeeff',
				},
			]),
			h.credential,
		);
		workflowId = workflow.id;
		for (const [version, chatIds] of [
			['1', SEED_IDS.imessageGroup],
			['1.1', [SEED_IDS.imessageGroup]],
		] as const) {
			const saved = await h.api.importWorkflow(
				workflowOf(`Chat filter, version ${version}`, [
					{
						name: 'Linq Trigger',
						type: 'n8n-nodes-linqapp.linqTrigger',
						typeVersion: Number(version),
						parameters: { events: ['message.received'], filters: { chatIds } },
						webhookId: `7a1c2d3e-4f50-4617-8899-${version === '1' ? '000000000001' : '000000000011'}`,
					},
				]),
				h.credential,
			);
			filtered[version] = saved.id;
		}
		selectors.setTestIdAttribute('data-test-id');
		// The flags the machine's Chromium needs headless, as root, without outside network.
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		page.setDefaultTimeout(30_000);
		await page.goto(`${h.n8n.url}/signin`);
		await page.locator('input').first().fill(OWNER.email);
		await page.locator('input[type="password"]').fill(OWNER.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}, 900_000);

	afterAll(async () => {
		await browser?.close();
		await h?.stop();
	}, 60_000);

	it("the node's panel shows the credential, not the choice; the dialog offers it as Connect using", async () => {
		await openTrigger();
		await shot('1-node-panel');
		const panel = page.getByTestId('node-parameters');
		expect(await countBecomes(panel.getByText('Connect Using', { exact: true }), 0)).toBe(0);
		expect(await countBecomes(panel.getByText(/only to HTTPS/), 0)).toBe(0);

		await newCredentialDialog();
		const dialog = page.getByTestId('editCredential-modal');
		expect(await connectOptions()).toEqual([AUTOMATIC, MANUAL]);
		// A new Linq API credential starts at production Linq: the HTTPS notice applies there...
		expect(await countBecomes(dialog.getByText(/delivers webhooks .* only to HTTPS URLs/), 1)).toBe(
			1,
		);
		await shot('2-dialog-api-key');
		// ...and not once the Base URL points at a local stand-in.
		await field('baseUrl').fill(h.sandbox.baseUrl);
		expect(await countBecomes(dialog.getByText(/delivers webhooks .* only to HTTPS URLs/), 0)).toBe(
			0,
		);
		await closeDialogUnsaved();
	});

	it('choosing the signing secret in the dialog switches the node to a subscription you created', async () => {
		await openTrigger();
		await newCredentialDialog();
		await chooseConnection(MANUAL);
		await field('signingSecret').fill(newSigningSecret());
		await shot('3-dialog-signing-secret');
		await saveCredential();
		expect(
			await countBecomes(
				page.getByTestId('node-parameters').getByText(/Create the subscription in Linq/),
				1,
			),
		).toBe(1);
		await shot('4-node-panel-signing-secret');
		await saveWorkflow();
		const trigger = await eventually(
			savedTrigger,
			(node) => node.parameters.subscriptionMode === 'manual',
			20_000,
		);
		expect(Object.keys(trigger.credentials ?? {})).toEqual(['linqAppWebhookSecretApi']);
	});

	it('choosing the API key switches it back to a subscription the node creates', async () => {
		expect((await savedTrigger()).parameters.subscriptionMode).toBe('manual');
		await openTrigger();
		expect(
			await countBecomes(
				page.getByTestId('node-parameters').getByText(/Create the subscription in Linq/),
				1,
			),
		).toBe(1);
		await newCredentialDialog();
		await chooseConnection(AUTOMATIC);
		await field('apiKey').fill(h.sandbox.apiKey);
		await field('baseUrl').fill(h.sandbox.baseUrl);
		await saveCredential();
		expect(
			await countBecomes(
				page.getByTestId('node-parameters').getByText(/Create the subscription in Linq/),
				0,
			),
		).toBe(0);
		await shot('5-node-panel-api-key');
		await saveWorkflow();
		const trigger = await eventually(
			savedTrigger,
			(node) =>
				(node.parameters.subscriptionMode ?? 'automatic') === 'automatic' &&
				!!node.credentials?.linqAppApi,
			20_000,
		);
		expect(Object.keys(trigger.credentials ?? {})).toEqual(['linqAppApi']);
	});

	it('Chat IDs: version 1.1 shows the chosen chat by name from the list Linq loads; version 1 keeps its text field', async () => {
		const panel = page.getByTestId('node-parameters');
		await page.goto(`${h.n8n.url}/workflow/${filtered['1.1']}/${TRIGGER_ID}`);
		await panel.getByText('Chat Names or IDs').first().waitFor();
		expect(await countBecomes(panel.getByText(/^Launch Team \(/), 1)).toBe(1);
		await shot('6-chat-filter-list');

		await page.goto(`${h.n8n.url}/workflow/${filtered['1']}/${TRIGGER_ID}`);
		await panel.getByText('Chat IDs', { exact: true }).first().waitFor();
		expect(await countBecomes(panel.getByText('Chat Names or IDs'), 0)).toBe(0);
		expect(
			await panel
				.locator('input')
				.evaluateAll(
					(inputs, id) => inputs.some((input) => (input as { value?: string }).value === id),
					SEED_IDS.imessageGroup,
				),
		).toBe(true);
		await shot('7-chat-filter-text');
	});
});
