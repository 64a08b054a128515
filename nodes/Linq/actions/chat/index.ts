import type { INodeProperties } from 'n8n-workflow';

import * as addParticipant from './addParticipant.operation';
import * as leaveChat from './leaveChat.operation';
import * as removeParticipant from './removeParticipant.operation';

export { addParticipant, leaveChat, removeParticipant };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Add Participant',
				value: 'addParticipant',
				description:
					'Add a person to a group chat. Group chats only, with 3 or more participants already; the new member must use the same service (iMessage, RCS or SMS) as the group.',
				action: 'Add a participant to a group chat',
			},
			{
				name: 'Leave Chat',
				value: 'leaveChat',
				description:
					'Leave a group chat with your line. Only iMessage groups with 4 or more active participants (you included), never a DM. A participant.removed event follows.',
				action: 'Leave a group chat',
			},
			{
				name: 'Remove Participant',
				value: 'removeParticipant',
				description:
					'Remove a person from a group chat. Group chats only; the chat must keep 3 or more participants after the removal.',
				action: 'Remove a participant from a group chat',
			},
		],
		default: 'addParticipant',
	},
	...addParticipant.description,
	...removeParticipant.description,
	...leaveChat.description,
];
