/**
 * Message → Send and Wait for Response in n8n's engine: the execution waits with a Linq subscription
 * pointed at its signed resume URL (the answers: sendAndWait/webhook.test.ts). Nodes of version 2
 * (n8n's parameter names) and of version 1 (the names it was released with).
 */
import { ExecuteContext } from 'n8n-core';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { Linq } from '../../../../../nodes/Linq/Linq.node';
import { BASE_URL, runNode } from '../../../../helpers/engine';
import { CHAT_ID, countAllRequests, linqError } from '../../../../helpers/linq';
import { ME, PERSON, SENT_ID, SUB_ID, waitParams } from './sendAndWait/fixtures';

/** Linq's side of starting a wait; records what the node sent. */
function linqForStart() {
	const seen: { subscription?: IDataObject; message?: IDataObject; updatedUrl?: string } = {};
	const scope = nock(BASE_URL)
		.get(`/v3/chats/${CHAT_ID}`)
		.reply(200, {
			id: CHAT_ID,
			is_group: false,
			handles: [ME, { handle: PERSON, status: 'active' }],
		})
		.get('/v3/webhook-subscriptions')
		.reply(200, { subscriptions: [] })
		.post('/v3/webhook-subscriptions', (b) => {
			seen.subscription = b;
			return true;
		})
		.reply(201, {
			id: SUB_ID,
			target_url: 'x',
			subscribed_events: [],
			signing_secret: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3',
		})
		.post(`/v3/chats/${CHAT_ID}/messages`, (b) => {
			seen.message = b.message;
			return true;
		})
		.reply(200, { chat_id: CHAT_ID, message: { id: SENT_ID, parts: [] } })
		.put(`/v3/webhook-subscriptions/${SUB_ID}`, (b) => {
			seen.updatedUrl = b.target_url;
			return true;
		})
		.reply(200, { id: SUB_ID });
	return { scope, seen };
}

/** Runs a Send and Wait node (version 2 unless given) with these parameters. */
const ask = (
	parameters: IDataObject = {},
	spec: { typeVersion?: number; continueOnFail?: boolean; webhookWaitingBaseUrl?: string } = {},
) => runNode({ parameters: waitParams(parameters), typeVersion: 2, ...spec });

const hours = (amount: number) => ({
	limitWaitTime: {
		values: { limitType: 'afterTimeInterval', resumeAmount: amount, resumeUnit: 'hours' },
	},
});

