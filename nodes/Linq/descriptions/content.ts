import type { INodeProperties } from 'n8n-workflow';

import { BUBBLE_EFFECTS, SCREEN_EFFECTS, SERVICES } from '../../shared/messageContent';

/**
 * What every send takes (Chat → Create, Message → Send / Send to Handles, Send and Wait): text and
 * media (by URL, by attachment ID, or straight from a binary property, which is uploaded), a reply,
 * an effect, a preferred service, and the idempotency key that makes retries safe.
 */

const titleCase = (name: string) =>
	name
		.split('_')
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join(' ');

export function contentFields(): INodeProperties[] {
	return [
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description:
				'The message text, sent exactly as written (no Markdown). Leave empty to send only media.',
		},
		{
			displayName: 'Media',
			name: 'media',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add media',
			default: {},
			description: 'Images, video, audio or files sent after the text, in this order',
			options: [
				{
					displayName: 'Media',
					name: 'items',
					values: [
						{
							displayName: 'Source',
							name: 'source',
							type: 'options',
							options: [
								{
									name: 'Binary Property',
									value: 'binary',
									description: 'A file from an earlier node, uploaded to Linq first (up to 100 MB)',
								},
								{
									name: 'URL',
									value: 'url',
									description: 'A public HTTPS URL Linq fetches (up to 10 MB)',
								},
								{
									name: 'Attachment ID',
									value: 'attachmentId',
									description: 'A file uploaded before (Attachment → Upload)',
								},
							],
							default: 'binary',
						},
						{
							displayName: 'Input Binary Field',
							name: 'binaryProperty',
							type: 'string',
							default: 'data',
							hint: 'The name of the input binary field containing the file to send',
							displayOptions: { show: { source: ['binary'] } },
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://example.com/photo.jpg',
							displayOptions: { show: { source: ['url'] } },
						},
						{
							displayName: 'Attachment ID',
							name: 'attachmentId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
							displayOptions: { show: { source: ['attachmentId'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Message Options',
			name: 'messageOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Effect',
					name: 'effect',
					type: 'options',
					default: '',
					description: 'An iMessage effect (ignored on SMS and RCS)',
					options: [
						{ name: 'None', value: '' },
						...SCREEN_EFFECTS.map((name) => ({
							name: `Screen: ${titleCase(name)}`,
							value: `screen:${name}`,
						})),
						...BUBBLE_EFFECTS.map((name) => ({
							name: `Bubble: ${titleCase(name)}`,
							value: `bubble:${name}`,
						})),
					],
				},
				{
					displayName: 'Idempotency Key',
					name: 'idempotencyKey',
					type: 'string',
					default: '',
					description:
						'Linq sends a message with a given key only once. By default the node derives one from the execution, the node and the item, so its retries and Retry On Fail never send twice; set your own (for example from an order ID) to also make separate executions send once.',
				},
				{
					displayName: 'Parts (JSON)',
					name: 'partsJson',
					type: 'json',
					default: '',
					description:
						'Send these Linq message parts instead of Text and Media: a JSON array like [{"type":"text","value":"Hi"},{"type":"media","attachment_id":"…"}]. Needed for iMessage app cards and text decorations.',
				},
				{
					displayName: 'Preferred Service',
					name: 'preferredService',
					type: 'options',
					default: '',
					description: 'The service to try first; Linq falls back when the recipient cannot get it',
					options: [
						{ name: 'Automatic', value: '' },
						...SERVICES.map((s) => ({ name: s, value: s })),
					],
				},
				{
					displayName: 'Reply To Message ID',
					name: 'replyTo',
					type: 'string',
					default: '',
					placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
					description: 'Send as a threaded reply to this message',
				},
				{
					displayName: 'Reply To Part',
					name: 'replyToPart',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Which part of that message to reply to (0 is the first)',
				},
				{
					displayName: 'Send Text as Link Preview',
					name: 'linkPreview',
					type: 'boolean',
					default: false,
					description:
						'Whether to send the text, which must be a single URL, as a rich link preview (it must then be the only part: no media)',
				},
			],
		},
	];
}
