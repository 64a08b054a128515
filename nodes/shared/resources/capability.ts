import type { IDataObject } from 'n8n-workflow';

import type { LinqClient } from '../transport';

/** Linq's answer to a capability check (https://docs.linqapp.com/guides/chats/capability-checks/). */
export interface CapabilityAnswer extends IDataObject {
	address?: string;
	available?: boolean;
}

function bodyOf(address: string, from: string | undefined): IDataObject {
	return from ? { address, from } : { address };
}

/** Whether `address` (E.164 phone or email) can receive iMessage; `from` is one of your lines, or Linq picks one. */
export async function checkImessage(
	client: LinqClient,
	address: string,
	from: string | undefined,
	itemIndex?: number,
) {
	return await client.call<CapabilityAnswer>('checkImessage', {
		body: bodyOf(address, from),
		itemIndex,
	});
}

/** Whether the phone number `address` can receive RCS; `from` is one of your lines, or Linq picks one. */
export async function checkRcs(
	client: LinqClient,
	address: string,
	from: string | undefined,
	itemIndex?: number,
) {
	return await client.call<CapabilityAnswer>('checkRcs', {
		body: bodyOf(address, from),
		itemIndex,
	});
}
