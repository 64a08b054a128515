import type { IDataObject } from 'n8n-workflow';

import { isHttpsUrl } from './validation';

/**
 * Linq's message content (https://docs.linqapp.com/guides/messaging/sending-messages/) and its rules, checked before anything is sent. Pure
 * functions: the nodes turn a problem into an error that names the parameter and the item.
 */

export const MAX_PARTS = 100;
export const MAX_MEDIA_URL_PARTS = 40;
/** A media part by URL: Linq fetches it, up to 10 MB. */
export const MAX_MEDIA_URL_BYTES = 10 * 1024 * 1024;
/** An uploaded attachment: up to 100 MB. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export const SCREEN_EFFECTS = [
	'confetti',
	'fireworks',
	'lasers',
	'sparkles',
	'celebration',
	'hearts',
	'love',
	'balloons',
	'happy_birthday',
	'echo',
	'spotlight',
];
export const BUBBLE_EFFECTS = ['slam', 'loud', 'gentle', 'invisible'];
export const SERVICES = ['iMessage', 'RCS', 'SMS'] as const;

/** Content types Linq accepts for attachments (https://docs.linqapp.com/guides/messaging/attachments/). */
export const SUPPORTED_CONTENT_TYPES = [
	'image/jpeg',
	'image/png',
	'image/gif',
	'image/heic',
	'image/heif',
	'image/tiff',
	'image/bmp',
	'image/svg+xml',
	'image/webp',
	'image/x-icon',
	'video/mp4',
	'video/quicktime',
	'video/mpeg',
	'video/mpeg2',
	'video/x-m4v',
	'video/x-msvideo',
	'video/3gpp',
	'audio/mpeg',
	'audio/mp3',
	'audio/x-m4a',
	'audio/mp4',
	'audio/x-caf',
	'audio/x-wav',
	'audio/x-aiff',
	'audio/aiff',
	'audio/aac',
	'audio/midi',
	'audio/amr',
	'text/plain',
	'text/markdown',
	'text/vcard',
	'text/rtf',
	'text/csv',
	'text/html',
	'text/calendar',
	'text/xml',
	'application/pdf',
	'application/json',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-powerpoint',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/x-iwork-pages-sffpages',
	'application/x-iwork-numbers-sffnumbers',
	'application/x-iwork-keynote-sffkey',
	'application/epub+zip',
	'application/zip',
	'application/x-gzip',
];

/** Voice memo audio (https://docs.linqapp.com/guides/messaging/voice-memos/). */
export const VOICE_MEMO_CONTENT_TYPES = [
	'audio/mpeg',
	'audio/x-m4a',
	'audio/mp4',
	'audio/aac',
	'audio/x-caf',
	'audio/x-wav',
	'audio/wav',
	'audio/x-aiff',
	'audio/aiff',
	'audio/amr',
];

/** A URL anywhere in text: what Linq refuses in the first message of a new chat. */
const URL_IN_TEXT =
	/(\bhttps?:\/\/|\bwww\.)\S+|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|io|co|app|dev|ai|me|us|uk|de|fr|ly|gl|to|link|info|biz)\b(\/\S*)?/i;

export function containsUrl(text: string): boolean {
	return URL_IN_TEXT.test(text);
}

export type Part = IDataObject & { type: string };

/** Where a rule was broken: the parameter to name, and how to fix it. */
export interface ContentProblem {
	field: string;
	value: unknown;
	fix: string;
}

/**
 * Checks a message's parts against Linq's rules. `firstMessageOfNewChat`: the message that creates a
 * chat (POST /v3/chats) may contain no link at all.
 */
export function checkParts(
	parts: Part[],
	options: { firstMessageOfNewChat?: boolean } = {},
): ContentProblem | undefined {
	if (parts.length === 0) {
		return {
			field: 'Text',
			value: '',
			fix: 'A message needs text or at least one media item (or a part in Parts (JSON)).',
		};
	}
	if (parts.length > MAX_PARTS) {
		return {
			field: 'Media',
			value: `${parts.length} parts`,
			fix: `Linq accepts at most ${MAX_PARTS} parts in one message: split it into several messages.`,
		};
	}
	let mediaByUrl = 0;
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (!['text', 'media', 'link', 'imessage_app'].includes(part.type)) {
			return {
				field: 'Parts (JSON)',
				value: part.type,
				fix: "A part's type is text, media, link or imessage_app.",
			};
		}
		if ((part.type === 'link' || part.type === 'imessage_app') && parts.length > 1) {
			const field = part.type === 'link' ? 'Send Text as Link Preview' : 'Parts (JSON)';
			return {
				field,
				value: `${parts.length} parts`,
				fix: `A ${part.type === 'link' ? 'link preview' : 'iMessage app card'} must be the only part of its message: send the other text or media as a separate message.`,
			};
		}
		if (part.type === 'text') {
			if (typeof part.value !== 'string' || part.value === '')
				return { field: 'Text', value: part.value, fix: 'A text part needs some text.' };
			if (parts[i - 1]?.type === 'text') {
				return {
					field: 'Parts (JSON)',
					value: 'two text parts in a row',
					fix: 'Linq does not accept two text parts in a row: join them into one, or put media between them.',
				};
			}
			if (options.firstMessageOfNewChat && containsUrl(part.value)) {
				return {
					field: 'Text',
					value: part.value,
					fix: 'The first message of a new chat may not contain a link (Linq error 1005). Send the link in a second message.',
				};
			}
		}
		if (part.type === 'link') {
			if (!isHttpsUrl(part.value) && !/^http:\/\//i.test(String(part.value)))
				return {
					field: 'Text',
					value: part.value,
					fix: 'A link preview needs the text to be one URL, like https://example.com/page.',
				};
			if (String(part.value).length > 2048)
				return {
					field: 'Text',
					value: `${String(part.value).slice(0, 40)}…`,
					fix: 'A link may be at most 2,048 characters.',
				};
			if (options.firstMessageOfNewChat) {
				return {
					field: 'Send Text as Link Preview',
					value: part.value,
					fix: 'The first message of a new chat may not contain a link (Linq error 1005). Send the link in a second message.',
				};
			}
		}
		if (part.type === 'media') {
			const hasUrl = part.url !== undefined;
			const hasId = part.attachment_id !== undefined;
			if (hasUrl === hasId)
				return {
					field: 'Media',
					value: part,
					fix: 'Each media item is either a URL or an attachment ID, not both and not neither.',
				};
			if (hasUrl) {
				mediaByUrl++;
				if (!isHttpsUrl(part.url))
					return {
						field: 'Media URL',
						value: part.url,
						fix: 'Linq fetches media only over HTTPS: use an https:// URL, or send the file from a binary property.',
					};
			}
		}
	}
	if (mediaByUrl > MAX_MEDIA_URL_PARTS) {
		return {
			field: 'Media',
			value: `${mediaByUrl} media URLs`,
			fix: `At most ${MAX_MEDIA_URL_PARTS} media items by URL per message; upload the others (binary property or attachment ID), which do not count.`,
		};
	}
	return undefined;
}
