import type { IHttpRequestMethods } from 'n8n-workflow';

export interface EndpointSpec {
	method: IHttpRequestMethods;
	/** Below the base URL; `{name}` marks a path parameter (percent-encoded when filled in). */
	path: string;
	/**
	 * Whether sending it twice can never apply it twice, so it may be retried after a 5xx or a broken
	 * connection like a read. Sends become repeatable per request when they carry an idempotency key.
	 */
	repeatable: boolean;
	/** The Accept header Linq's SDK sends when it is not application/json. */
	accept?: string;
}

const endpoint = (
	method: IHttpRequestMethods,
	path: string,
	repeatable: boolean,
	accept?: string,
): EndpointSpec => ({
	method,
	path,
	repeatable,
	...(accept ? { accept } : {}),
});

/**
 * Every Linq Partner API V3 endpoint (https://docs.linqapp.com/api/), in one list. Operations name the endpoints
 * they call; a test keeps this list, the operations and the endpoint table in docs/linq-node.md in agreement.
 */
export const LINQ_ENDPOINTS = {
	createChat: endpoint('POST', '/v3/chats', false),
	listChats: endpoint('GET', '/v3/chats', true),
	getChat: endpoint('GET', '/v3/chats/{chatId}', true),
	updateChat: endpoint('PUT', '/v3/chats/{chatId}', true),
	markChatRead: endpoint('POST', '/v3/chats/{chatId}/read', true, '*/*'),
	leaveChat: endpoint('POST', '/v3/chats/{chatId}/leave', false),
	shareContactCard: endpoint('POST', '/v3/chats/{chatId}/share_contact_card', false, '*/*'),
	sendVoiceMemo: endpoint('POST', '/v3/chats/{chatId}/voicememo', false),
	addParticipant: endpoint('POST', '/v3/chats/{chatId}/participants', false),
	removeParticipant: endpoint('DELETE', '/v3/chats/{chatId}/participants', false),
	startTyping: endpoint('POST', '/v3/chats/{chatId}/typing', true, '*/*'),
	stopTyping: endpoint('DELETE', '/v3/chats/{chatId}/typing', true, '*/*'),
	sendMessage: endpoint('POST', '/v3/chats/{chatId}/messages', false),
	listMessages: endpoint('GET', '/v3/chats/{chatId}/messages', true),
	requestLocation: endpoint('POST', '/v3/chats/{chatId}/location/request', false),
	getLocation: endpoint('GET', '/v3/chats/{chatId}/location', true, 'application/geo+json'),
	sendToHandles: endpoint('POST', '/v3/messages', false),
	getMessage: endpoint('GET', '/v3/messages/{messageId}', true),
	getThread: endpoint('GET', '/v3/messages/{messageId}/thread', true),
	editMessage: endpoint('PATCH', '/v3/messages/{messageId}', false),
	deleteMessage: endpoint('DELETE', '/v3/messages/{messageId}', true, '*/*'),
	reactToMessage: endpoint('POST', '/v3/messages/{messageId}/reactions', false),
	updateAppCard: endpoint('POST', '/v3/messages/{messageId}/update', false),
	createAttachment: endpoint('POST', '/v3/attachments', false),
	getAttachment: endpoint('GET', '/v3/attachments/{attachmentId}', true),
	deleteAttachment: endpoint('DELETE', '/v3/attachments/{attachmentId}', true, '*/*'),
	listPhoneNumbers: endpoint('GET', '/v3/phone_numbers', true),
	updatePhoneNumber: endpoint('PUT', '/v3/phone_numbers/{phoneNumberId}', true),
	listPhoneNumbersDeprecated: endpoint('GET', '/v3/phonenumbers', true),
	getAvailableNumber: endpoint('GET', '/v3/available_number', true),
	checkImessage: endpoint('POST', '/v3/capability/check_imessage', true),
	checkRcs: endpoint('POST', '/v3/capability/check_rcs', true),
	listContactCards: endpoint('GET', '/v3/contact_card', true),
	createContactCard: endpoint('POST', '/v3/contact_card', false),
	updateContactCard: endpoint('PATCH', '/v3/contact_card', true),
	listWebhookEvents: endpoint('GET', '/v3/webhook-events', true),
	createWebhookSubscription: endpoint('POST', '/v3/webhook-subscriptions', false),
	listWebhookSubscriptions: endpoint('GET', '/v3/webhook-subscriptions', true),
	getWebhookSubscription: endpoint('GET', '/v3/webhook-subscriptions/{subscriptionId}', true),
	updateWebhookSubscription: endpoint('PUT', '/v3/webhook-subscriptions/{subscriptionId}', true),
	deleteWebhookSubscription: endpoint(
		'DELETE',
		'/v3/webhook-subscriptions/{subscriptionId}',
		true,
		'*/*',
	),
} as const satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof LINQ_ENDPOINTS;

/** Linq's deprecated endpoints: reachable through a current one, so no operation calls them. */
export const DEPRECATED_ENDPOINTS: Partial<Record<EndpointName, EndpointName>> = {
	listPhoneNumbersDeprecated: 'listPhoneNumbers',
};

/** The endpoint's path with its parameters filled in, each percent-encoded. */
export function endpointPath(name: EndpointName, params: Record<string, string> = {}): string {
	return LINQ_ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_match, key: string) => {
		const value = params[key];
		if (value === undefined) throw new RangeError(`Missing path parameter "${key}" for ${name}`);
		return encodeURIComponent(value);
	});
}
