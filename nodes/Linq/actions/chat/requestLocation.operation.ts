import { chatLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { getChat, requestLocation, type Chat } from '../../../shared/resources/chats';
import { invalidParameterError } from '../../../shared/validation';

/**
 * Why Linq would refuse a location request in this chat (it allows them only in 1:1 iMessage chats,
 * https://docs.linqapp.com/api/resources/chats/), or undefined when the chat qualifies or its service is not known.
 */
function refusalOf(chat: Chat): string | undefined {
	const others = (chat.handles ?? []).filter(
		(h) => !h.is_me && (h.status ?? 'active') === 'active',
	);
	if (chat.is_group === true || others.length > 1) {
		return 'Linq requests a location only in 1:1 iMessage chats, and this is a group chat. Pick the direct chat with the person instead.';
	}
	const service = chat.service ?? others[0]?.service;
	if (service && service !== 'iMessage') {
		return `Linq requests a location only in 1:1 iMessage chats, and this chat is on ${service}. Location sharing needs iMessage on both sides.`;
	}
	return undefined;
}

export default defineOperation({
	resource: 'chat',
	operation: 'requestLocation',
	name: 'Request Location',
	action: "Request a person's location",
	description:
		'Ask the person in a 1:1 iMessage chat to share their location with your line. Works only in direct iMessage chats: the node checks the chat first and refuses group, SMS and RCS chats. Once they share, Chat → Get Location reads it (and the location.sharing.started event fires).',
	endpoints: ['getChat', 'requestLocation'],
	properties: [
		chatLocator({ description: 'The 1:1 iMessage chat with the person whose location to request' }),
	],
	prepare(itemIndex) {
		return { chatId: readChatId(this, itemIndex) };
	},
	async execute({ chatId }, client, itemIndex) {
		// Checked before the request, so that a group or a non-iMessage chat fails with what to do
		// instead of Linq's 409.
		const refusal = refusalOf(await getChat(client, chatId, itemIndex));
		if (refusal) throw invalidParameterError(this.getNode(), 'Chat', chatId, itemIndex, refusal);
		const answer = await requestLocation(client, chatId, itemIndex);
		return { ...answer, chat_id: chatId };
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
