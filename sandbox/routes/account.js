'use strict';
/**
 * Account routes (https://docs.linqapp.com/api/): attachments, phone numbers (and the deprecated list),
 * available number, capability checks, contact cards, the webhook event list and subscriptions.
 */
const { randomBytes, randomUUID } = require('node:crypto');

const { LinqError, E164 } = require('../state');
const { newSigningSecret } = require('../signer');

/** @param {any} ctx the route context server.js builds */
function accountRoutes(ctx) {
	const { state, attachments, events } = ctx;

	function subscription(id) {
		const found = state.subscriptions.get(id);
		if (!found) throw new LinqError(404, 2010, 'Webhook subscription not found');
		return found;
	}

	function validateSubscriptionInput(body, partial) {
		if (!partial || body.target_url !== undefined) {
			if (typeof body.target_url !== 'string' || !/^https?:\/\//.test(body.target_url)) {
				throw new LinqError(400, 1005, 'target_url must be an absolute URL');
			}
		}
		if (!partial || body.subscribed_events !== undefined) {
			const list = body.subscribed_events;
			if (!Array.isArray(list) || list.length === 0 || list.some((e) => !events.includes(e))) {
				throw new LinqError(400, 1005, 'subscribed_events must list known webhook event types');
			}
		}
		if (body.is_active !== undefined && typeof body.is_active !== 'boolean')
			throw new LinqError(400, 1005, 'is_active must be a boolean');
		if (
			body.phone_numbers != null &&
			(!Array.isArray(body.phone_numbers) || body.phone_numbers.some((p) => !E164.test(p)))
		) {
			throw new LinqError(400, 1002, 'Phone number must be in E.164 format');
		}
	}

	function createSubscription(body) {
		validateSubscriptionInput(body ?? {}, false);
		if ([...state.subscriptions.values()].some((s) => s.target_url === body.target_url)) {
			throw new LinqError(409, 2015, 'A webhook subscription for this target_url already exists');
		}
		const at = state.iso();
		const created = {
			id: randomUUID(),
			target_url: body.target_url,
			subscribed_events: body.subscribed_events,
			is_active: true,
			phone_numbers: body.phone_numbers?.length ? body.phone_numbers : null,
			created_at: at,
			updated_at: at,
			signing_secret: newSigningSecret(),
		};
		state.subscriptions.set(created.id, created);
		return [201, created];
	}

	function updateSubscription(id, body) {
		const found = subscription(id);
		validateSubscriptionInput(body ?? {}, true);
		if (
			body?.target_url !== undefined &&
			[...state.subscriptions.values()].some((s) => s.id !== id && s.target_url === body.target_url)
		) {
			throw new LinqError(409, 2015, 'A webhook subscription for this target_url already exists');
		}
		for (const key of ['target_url', 'subscribed_events', 'is_active'])
			if (body?.[key] !== undefined) found[key] = body[key];
		if (body?.phone_numbers !== undefined)
			found.phone_numbers = body.phone_numbers?.length ? body.phone_numbers : null;
		found.updated_at = state.iso();
		return [200, publicSubscription(found)];
	}

	function availableNumber(query) {
		const to = query.getAll('to').map((h) => state.validHandle(h, 'to'));
		const line = state.pickLine(to);
		return [
			200,
			{
				phone_number: line.phone_number,
				vcf_url: `${ctx.origin}/__vcf/${line.id}.vcf?X-Amz-Expires=3600&X-Amz-Signature=${randomBytes(16).toString('hex')}`,
			},
		];
	}

	return [
		['POST', /^\/v3\/attachments$/, (_p, body) => [201, attachments.create(body)]],
		['GET', /^\/v3\/attachments\/([^/]+)$/, ([id]) => [200, attachments.view(id)]],
		[
			'DELETE',
			/^\/v3\/attachments\/([^/]+)$/,
			([id]) => {
				attachments.remove(id);
				return [204, undefined];
			},
		],
		[
			'GET',
			/^\/v3\/phone_numbers$/,
			() => [200, { phone_numbers: state.phoneNumbers.map((l) => state.publicLine(l)) }],
		],
		[
			'PUT',
			/^\/v3\/phone_numbers\/([^/]+)$/,
			([id], body) => [200, state.updateForwarding(id, body)],
		],
		[
			'GET',
			/^\/v3\/phonenumbers$/,
			() => [200, { phone_numbers: state.phoneNumbers.map((l) => state.deprecatedLine(l)) }],
		],
		['GET', /^\/v3\/available_number$/, (_p, _b, query) => availableNumber(query)],
		[
			'POST',
			/^\/v3\/capability\/check_imessage$/,
			(_p, body) => [200, state.checkCapability(body, 'iMessage')],
		],
		[
			'POST',
			/^\/v3\/capability\/check_rcs$/,
			(_p, body) => [200, state.checkCapability(body, 'RCS')],
		],
		[
			'GET',
			/^\/v3\/contact_card$/,
			(_p, _b, query) => [200, state.listCards(query.get('phone_number'))],
		],
		['POST', /^\/v3\/contact_card$/, (_p, body) => [201, state.createCard(body)]],
		[
			'PATCH',
			/^\/v3\/contact_card$/,
			(_p, body, query) => [200, state.patchCard(query.get('phone_number'), body)],
		],
		[
			'GET',
			/^\/v3\/webhook-events$/,
			() => [200, { events, doc_url: 'https://docs.linqapp.com/guides/webhooks/events' }],
		],
		['POST', /^\/v3\/webhook-subscriptions$/, (_p, body) => createSubscription(body)],
		[
			'GET',
			/^\/v3\/webhook-subscriptions$/,
			() => [200, { subscriptions: [...state.subscriptions.values()].map(publicSubscription) }],
		],
		[
			'GET',
			/^\/v3\/webhook-subscriptions\/([^/]+)$/,
			([id]) => [200, publicSubscription(subscription(id))],
		],
		['PUT', /^\/v3\/webhook-subscriptions\/([^/]+)$/, ([id], body) => updateSubscription(id, body)],
		[
			'DELETE',
			/^\/v3\/webhook-subscriptions\/([^/]+)$/,
			([id]) => {
				subscription(id);
				state.subscriptions.delete(id);
				return [204, undefined];
			},
		],
	];
}

/** A subscription without its signing secret (shown only when it is created). */
function publicSubscription(s) {
	const { signing_secret: _secret, ...rest } = s;
	return rest;
}

/** The vCard behind available_number's vcf_url: the line's contact card, the line first, other healthy lines as backups. */
function vcard(state, lineId) {
	const line = state.phoneNumbers.find((l) => `${l.id}.vcf` === lineId);
	if (!line) return undefined;
	const card = state.contactCards.get(line.phone_number);
	const name = card ? [card.first_name, card.last_name].filter(Boolean).join(' ') : 'Linq';
	const backups = state.phoneNumbers.filter(
		(l) => l !== line && l.reputation.status === 'HEALTHY' && l.status !== 'FLAGGED',
	);
	return [
		'BEGIN:VCARD',
		'VERSION:3.0',
		`FN:${name}`,
		`N:${card?.last_name ?? ''};${card?.first_name ?? name};;;`,
		`TEL;TYPE=CELL,PREF:${line.phone_number}`,
		...backups.map((l) => `TEL;TYPE=CELL:${l.phone_number}`),
		'END:VCARD',
		'',
	].join('\r\n');
}

module.exports = { accountRoutes, publicSubscription, vcard };
