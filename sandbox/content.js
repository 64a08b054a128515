'use strict';
/**
 * MessageContent validation exactly as https://docs.linqapp.com/guides/messaging/sending-messages/ states it, and the parts Linq stores for it
 * (§3.2). Bad parts answer 400/1004, bad app cards 400/1008, other bad fields 400/1005; then
 * attachments that are unknown (404/2003) or not uploaded yet (404/2007), and replies to unknown
 * messages (404/2002).
 */
const { randomUUID } = require('node:crypto');

const { LinqError, SERVICES } = require('./state');

const EFFECTS = {
	screen: [
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
	],
	bubble: ['slam', 'loud', 'gentle', 'invisible'],
};
const STYLES = ['bold', 'italic', 'strikethrough', 'underline'];
const ANIMATIONS = ['big', 'small', 'shake', 'nod', 'explode', 'ripple', 'bloom', 'jitter'];
const LAYOUT_CONTENT = [
	'caption',
	'subcaption',
	'trailing_caption',
	'trailing_subcaption',
	'image_url',
];
const LAYOUT_KEYS = [...LAYOUT_CONTENT, 'image_title', 'image_subtitle'];
const MAX_PARTS = 100;
const MAX_URL_MEDIA = 40;

/** A URL inside text, for the "no link in the first message of a new chat" rule (scheme or www.). */
const URL_IN_TEXT = /\bhttps?:\/\/\S|\bwww\.[a-z0-9-]+\.[a-z]/i;

const bad = (message) => new LinqError(400, 1004, `Invalid message content: ${message}`);
const badApp = (message) => new LinqError(400, 1008, `Invalid iMessage app message: ${message}`);
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function httpsUrl(value, max = 2048) {
	if (typeof value !== 'string' || value.length > max) return false;
	try {
		return new URL(value).protocol === 'https:';
	} catch {
		return false;
	}
}

/** @param {unknown} decorations @param {string} text */
function checkDecorations(decorations, text) {
	if (decorations === undefined || decorations === null) return null;
	if (!Array.isArray(decorations)) throw bad('text_decorations must be an array');
	const ranges = decorations.map((d, i) => {
		if (
			!isObject(d) ||
			!Array.isArray(d.range) ||
			d.range.length !== 2 ||
			!d.range.every(Number.isInteger)
		) {
			throw bad(`text_decorations[${i}].range must be [start, end]`);
		}
		const [start, end] = d.range;
		if (start < 0 || end <= start || end > text.length)
			throw bad(`text_decorations[${i}].range is outside the text`);
		if ((d.style === undefined) === (d.animation === undefined))
			throw bad(`text_decorations[${i}] needs exactly one of style or animation`);
		if (d.style !== undefined && !STYLES.includes(d.style))
			throw bad(`text_decorations[${i}].style is not one of ${STYLES.join(', ')}`);
		if (d.animation !== undefined && !ANIMATIONS.includes(d.animation))
			throw bad(`text_decorations[${i}].animation is not one of ${ANIMATIONS.join(', ')}`);
		return { start, end, animated: d.animation !== undefined };
	});
	ranges.forEach((a, i) => {
		if (!a.animated) return;
		ranges.forEach((b, j) => {
			if (i !== j && a.start < b.end && b.start < a.end)
				throw bad('an animated text decoration may not overlap another decoration');
		});
	});
	return decorations;
}

/** App card layout (also POST /v3/messages/{id}/update). */
function checkLayout(layout) {
	if (!isObject(layout)) throw badApp('layout is required');
	for (const key of LAYOUT_KEYS) {
		if (layout[key] !== undefined && layout[key] !== null && typeof layout[key] !== 'string')
			throw badApp(`layout.${key} must be a string`);
	}
	if (!LAYOUT_CONTENT.some((k) => typeof layout[k] === 'string' && layout[k] !== '')) {
		throw badApp(
			'layout needs at least one of caption, subcaption, trailing_caption, trailing_subcaption or image_url',
		);
	}
	if ((layout.image_title || layout.image_subtitle) && !layout.image_url)
		throw badApp('layout.image_title and image_subtitle need image_url');
	if (layout.image_url && !httpsUrl(layout.image_url))
		throw badApp('layout.image_url must be an https URL');
	return layout;
}

