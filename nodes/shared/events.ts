import type { INodePropertyOptions } from 'n8n-workflow';

/** One Linq webhook event type: its value, its name ("Group: Event") and when Linq sends it. */
export interface LinqEvent {
	value: string;
	name: string;
	description: string;
}

/** All 27 Linq webhook event types (https://docs.linqapp.com/guides/webhooks/events): the one list the nodes and the sandbox use. */
export const LINQ_EVENTS: LinqEvent[] = [
	{
		value: 'call.answered',
		name: 'Call: Answered',
		description: 'A call to or from one of your lines was answered',
	},
	{
		value: 'call.declined',
		name: 'Call: Declined',
		description: 'A call was declined by the person called',
	},
	{ value: 'call.ended', name: 'Call: Ended', description: 'A call ended' },
	{ value: 'call.failed', name: 'Call: Failed', description: 'A call could not be connected' },
	{
		value: 'call.initiated',
		name: 'Call: Initiated',
		description: 'A call to or from one of your lines started',
	},
	{
		value: 'call.no_answer',
		name: 'Call: No Answer',
		description: 'A call rang out without being answered',
	},
	{ value: 'call.ringing', name: 'Call: Ringing', description: 'A call is ringing' },
	{
		value: 'chat.created',
		name: 'Chat: Created',
		description: 'A new chat was created, by you or by someone messaging one of your lines',
	},
	{
		value: 'chat.group_icon_update_failed',
		name: 'Chat: Group Icon Update Failed',
		description: 'Linq could not apply a group icon change you asked for (Update Chat)',
	},
	{
		value: 'chat.group_icon_updated',
		name: 'Chat: Group Icon Updated',
		description: 'A group chat got a new icon, or its icon was removed',
	},
	{
		value: 'chat.group_name_update_failed',
		name: 'Chat: Group Name Update Failed',
		description: 'Linq could not apply a group name change you asked for (Update Chat)',
	},
	{
		value: 'chat.group_name_updated',
		name: 'Chat: Group Name Updated',
		description: 'A group chat was renamed',
	},
	{
		value: 'chat.typing_indicator.started',
		name: 'Chat: Typing Started',
		description: 'The other person in a chat started typing',
	},
	{
		value: 'chat.typing_indicator.stopped',
		name: 'Chat: Typing Stopped',
		description: 'The other person in a chat stopped typing',
	},
	{
		value: 'location.sharing.started',
		name: 'Location: Sharing Started',
		description: 'Someone started sharing their location with your line (iMessage)',
	},
	{
		value: 'location.sharing.stopped',
		name: 'Location: Sharing Stopped',
		description: 'Someone stopped sharing their location with your line',
	},
	{
		value: 'message.delivered',
		name: 'Message: Delivered',
		description: "A message you sent reached the recipient's device",
	},
	{
		value: 'message.edited',
		name: 'Message: Edited',
		description: 'A message in a chat was edited, by you or by the sender',
	},
	{
		value: 'message.failed',
		name: 'Message: Failed',
		description: 'A message you sent could not be delivered (Linq code 3007, 4001 or 4005)',
	},
	{
		value: 'message.read',
		name: 'Message: Read',
		description: 'The recipient read a message you sent (when they share read receipts)',
	},
	{
		value: 'message.received',
		name: 'Message: Received',
		description: 'Someone sent a message to one of your lines: the event for replying',
	},
	{
		value: 'message.sent',
		name: 'Message: Sent',
		description: 'A message you sent left Linq for the recipient',
	},
	{
		value: 'participant.added',
		name: 'Participant: Added',
		description: 'Someone joined a group chat, for example after Add Participant',
	},
	{
		value: 'participant.removed',
		name: 'Participant: Removed',
		description:
			'Someone left or was removed from a group chat; also fires for your own line after Leave Chat',
	},
	{
		value: 'phone_number.status_updated',
		name: 'Phone Line: Status Updated',
		description: 'One of your lines changed status or reputation (for example flagged, or at risk)',
	},
	{
		value: 'reaction.added',
		name: 'Reaction: Added',
		description: 'Someone reacted to a message (a tapback such as a like, or a custom emoji)',
	},
	{
		value: 'reaction.removed',
		name: 'Reaction: Removed',
		description: 'Someone took a reaction back',
	},
];

export const LINQ_EVENT_TYPES: string[] = LINQ_EVENTS.map((event) => event.value);

/** The events as n8n options, sorted by name as n8n's lint wants. */
export const LINQ_EVENT_OPTIONS: INodePropertyOptions[] = LINQ_EVENTS.map(
	({ name, value, description }) => ({
		name,
		value,
		description,
	}),
);

/** The webhook payload version the nodes read (https://docs.linqapp.com/guides/webhooks/subscriptions/), pinned with `?version=` on the target URL. */
export const WEBHOOK_VERSION = '2026-02-03';

/** The trigger's canvas subtitle: the selected events by name ("Message: Received"), not by value. */
export function eventsSubtitleExpression(): string {
	const names = Object.fromEntries(LINQ_EVENTS.map((event) => [event.value, event.name]));
	return `={{ ($parameter["events"] || []).map(e => (${JSON.stringify(names)})[e] || e).join(", ") }}`;
}
