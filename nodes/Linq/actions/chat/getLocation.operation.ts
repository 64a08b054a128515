import type { IDataObject } from 'n8n-workflow';

import { chatLocator, simplifyField } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { readChatId } from '../../helpers/parameters';
import { getLocation } from '../../../shared/resources/chats';

const LOCATION_SIMPLE_FIELDS =
	'chat_id, sharing, handle, longitude, latitude, address, locality, updated_at';

/** One shared location (a GeoJSON Point feature) as a flat item. */
function simplifyFeature(chatId: string, feature: IDataObject): IDataObject {
	const geometry = (feature.geometry ?? {}) as IDataObject;
	const coordinates = Array.isArray(geometry.coordinates)
		? (geometry.coordinates as unknown[])
		: [];
	const properties = (feature.properties ?? {}) as IDataObject;
	return {
		chat_id: chatId,
		sharing: true,
		handle: properties.handle ?? null,
		longitude: typeof coordinates[0] === 'number' ? coordinates[0] : null,
		latitude: typeof coordinates[1] === 'number' ? coordinates[1] : null,
		address: properties.address ?? null,
		locality: properties.locality ?? null,
		updated_at: properties.updated_at ?? null,
	};
}

// The "1:1 iMessage only" applies to Request Location: Linq documents Get Location for DMs
// and groups alike (https://docs.linqapp.com/api/resources/chats/), so it reads any chat and refuses none.
export default defineOperation({
	resource: 'chat',
	operation: 'getLocation',
	name: 'Get Location',
	action: 'Get the locations shared in a chat',
	description:
		'Get the locations people share with your line in a chat (iMessage; direct and group chats): one output item per person sharing, with handle, longitude, latitude, address, locality and updated_at. When nobody shares, one item with sharing: false. Chat → Request Location asks a person to share.',
	endpoints: ['getLocation'],
	properties: [
		chatLocator({ description: 'The chat to read shared locations from' }),
		simplifyField(LOCATION_SIMPLE_FIELDS),
	],
	prepare(itemIndex) {
		return {
			chatId: readChatId(this, itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		};
	},
	async execute({ chatId, simplify }, client, itemIndex, run) {
		const answer = await getLocation(client, chatId, itemIndex);
		const collection = ((answer.data ?? answer) as IDataObject) ?? {};
		if (!simplify && !run.isTool) return collection;
		const features = Array.isArray(collection.features)
			? (collection.features as IDataObject[])
			: [];
		if (features.length === 0) {
			return {
				chat_id: chatId,
				sharing: false,
				message: 'Nobody in this chat shares their location with your line',
			};
		}
		return features.map((feature) => simplifyFeature(chatId, feature));
	},
	identifyItem: ({ chatId }) => ({ chat_id: chatId }),
});