/** The url/fallback_text/interactive of an app card (create or update). */
function checkAppExtras(part) {
	if (part.url !== undefined && part.url !== null) {
		const ok =
			typeof part.url === 'string' &&
			(part.url.startsWith('data:') ? part.url.length <= 16384 : httpsUrl(part.url));
		if (!ok)
			throw badApp('url must be https:// (up to 2048 characters) or a data: URL (up to 16384)');
	}
	if (
		part.fallback_text !== undefined &&
		part.fallback_text !== null &&
		typeof part.fallback_text !== 'string'
	)
		throw badApp('fallback_text must be a string');
	if (part.interactive !== undefined && typeof part.interactive !== 'boolean')
		throw badApp('interactive must be a boolean');
}

function checkApp(part) {
	const app = part.app;
	if (!isObject(app)) throw badApp('app is required');
	if (typeof app.bundle_id !== 'string' || app.bundle_id === '' || app.bundle_id.includes(':'))
		throw badApp('app.bundle_id is required and may not contain ":"');
	if (typeof app.name !== 'string' || app.name === '') throw badApp('app.name is required');
	if (typeof app.team_id !== 'string' || !/^[A-Z0-9]{10}$/.test(app.team_id))
		throw badApp('app.team_id must be 10 uppercase letters or digits');
	if (
		app.app_store_id !== undefined &&
		app.app_store_id !== null &&
		typeof app.app_store_id !== 'number'
	)
		throw badApp('app.app_store_id must be a number');
	checkLayout(part.layout);
	checkAppExtras(part);
}

/** The 400-level checks of one part (a media URL may also be one the sandbox served itself). */
function checkPart(part, i, attachments) {
	if (!isObject(part)) throw bad(`parts[${i}] must be an object`);
	switch (part.type) {
		case 'text':
			if (typeof part.value !== 'string' || part.value === '')
				throw bad(`parts[${i}].value must be a non-empty string`);
			checkDecorations(part.text_decorations, part.value);
			return;
		case 'link':
			if (
				!httpsUrl(part.value) &&
				!(
					typeof part.value === 'string' &&
					part.value.length <= 2048 &&
					/^http:\/\/\S+$/.test(part.value)
				)
			) {
				throw bad(`parts[${i}].value must be a URL of up to 2048 characters`);
			}
			return;
		case 'media': {
			const hasUrl = part.url !== undefined && part.url !== null;
			const hasId = part.attachment_id !== undefined && part.attachment_id !== null;
			if (hasUrl === hasId) throw bad(`parts[${i}] needs exactly one of url or attachment_id`);
			if (hasUrl && !httpsUrl(part.url) && !attachments.fromOwnUrl(part.url))
				throw bad(`parts[${i}].url must be an https URL`);
			if (hasId && (typeof part.attachment_id !== 'string' || part.attachment_id === ''))
				throw bad(`parts[${i}].attachment_id must be a string`);
			return;
		}
		case 'imessage_app':
			checkApp(part);
			return;
		default:
			throw bad(`parts[${i}].type must be text, media, link or imessage_app`);
	}
}

/**
 * Validates a MessageContent and resolves it into stored parts.
 * @param {unknown} message
 * @param {{ attachments: any, messages: any }} deps the attachment store (media) and message store (reply_to)
 * @returns {{ parts: any[], effect: any, idempotency_key: string|null, preferred_service: string|null, reply_to: any }}
 */
