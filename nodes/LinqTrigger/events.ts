import type { INodePropertyOptions } from 'n8n-workflow';

/** All 27 Linq webhook event types (linq-api.md §5.1), named "Group: Event" so they sort into groups. */
export const LINQ_EVENTS: INodePropertyOptions[] = [
	{ name: 'Call: Answered', value: 'call.answered' },
	{ name: 'Call: Declined', value: 'call.declined' },
	{ name: 'Call: Ended', value: 'call.ended' },
	{ name: 'Call: Failed', value: 'call.failed' },
	{ name: 'Call: Initiated', value: 'call.initiated' },
	{ name: 'Call: No Answer', value: 'call.no_answer' },
	{ name: 'Call: Ringing', value: 'call.ringing' },
	{ name: 'Chat: Created', value: 'chat.created' },
	{ name: 'Chat: Group Icon Update Failed', value: 'chat.group_icon_update_failed' },
	{ name: 'Chat: Group Icon Updated', value: 'chat.group_icon_updated' },
	{ name: 'Chat: Group Name Update Failed', value: 'chat.group_name_update_failed' },
	{ name: 'Chat: Group Name Updated', value: 'chat.group_name_updated' },
	{ name: 'Chat: Typing Started', value: 'chat.typing_indicator.started' },
	{ name: 'Chat: Typing Stopped', value: 'chat.typing_indicator.stopped' },
	{ name: 'Location: Sharing Started', value: 'location.sharing.started' },
	{ name: 'Location: Sharing Stopped', value: 'location.sharing.stopped' },
	{ name: 'Message: Delivered', value: 'message.delivered' },
	{ name: 'Message: Edited', value: 'message.edited' },
	{ name: 'Message: Failed', value: 'message.failed' },
	{ name: 'Message: Read', value: 'message.read' },
	{ name: 'Message: Received', value: 'message.received' },
	{ name: 'Message: Sent', value: 'message.sent' },
	{ name: 'Participant: Added', value: 'participant.added' },
	{ name: 'Participant: Removed', value: 'participant.removed' },
	{ name: 'Phone Line: Status Updated', value: 'phone_number.status_updated' },
	{ name: 'Reaction: Added', value: 'reaction.added' },
	{ name: 'Reaction: Removed', value: 'reaction.removed' },
].map((event) => ({ ...event, description: `Linq event ${event.value}` }));

/** The webhook payload version the trigger pins (linq-api.md §5.3). */
export const WEBHOOK_VERSION = '2026-02-03';
