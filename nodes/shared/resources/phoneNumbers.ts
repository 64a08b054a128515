import type { IDataObject } from 'n8n-workflow';

import type { LinqClient } from '../transport';

/** One of your Linq lines (https://docs.linqapp.com/guides/phone-numbers/). */
export interface PhoneNumber extends IDataObject {
	id: string;
	phone_number: string;
	reputation?: { status?: string; doc_url?: string };
	forwarding_number?: string | null;
}

export async function listPhoneNumbers(client: LinqClient, itemIndex?: number) {
	const { phone_numbers = [] } = await client.call<{ phone_numbers?: PhoneNumber[] }>(
		'listPhoneNumbers',
		{ itemIndex },
	);
	return phone_numbers;
}

/** Where inbound calls to the line are forwarded; null clears it. */
export async function updatePhoneNumber(
	client: LinqClient,
	phoneNumberId: string,
	forwardingNumber: string | null,
	itemIndex?: number,
) {
	return await client.call<PhoneNumber>('updatePhoneNumber', {
		params: { phoneNumberId },
		body: { forwarding_number: forwardingNumber },
		itemIndex,
	});
}

/** Linq's pick of a line for these recipients (advisory: nothing is reserved). */
export async function findAvailableNumber(client: LinqClient, to: string[], itemIndex?: number) {
	return await client.call<{ phone_number?: string; vcf_url?: string }>('getAvailableNumber', {
		qs: to.length > 0 ? { to } : undefined,
		itemIndex,
	});
}
