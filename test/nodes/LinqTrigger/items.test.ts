import type { IDataObject } from 'n8n-workflow';

import { senderOf } from '../../../nodes/LinqTrigger/items';
import { LINQ_EVENT_TYPES } from '../../../nodes/shared/events';

const PERSON = '+14155550101';
const handle = { handle: PERSON, service: 'iMessage', is_me: false };
const message = { id: 'm1', direction: 'inbound', sender_handle: handle, chat: { id: 'c1' } };

/** Each event's payload (version 2026-02-03) and who the From filter takes as its sender. */
const CASES: Record<string, [IDataObject, string | undefined]> = {
	'message.received': [message, PERSON],
	'message.sent': [
		{ ...message, direction: 'outbound', sender_handle: { handle: '+1555' } },
		'+1555',
	],
	'message.delivered': [message, PERSON],
	'message.read': [message, PERSON],
	'message.edited': [{ id: 'm1', sender_handle: handle, part: { index: 0, text: 'x' } }, PERSON],
	'message.failed': [{ code: 4001, chat_id: 'c1', message_id: 'm1' }, undefined],
	'reaction.added': [{ from_handle: handle, reaction_type: 'like', chat_id: 'c1' }, PERSON],
	'reaction.removed': [{ from: PERSON, reaction_type: 'like', chat_id: 'c1' }, PERSON],
	'participant.added': [{ handle: PERSON, participant: handle, chat_id: 'c1' }, PERSON],
	'participant.removed': [{ handle: PERSON, chat_id: 'c1' }, PERSON],
	'chat.created': [{ id: 'c1', handles: [handle] }, undefined],
	'chat.group_name_updated': [{ chat_id: 'c1', new_value: 'x', changed_by_handle: handle }, PERSON],
	'chat.group_icon_updated': [
		{ chat_id: 'c1', new_value: null, changed_by_handle: handle },
		PERSON,
	],
	'chat.group_name_update_failed': [{ chat_id: 'c1', error_code: 4001 }, undefined],
	'chat.group_icon_update_failed': [{ chat_id: 'c1', error_code: 4001 }, undefined],
	'chat.typing_indicator.started': [{ chat_id: 'c1' }, undefined],
	'chat.typing_indicator.stopped': [{ chat_id: 'c1' }, undefined],
	'phone_number.status_updated': [{ phone_number: '+1555', new_status: 'FLAGGED' }, undefined],
	'location.sharing.started': [{ chat_id: 'c1', handle: PERSON }, undefined],
	'location.sharing.stopped': [{ chat_id: 'c1', handle: PERSON }, undefined],
	'call.initiated': [{ from: PERSON }, undefined],
	'call.ringing': [{ from: PERSON }, undefined],
	'call.answered': [{ from: PERSON }, undefined],
	'call.ended': [{ from: PERSON }, undefined],
	'call.failed': [{ from: PERSON }, undefined],
	'call.declined': [{ from: PERSON }, undefined],
	'call.no_answer': [{ from: PERSON }, undefined],
};

describe('senderOf (who the From filter checks)', () => {
	it('has a decision for every Linq event', () => {
		expect(Object.keys(CASES).sort()).toEqual([...LINQ_EVENT_TYPES].sort());
	});

	it.each(Object.entries(CASES))('%s', (eventType, [data, expected]) => {
		expect(senderOf(eventType, data)).toBe(expected);
	});

	it('a message event without a sender handle names nobody', () => {
		expect(senderOf('message.received', { id: 'm1', chat: { id: 'c1' } })).toBeUndefined();
	});
});