function resolveContent(message, { attachments, messages }) {
	if (!isObject(message)) throw new LinqError(400, 1001, 'Missing required field: message');
	const m = /** @type {any} */ (message);
	const parts = m.parts;
	if (!Array.isArray(parts) || parts.length === 0) throw bad('parts must be a non-empty array');
	if (parts.length > MAX_PARTS) throw bad(`at most ${MAX_PARTS} parts`);
	parts.forEach((p, i) => checkPart(p, i, attachments));
	parts.forEach((p, i) => {
		if (i > 0 && p.type === 'text' && parts[i - 1].type === 'text')
			throw bad('two text parts may not follow each other');
	});
	if (parts.length > 1 && parts.some((p) => p.type === 'link' || p.type === 'imessage_app'))
		throw bad('a link or imessage_app part must be the only part');
	const byUrl = parts.filter((p) => p.type === 'media' && p.url && !attachments.fromOwnUrl(p.url));
	if (byUrl.length > MAX_URL_MEDIA) throw bad(`at most ${MAX_URL_MEDIA} media parts by url`);

	const effect = checkEffect(m.effect);
	if (
		m.preferred_service !== undefined &&
		m.preferred_service !== null &&
		!SERVICES.includes(m.preferred_service)
	) {
		throw new LinqError(400, 1005, `preferred_service must be one of ${SERVICES.join(', ')}`);
	}
	if (
		m.idempotency_key !== undefined &&
		m.idempotency_key !== null &&
		(typeof m.idempotency_key !== 'string' || m.idempotency_key === '')
	) {
		throw new LinqError(400, 1005, 'idempotency_key must be a non-empty string');
	}
	const replyTo = checkReplyTo(m.reply_to, messages);
	return {
		parts: parts.map((p) => storedPart(p, attachments)),
		effect,
		idempotency_key: m.idempotency_key ?? null,
		preferred_service: m.preferred_service ?? null,
		reply_to: replyTo,
	};
}

function checkEffect(effect) {
	if (effect === undefined || effect === null) return null;
	if (!isObject(effect)) throw new LinqError(400, 1005, 'effect must be an object');
	const { type, name } = effect;
	if (type !== undefined && !(type in EFFECTS))
		throw new LinqError(400, 1005, 'effect.type must be screen or bubble');
	const kind = type ?? Object.keys(EFFECTS).find((k) => EFFECTS[k].includes(name));
	if (typeof name !== 'string' || !kind || !EFFECTS[kind].includes(name)) {
		throw new LinqError(
			400,
			1005,
			`effect.name must be a ${type ?? 'screen or bubble'} effect: ${(type ? EFFECTS[type] : [...EFFECTS.screen, ...EFFECTS.bubble]).join(', ')}`,
		);
	}
	return { type: kind, name };
}

function checkReplyTo(replyTo, messages) {
	if (replyTo === undefined || replyTo === null) return null;
	if (!isObject(replyTo) || typeof replyTo.message_id !== 'string' || replyTo.message_id === '') {
		throw new LinqError(400, 1001, 'Missing required field: reply_to.message_id');
	}
	const partIndex = replyTo.part_index ?? 0;
	if (!Number.isInteger(partIndex) || partIndex < 0)
		throw new LinqError(400, 1005, 'reply_to.part_index must be a non-negative integer');
	const target = messages.get(replyTo.message_id);
	if (partIndex >= (target.parts?.length ?? 0))
		throw new LinqError(400, 1005, 'reply_to.part_index is past the last part');
	return { message_id: replyTo.message_id, part_index: partIndex };
}

/** The stored form of a part (its REST form adds `reactions`). */
function storedPart(part, attachments) {
	switch (part.type) {
		case 'text':
			return {
				type: 'text',
				value: part.value,
				text_decorations: part.text_decorations ?? null,
				reactions: [],
			};
		case 'link':
			return { type: 'link', value: part.value, reactions: [] };
		case 'imessage_app':
			return {
				type: 'imessage_app',
				app: part.app,
				layout: part.layout,
				url: part.url ?? null,
				fallback_text: part.fallback_text ?? null,
				interactive: part.interactive ?? true,
				reactions: [],
			};
		default: {
			const own = part.url ? attachments.fromOwnUrl(part.url) : undefined;
			if (part.attachment_id || own)
				return {
					type: 'media',
					...attachments.mediaOf(part.attachment_id ?? own.id),
					reactions: [],
				};
			// A public URL: Linq fetches it; the sandbox stays on loopback and keeps the URL as given.
			const filename = decodeURIComponent(new URL(part.url).pathname.split('/').pop() || 'file');
			return {
				type: 'media',
				id: randomUUID(),
				filename,
				mime_type: attachments.mimeOf(filename),
				size_bytes: 0,
				url: part.url,
				reactions: [],
			};
		}
	}
}

/** Whether a message would break "no link in the first message of a new chat" (400/1005). */
function hasLink(parts) {
	return parts.some((p) => p.type === 'link' || (p.type === 'text' && URL_IN_TEXT.test(p.value)));
}

module.exports = {
	resolveContent,
	checkLayout,
	checkAppExtras,
	hasLink,
	EFFECTS,
	httpsUrl,
	isObject,
};
