import type { INodeProperties } from 'n8n-workflow';

export const attachmentIdField: INodeProperties = {
	displayName: 'Attachment ID',
	name: 'attachmentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
	description:
		'The ID Linq gave the file (Upload returns it; media parts of messages carry it as their ID)',
};