describe('Message → Send and Wait for Response: waiting', () => {
	it('subscribes the signed resume URL (chat, line, events), sends the question with instructions, then names the question and the subscription in the URL, and waits', async () => {
		const { scope, seen } = linqForStart();
		const { run, error } = await ask({ options: hours(2) });
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		expect(run.waitTill!.getTime()).toBeGreaterThan(Date.now() + 2 * 3_600_000 - 60_000);

		const first = new URL(String(seen.subscription?.target_url));
		expect(`${first.origin}${first.pathname}`).toBe(
			'https://n8n.example.com/webhook-waiting/exec-1/node-1',
		);
		expect(first.searchParams.get('version')).toBe('2026-02-03');
		expect(first.searchParams.get('linq_chat')).toBe(CHAT_ID);
		expect(first.searchParams.get('linq_msg')).toBeNull();
		expect(first.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(seen.subscription).toMatchObject({
			subscribed_events: ['message.received', 'reaction.added'],
			phone_numbers: [ME.handle],
		});
		expect(seen.message).toEqual({
			parts: [{ type: 'text', value: 'Ship order 42?\n\nReply YES to approve or NO to decline.' }],
			idempotency_key: expect.stringMatching(/^n8n-/),
		});
		const updated = new URL(String(seen.updatedUrl));
		expect(updated.searchParams.get('linq_msg')).toBe(SENT_ID);
		expect(updated.searchParams.get('linq_sub')).toBe(SUB_ID);
		expect(updated.searchParams.get('signature')).not.toBe(first.searchParams.get('signature'));
		expect(run.data.validateSignature).toBe(true);
		scope.done();
	});

	it("n8n's default time limit (45 minutes) applies once Limit Wait Time is added; without it the wait has no limit", async () => {
		const limit = new Linq().description.properties
			.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.[0] === 'sendAndWait')
			?.options?.find((o) => o.name === 'limitWaitTime') as { default: IDataObject } | undefined;
		expect(limit?.default).toEqual({
			values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' },
		});
		linqForStart();
		const limited = await ask({ options: { limitWaitTime: limit!.default } });
		const minutes = (limited.run.waitTill!.getTime() - Date.now()) / 60_000;
		expect(minutes).toBeGreaterThan(44);
		expect(minutes).toBeLessThanOrEqual(45);
		linqForStart();
		const open = await ask();
		expect(open.run.waitTill!.getFullYear()).toBe(3000);
	});

	it('Multiple Choice: the choices go numbered into the question and into the signed URL', async () => {
		const { seen } = linqForStart();
		const { run } = await ask({
			responseType: 'multipleChoice',
			message: 'Which slot works?',
			choices: {
				values: [{ option: 'Morning' }, { option: ' Afternoon ' }, { option: 'Evening' }],
			},
		});
		expect(run.status).toBe('waiting');
		expect(seen.message?.parts).toEqual([
			{
				type: 'text',
				value:
					'Which slot works?\n\n1. Morning\n2. Afternoon\n3. Evening\n\nReply with the number or the text of your choice.',
			},
		]);
		const first = new URL(String(seen.subscription?.target_url));
		expect(first.searchParams.get('linq_rt')).toBe('multipleChoice');
		expect(JSON.parse(first.searchParams.get('linq_choices')!)).toEqual([
			'Morning',
			'Afternoon',
			'Evening',
		]);
		expect(seen.subscription?.subscribed_events).toEqual(['message.received']);
	});

	it('Approve Only: the instructions name only the approve word', async () => {
		const { seen } = linqForStart();
		await ask({ approvalOptions: { values: { approvalType: 'single' } } });
		expect(seen.message?.parts).toEqual([
			{ type: 'text', value: 'Ship order 42?\n\nReply YES to approve.' },
		]);
	});

	it('works on n8n versions without setSignatureValidationRequired (newer n8n checks every resume call itself)', async () => {
		// The method lives on a base class of ExecuteContext: remove it where it is defined.
		let proto = ExecuteContext.prototype as unknown as {
			setSignatureValidationRequired?: () => void;
		};
		while (!Object.prototype.hasOwnProperty.call(proto, 'setSignatureValidationRequired'))
			proto = Object.getPrototypeOf(proto);
		const original = proto.setSignatureValidationRequired;
		delete proto.setSignatureValidationRequired;
		try {
			expect(
				(ExecuteContext.prototype as unknown as Record<string, unknown>)
					.setSignatureValidationRequired,
			).toBeUndefined();
			const { scope } = linqForStart();
			const { run, error } = await ask();
			expect(error).toBeUndefined();
			expect(run.status).toBe('waiting');
			scope.done();
		} finally {
			proto.setSignatureValidationRequired = original;
		}
	});

	function failingSend() {
		const deleted: string[] = [];
		nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(200, { id: CHAT_ID, handles: [ME] })
			.get('/v3/webhook-subscriptions')
			.reply(200, { subscriptions: [] })
			.post('/v3/webhook-subscriptions')
			.reply(201, { id: SUB_ID, target_url: 'x', subscribed_events: [] })
			.post(`/v3/chats/${CHAT_ID}/messages`)
			.reply(409, linqError(409, 2013, 'This chat is unavailable'))
			.delete(`/v3/webhook-subscriptions/${SUB_ID}`)
			.reply(() => {
				deleted.push(SUB_ID);
				return [204];
			});
		return deleted;
	}

	it('a send that fails leaves no subscription behind', async () => {
		const deleted = failingSend();
		const { error } = await ask();
		expect(error?.message).toBe('This chat is unavailable');
		expect(deleted).toEqual([SUB_ID]);
	});

	it('On Error → Continue covers setting up the wait: the error item goes on, nothing waits', async () => {
		const deleted = failingSend();
		const { run, items, error } = await ask({}, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(run.status).not.toBe('waiting');
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					chat_id: CHAT_ID,
					error: 'This chat is unavailable',
					code: 2013,
					status: 409,
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(deleted).toEqual([SUB_ID]);
	});

	it("sweeps the subscriptions of this n8n's waits that timed out (and keeps the others)", async () => {
		const base = 'https://n8n.example.com/webhook-waiting';
		const expired = `${base}/exec-0/node-1?linq_until=${Date.now() - 3_600_000}&signature=a`;
		const justEnded = `${base}/exec-7/node-1?linq_until=${Date.now() - 1000}&signature=d`;
		const running = `${base}/exec-9/node-1?linq_until=${Date.now() + 3_600_000}&signature=b`;
		const forever = `${base}/exec-8/node-1?linq_until=never&signature=c`;
		const notAWait = `${base}/exec-6/node-1?signature=e`;
		const elsewhere = `https://other.example.com/webhook-waiting/exec-0/node-1?linq_until=1`;
		const deleted: string[] = [];
		nock(BASE_URL)
			.get(`/v3/chats/${CHAT_ID}`)
			.reply(200, { id: CHAT_ID, handles: [ME] })
			.get('/v3/webhook-subscriptions')
			.reply(200, {
				subscriptions: [expired, justEnded, running, forever, notAWait, elsewhere].map(
					(target_url, i) => ({ id: `sub-${i}`, target_url, subscribed_events: [] }),
				),
			})
			.delete(/\/v3\/webhook-subscriptions\/.+/)
			.times(6)
			.reply((uri) => {
				deleted.push(uri.split('/').pop()!);
				return [204];
			})
			.post('/v3/webhook-subscriptions')
			.reply(201, { id: SUB_ID, target_url: 'x', subscribed_events: [] })
			.post(`/v3/chats/${CHAT_ID}/messages`)
			.reply(200, { chat_id: CHAT_ID, message: { id: SENT_ID } })
			.put(`/v3/webhook-subscriptions/${SUB_ID}`)
			.reply(200, {});
		await ask();
		expect(deleted).toEqual(['sub-0', 'sub-1']);
	});

	it('refuses a plain-http resume URL against production Linq, explaining WEBHOOK_URL, before sending', async () => {
		const counter = countAllRequests();
		const { error } = await ask(
			{},
			{ webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting' },
		);
		expect(error?.message).toBe(
			"Linq only delivers webhooks to HTTPS URLs, and this n8n's resume URL (WEBHOOK_URL) is http://localhost:5678/webhook-waiting/exec-1/node-1",
		);
		expect(counter.count).toBe(0);
	});

	it.each([
		['an empty message', { message: '={{ "" }}' }, 'Message'],
		[
			'a word that both approves and declines',
			{ approvalOptions: { values: { approveWords: 'yes, ok', declineWords: 'no, ok' } } },
			'Approve Words',
		],
		[
			'a time limit in the past',
			{
				options: {
					limitWaitTime: {
						values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T00:00:00Z' },
					},
				},
			},
			'Max Date and Time',
		],
		[
			'a time limit of nothing',
			{ options: { limitWaitTime: { values: { resumeAmount: 0, resumeUnit: 'minutes' } } } },
			'Amount',
		],
		[
			'a malformed allowed responder',
			{ options: { allowedResponders: '415 555' } },
			'Allowed Responders',
		],
		[
			'a single choice',
			{ responseType: 'multipleChoice', choices: { values: [{ option: 'Yes' }] } },
			'Choices',
		],
		[
			'an empty choice',
			{ responseType: 'multipleChoice', choices: { values: [{ option: 'A' }, { option: ' ' }] } },
			'Choices',
		],
		[
			'a choice twice',
			{
				responseType: 'multipleChoice',
				choices: { values: [{ option: 'Red' }, { option: 'red!' }] },
			},
			'Choices',
		],
	])('%s is refused before anything is sent', async (_label, extra, parameter) => {
		const counter = countAllRequests();
		const { error } = await ask(extra);
		expect(error?.message).toContain(`for parameter "${parameter}" [item 0]`);
		expect(counter.count).toBe(0);
	});
});

describe('Message → Send and Wait for Response: nodes saved with version 1', () => {
	it('run with the names they were saved with (responseOptions, flat approvalOptions, seconds)', async () => {
		const { seen } = linqForStart();
		const { run, error } = await ask(
			{
				approvalOptions: { approveWords: 'sure, fine', declineWords: 'nah' },
				responseOptions: {
					allowedResponders: PERSON,
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 90, resumeUnit: 'seconds' },
					},
				},
				options: { timeout: 5000 },
			},
			{ typeVersion: 1 },
		);
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		const seconds = (run.waitTill!.getTime() - Date.now()) / 1000;
		expect(seconds).toBeGreaterThan(80);
		expect(seconds).toBeLessThanOrEqual(90);
		expect(seen.message?.parts).toEqual([
			{ type: 'text', value: 'Ship order 42?\n\nReply SURE to approve or NAH to decline.' },
		]);
		expect(new URL(String(seen.updatedUrl)).searchParams.get('linq_from')).toBe(PERSON);
	});

	it('keep their validation, naming the same parameters', async () => {
		const counter = countAllRequests();
		const { error } = await ask(
			{ responseOptions: { allowedResponders: '415 555' } },
			{ typeVersion: 1 },
		);
		expect(error?.message).toContain('for parameter "Allowed Responders" [item 0]');
		expect(counter.count).toBe(0);
	});

	it("show their own parameters in the editor, and version 2's only on version 2", () => {
		const shown = (typeVersion: number) =>
			new Linq().description.properties
				.filter((p) => p.displayOptions?.show?.operation?.includes('sendAndWait'))
				.filter((p) => {
					const versions = p.displayOptions?.show?.['@version'];
					if (!versions) return true;
					return versions.some((v) =>
						typeof v === 'number'
							? v === typeVersion
							: typeVersion >= (v._cnd as { gte: number }).gte,
					);
				})
				.map((p) => `${p.name}:${p.type}`);
		expect(shown(1)).toEqual([
			'sendTo:options',
			'chatId:resourceLocator',
			'to:string',
			'message:string',
			'responseType:options',
			'approvalOptions:collection',
			'responseOptions:collection',
			'options:collection',
		]);
		expect(shown(2)).toEqual([
			'sendTo:options',
			'chatId:resourceLocator',
			'to:string',
			'message:string',
			'responseType:options',
			'choices:fixedCollection',
			'approvalOptions:fixedCollection',
			'options:collection',
		]);
		// The common Options (Parallel Requests, Timeout) give way to Send and Wait's own.
		const common = new Linq().description.properties.find(
			(p) => p.name === 'options' && !p.displayOptions?.show,
		);
		expect(common?.displayOptions).toEqual({ hide: { operation: ['sendAndWait'] } });
	});
});

it("the node tells n8n what a waiting Send and Wait waits for, as n8n's own Send and Wait nodes do", () => {
	const { version, defaultVersion, waitingNodeTooltip } = new Linq().description;
	expect([version, defaultVersion]).toEqual([[1, 2], 2]);
	expect(waitingNodeTooltip).toContain('$parameter["operation"] === "sendAndWait"');
});
