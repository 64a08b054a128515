import { createHash } from 'crypto';

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import {
	BUBBLE_EFFECTS,
	checkParts,
	MAX_MEDIA_URL_BYTES,
	MAX_UPLOAD_BYTES,
	SCREEN_EFFECTS,
	SERVICES,
	type Part,
} from '../../shared/messageContent';
import { uploadFile } from '../../shared/resources/attachments';
import type { LinqClient } from '../../shared/transport';
import { invalidParameterError, isUuid } from '../../shared/validation';
import { checkBinaryFile, readBinaryFile, type BinaryFile } from './binary';
import type { RunContext } from '../actions/operation';

/**
 * What every send takes (Chat → Create, Message → Send / Send to Handles, Send and Wait): text and
 * media (by URL, by attachment ID, or straight from a binary property, which is uploaded), a reply,
 * an effect, a preferred service, and the idempotency key that makes retries safe.
 */

const titleCase = (name: string) =>
	name
		.split('_')
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join(' ');

export function contentFields(): INodeProperties[] {
	return [
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description:
				'The message text, sent exactly as written (no Markdown). Leave empty to send only media.',
		},
		{
			displayName: 'Media',
			name: 'media',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add media',
			default: {},
			description: 'Images, video, audio or files sent after the text, in this order',
			options: [
				{
					displayName: 'Media',
					name: 'items',
					values: [
						{
							displayName: 'Source',
							name: 'source',
							type: 'options',
							options: [
								{
									name: 'Binary Property',
									value: 'binary',
									description: 'A file from an earlier node, uploaded to Linq first (up to 100 MB)',
								},
								{
									name: 'URL',
									value: 'url',
									description: 'A public HTTPS URL Linq fetches (up to 10 MB)',
								},
								{
									name: 'Attachment ID',
									value: 'attachmentId',
									description: 'A file uploaded before (Attachment → Upload)',
								},
							],
							default: 'binary',
						},
						{
							displayName: 'Input Binary Field',
							name: 'binaryProperty',
							type: 'string',
							default: 'data',
							hint: 'The name of the input binary field containing the file to send',
							displayOptions: { show: { source: ['binary'] } },
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://example.com/photo.jpg',
							displayOptions: { show: { source: ['url'] } },
						},
						{
							displayName: 'Attachment ID',
							name: 'attachmentId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
							displayOptions: { show: { source: ['attachmentId'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Message Options',
			name: 'messageOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Effect',
					name: 'effect',
					type: 'options',
					default: '',
					description: 'An iMessage effect (ignored on SMS and RCS)',
					options: [
						{ name: 'None', value: '' },
						...SCREEN_EFFECTS.map((name) => ({
							name: `Screen: ${titleCase(name)}`,
							value: `screen:${name}`,
						})),
						...BUBBLE_EFFECTS.map((name) => ({
							name: `Bubble: ${titleCase(name)}`,
							value: `bubble:${name}`,
						})),
					],
				},
				{
					displayName: 'Idempotency Key',
					name: 'idempotencyKey',
					type: 'string',
					default: '',
					description:
						'Linq sends a message with a given key only once. By default the node derives one from the execution, the node and the item, so its retries and Retry On Fail never send twice; set your own (for example from an order ID) to also make separate executions send once.',
				},
				{
					displayName: 'Parts (JSON)',
					name: 'partsJson',
					type: 'json',
					default: '',
					description:
						'Send these Linq message parts instead of Text and Media: a JSON array like [{"type":"text","value":"Hi"},{"type":"media","attachment_id":"…"}]. Needed for iMessage app cards and text decorations.',
				},
				{
					displayName: 'Preferred Service',
					name: 'preferredService',
					type: 'options',
					default: '',
					description: 'The service to try first; Linq falls back when the recipient cannot get it',
					options: [
						{ name: 'Automatic', value: '' },
						...SERVICES.map((s) => ({ name: s, value: s })),
					],
				},
				{
					displayName: 'Reply To Message ID',
					name: 'replyTo',
					type: 'string',
					default: '',
					placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
					description: 'Send as a threaded reply to this message',
				},
				{
					displayName: 'Reply To Part',
					name: 'replyToPart',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Which part of that message to reply to (0 is the first)',
				},
				{
					displayName: 'Send Text as Link Preview',
					name: 'linkPreview',
					type: 'boolean',
					default: false,
					description:
						'Whether to send the text, which must be a single URL, as a rich link preview (it must then be the only part: no media)',
				},
			],
		},
	];
}

/** A part still to be made from a binary property (uploaded when the item is sent). */
interface PendingUpload {
	type: 'upload';
	file: BinaryFile;
}

/** A send's content, validated, before any upload. */
export interface DraftContent {
	pieces: Array<Part | PendingUpload>;
	extras: IDataObject;
	idempotencyKey: string;
}

/** `n8n-` + a hash of execution, node, run and item: the same on every retry of this item, new for the next execution. */
export function derivedIdempotencyKey(
	run: RunContext,
	itemIndex: number,
	purpose = 'send',
): string {
	return `n8n-${createHash('sha256').update(`${run.runKey}:${itemIndex}:${purpose}`).digest('hex').slice(0, 40)}`;
}

interface MediaEntry {
	source?: string;
	binaryProperty?: string;
	url?: string;
	attachmentId?: string;
}

function parsePartsJson(context: IExecuteFunctions, itemIndex: number, raw: unknown): Part[] {
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = jsonParse(raw);
		} catch {
			throw invalidParameterError(
				context.getNode(),
				'Parts (JSON)',
				raw,
				itemIndex,
				'This is not valid JSON. Enter an array of Linq message parts.',
			);
		}
	}
	if (
		!Array.isArray(value) ||
		value.some(
			(p) => typeof p !== 'object' || p === null || typeof (p as IDataObject).type !== 'string',
		)
	) {
		throw invalidParameterError(
			context.getNode(),
			'Parts (JSON)',
			raw,
			itemIndex,
			'Enter an array of parts, each with a "type": [{"type":"text","value":"Hi"}].',
		);
	}
	return value as Part[];
}

/** Media URL sizes already checked in this execution (the same image to many people is checked once). */
const checkedUrls = new WeakMap<RunContext, Map<string, number | undefined>>();

/** Linq fetches media URLs up to 10 MB: ask the server for the size first, where it says. */
async function mediaUrlSize(
	context: IExecuteFunctions,
	run: RunContext,
	url: string,
): Promise<number | undefined> {
	let cache = checkedUrls.get(run);
	if (!cache) {
		cache = new Map();
		checkedUrls.set(run, cache);
	}
	if (cache.has(url)) return cache.get(url);
	let size: number | undefined;
	try {
		const response = (await context.helpers.httpRequest({
			method: 'HEAD',
			url,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10_000,
		})) as { statusCode: number; headers: IDataObject };
		const length = Number(response.headers['content-length']);
		size = response.statusCode < 300 && Number.isFinite(length) ? length : undefined;
	} catch {
		size = undefined; // Unknown: Linq itself refuses a file that is too large (5005).
	}
	cache.set(url, size);
	return size;
}

/**
 * Reads and checks one item's content parameters (and its files) before anything is sent.
 * `firstMessageOfNewChat`: Linq refuses any link in the message that creates a chat.
 */
export async function readContent(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	options: { firstMessageOfNewChat?: boolean; prefix?: string } = {},
): Promise<DraftContent> {
	const node = context.getNode();
	const p = options.prefix ?? '';
	const messageOptions = context.getNodeParameter(
		`${p}messageOptions`,
		itemIndex,
		{},
	) as IDataObject;
	const pieces: Array<Part | PendingUpload> = [];

	if (messageOptions.partsJson !== undefined && messageOptions.partsJson !== '') {
		pieces.push(...parsePartsJson(context, itemIndex, messageOptions.partsJson));
	} else {
		const text = String(context.getNodeParameter(`${p}text`, itemIndex, '') ?? '');
		const media = ((context.getNodeParameter(`${p}media`, itemIndex, {}) as IDataObject).items ??
			[]) as MediaEntry[];
		if (text.trim() !== '') {
			pieces.push(
				messageOptions.linkPreview
					? { type: 'link', value: text.trim() }
					: { type: 'text', value: text },
			);
		}
		for (const entry of media) {
			const source = entry.source ?? 'binary';
			if (source === 'url') {
				const url = String(entry.url ?? '').trim();
				pieces.push({ type: 'media', url });
			} else if (source === 'attachmentId') {
				const id = String(entry.attachmentId ?? '').trim();
				if (!isUuid(id)) {
					throw invalidParameterError(
						node,
						'Attachment ID',
						entry.attachmentId,
						itemIndex,
						'An attachment ID is a UUID, as Attachment → Upload returns it.',
					);
				}
				pieces.push({ type: 'media', attachment_id: id });
			} else {
				const property = String(entry.binaryProperty ?? 'data').trim() || 'data';
				pieces.push({
					type: 'upload',
					file: await checkBinaryFile(
						context,
						itemIndex,
						property,
						'Input Binary Field',
						MAX_UPLOAD_BYTES,
					),
				});
			}
		}
	}

	// The rules see an upload as the media part it becomes.
	const asParts = pieces.map((piece) =>
		piece.type === 'upload' ? { type: 'media', attachment_id: 'upload' } : piece,
	) as Part[];
	const problem = checkParts(asParts, { firstMessageOfNewChat: options.firstMessageOfNewChat });
	if (problem)
		throw invalidParameterError(node, problem.field, problem.value, itemIndex, problem.fix);
	for (const piece of pieces) {
		if (piece.type !== 'media' || typeof piece.url !== 'string') continue;
		const size = await mediaUrlSize(context, run, piece.url);
		if (size !== undefined && size > MAX_MEDIA_URL_BYTES) {
			throw invalidParameterError(
				node,
				'Media URL',
				piece.url,
				itemIndex,
				`The file is ${Math.round(size / 1024 / 1024)} MB; Linq fetches at most 10 MB by URL. Send it from a binary property instead (up to 100 MB).`,
			);
		}
	}

	const extras: IDataObject = {};
	const replyTo = String(messageOptions.replyTo ?? '').trim();
	if (replyTo) {
		if (!isUuid(replyTo))
			throw invalidParameterError(
				node,
				'Reply To Message ID',
				messageOptions.replyTo,
				itemIndex,
				'A message ID is a UUID.',
			);
		const partIndex = Number(messageOptions.replyToPart ?? 0);
		if (!Number.isInteger(partIndex) || partIndex < 0) {
			throw invalidParameterError(
				node,
				'Reply To Part',
				messageOptions.replyToPart,
				itemIndex,
				'Use 0 for the first part, 1 for the second, and so on.',
			);
		}
		extras.reply_to = { message_id: replyTo, part_index: partIndex };
	}
	const effect = String(messageOptions.effect ?? '');
	if (effect) {
		const [type, name] = effect.split(':');
		extras.effect = { type, name };
	}
	if (messageOptions.preferredService) extras.preferred_service = messageOptions.preferredService;
	const ownKey = String(messageOptions.idempotencyKey ?? '').trim();
	return { pieces, extras, idempotencyKey: ownKey || derivedIdempotencyKey(run, itemIndex) };
}

/** Uploads what comes from binary properties and returns Linq's MessageContent, with the idempotency key. */
export async function buildMessage(
	context: IExecuteFunctions,
	draft: DraftContent,
	client: LinqClient,
	itemIndex: number,
): Promise<IDataObject> {
	const parts: Part[] = [];
	for (const piece of draft.pieces) {
		if (piece.type !== 'upload') {
			parts.push(piece as Part);
			continue;
		}
		const { file } = piece as PendingUpload;
		const data = await readBinaryFile(context, itemIndex, file);
		const slot = await uploadFile(
			client,
			{ fileName: file.fileName, contentType: file.contentType, data },
			itemIndex,
		);
		parts.push({ type: 'media', attachment_id: slot.attachment_id });
	}
	return { parts, ...draft.extras, idempotency_key: draft.idempotencyKey };
}
