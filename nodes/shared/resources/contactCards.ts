import type { IDataObject } from 'n8n-workflow';

import type { LinqClient } from '../transport';

/** The contact card (name and photo) a line shares on iMessage (https://docs.linqapp.com/api/resources/contact_card/methods/create). */
export interface ContactCard extends IDataObject {
	phone_number: string;
	first_name?: string;
	last_name?: string | null;
	image_url?: string | null;
	is_active?: boolean;
}

export interface ContactCardFields {
	first_name?: string;
	last_name?: string;
	image_url?: string;
}

/** Your cards: all of them, or the one of a line (E.164). */
export async function listContactCards(
	client: LinqClient,
	phoneNumber: string | undefined,
	itemIndex?: number,
) {
	const { contact_cards = [] } = await client.call<{ contact_cards?: ContactCard[] }>(
		'listContactCards',
		{
			qs: phoneNumber ? { phone_number: phoneNumber } : undefined,
			itemIndex,
		},
	);
	return contact_cards;
}

/** One-time setup of a line's card; Linq answers 409/2014 when the line has one already. */
export async function createContactCard(
	client: LinqClient,
	card: ContactCardFields & { first_name: string; phone_number: string },
	itemIndex?: number,
) {
	return await client.call<ContactCard>('createContactCard', { body: { ...card }, itemIndex });
}

/** Merges the given fields into the line's active card; Linq answers 404/2012 when there is none. */
export async function updateContactCard(
	client: LinqClient,
	phoneNumber: string,
	changes: ContactCardFields,
	itemIndex?: number,
) {
	return await client.call<ContactCard>('updateContactCard', {
		qs: { phone_number: phoneNumber },
		body: { ...changes },
		itemIndex,
	});
}
