import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkParts,
	MAX_MEDIA_URL_BYTES,
	MAX_UPLOAD_BYTES,
	type Part,
} from '../../shared/messageContent';
import { uploadFile } from '../../shared/resources/attachments';
import type { LinqClient } from '../../shared/transport';
import { invalidParameterError, isUuid } from '../../shared/validation';
import type { RunContext } from '../actions/operation';
import { checkBinaryFile, readBinaryFile, type BinaryFile } from './binary';
import { derivedIdempotencyKey } from './idempotency';
import { parseJsonParameter } from './parameters';

/**
 * Reading and checking what every send takes (its parameters are in descriptions/content.ts), and
 * turning it into Linq's message content, uploads included.
 */

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

interface MediaEntry {
	source?: string;
	binaryProperty?: string;
	url?: string;
	attachmentId?: string;
}

function parsePartsJson(context: IExecuteFunctions, itemIndex: number, raw: unknown): Part[] {
	const value = parseJsonParameter(
		context,
		itemIndex,
		'Parts (JSON)',
		raw,
		'Enter an array of Linq message parts.',
	);
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
