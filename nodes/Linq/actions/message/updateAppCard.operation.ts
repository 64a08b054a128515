import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { messageLocator } from '../../descriptions/fields';
import { defineOperation } from '../operation';
import { parseJsonParameter, readMessageId, trimmedText } from '../../helpers/parameters';
import { updateAppCard } from '../../../shared/resources/messages';
import { invalidParameterError, isHttpsUrl } from '../../../shared/validation';

/** An app card's layout fields (https://docs.linqapp.com/api/resources/messages/), as Linq names them and as the node shows them. */
const LAYOUT_FIELDS: Array<{
	key: string;
	name: string;
	displayName: string;
	description: string;
}> = [
	{
		key: 'caption',
		name: 'caption',
		displayName: 'Caption',
		description: 'The main line of text at the bottom of the card',
	},
	{
		key: 'image_subtitle',
		name: 'imageSubtitle',
		displayName: 'Image Subtitle',
		description: 'Text under the image title, on the image (needs an Image URL)',
	},
	{
		key: 'image_title',
		name: 'imageTitle',
		displayName: 'Image Title',
		description: 'A title shown on the image (needs an Image URL)',
	},
	{
		key: 'image_url',
		name: 'imageUrl',
		displayName: 'Image URL',
		description: "A public HTTPS URL of the card's image (JPEG, PNG, HEIF or WebP)",
	},
	{
		key: 'subcaption',
		name: 'subcaption',
		displayName: 'Subcaption',
		description: 'A second line of text under the caption',
	},
	{
		key: 'trailing_caption',
		name: 'trailingCaption',
		displayName: 'Trailing Caption',
		description: 'Text at the right of the caption',
	},
	{
		key: 'trailing_subcaption',
		name: 'trailingSubcaption',
		displayName: 'Trailing Subcaption',
		description: 'Text at the right of the subcaption',
	},
];
const LAYOUT_KEYS = LAYOUT_FIELDS.map((field) => field.key);
/** A layout needs at least one of these (https://docs.linqapp.com/api/resources/messages/). */
const CONTENT_KEYS = [
	'caption',
	'subcaption',
	'trailing_caption',
	'trailing_subcaption',
	'image_url',
];
const MAX_HTTPS_URL = 2048;
const MAX_DATA_URL = 16384;

const layoutProperty: INodeProperties = {
	displayName: 'Layout',
	name: 'layout',
	type: 'collection',
	placeholder: 'Add layout field',
	default: {},
	description:
		'What the new card shows. It needs at least a caption, subcaption, trailing caption, trailing subcaption or image.',
	options: LAYOUT_FIELDS.map(({ name, displayName, description }) => ({
		displayName,
		name,
		type: 'string' as const,
		default: '',
		description,
	})),
};

/** Layout (JSON) as a layout object; the separate fields then override its keys. */
function readLayoutJson(context: IExecuteFunctions, itemIndex: number, raw: unknown): IDataObject {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return {};
	const fix = `Enter a JSON object with some of ${LAYOUT_KEYS.join(', ')}, like {"caption":"Order shipped","image_url":"https://example.com/box.png"}.`;
	const value = parseJsonParameter(context, itemIndex, 'Layout (JSON)', raw, fix);
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw invalidParameterError(context.getNode(), 'Layout (JSON)', raw, itemIndex, fix);
	}
	const layout: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (!LAYOUT_KEYS.includes(key)) {
			throw invalidParameterError(
				context.getNode(),
				'Layout (JSON)',
				key,
				itemIndex,
				`Not a layout field. ${fix}`,
			);
		}
		if (entry === null || entry === undefined) continue;
		if (typeof entry !== 'string') {
			throw invalidParameterError(
				context.getNode(),
				'Layout (JSON)',
				{ [key]: entry },
				itemIndex,
				`Layout values are text. ${fix}`,
			);
		}
		if (entry.trim()) layout[key] = entry.trim();
	}
	return layout;
}

/** The card's URL: https:// (at most 2,048 characters) or a data: URL (at most 16,384). */
function checkCardUrl(context: IExecuteFunctions, itemIndex: number, url: string): string {
	const fix = `Use an https:// URL of at most ${MAX_HTTPS_URL} characters, or a data: URL of at most ${MAX_DATA_URL}.`;
	if (/^data:/i.test(url)) {
		if (url.length <= MAX_DATA_URL) return url;
		throw invalidParameterError(
			context.getNode(),
			'URL',
			`${url.slice(0, 40)}… (${url.length} characters)`,
			itemIndex,
			fix,
		);
	}
	if (isHttpsUrl(url) && url.length <= MAX_HTTPS_URL) return url;
	throw invalidParameterError(
		context.getNode(),
		'URL',
		url.length > 80 ? `${url.slice(0, 40)}… (${url.length} characters)` : url,
		itemIndex,
		fix,
	);
}

export default defineOperation({
	resource: 'message',
	operation: 'updateAppCard',
	name: 'Update App Card',
	action: 'Update an iMessage app card',
	description:
		'Replace an iMessage app card you sent, once delivered, with a new card: a new layout (caption, subcaption, trailing captions, image), and optionally fallback text and URL. Linq sends it as a new message with a new ID; the app stays the same. Interactive is not inherited from the old card: it is true unless turned off here.',
	endpoints: ['updateAppCard'],
	properties: [
		messageLocator('The app card you sent and want to replace'),
		layoutProperty,
		{
			displayName: 'Interactive',
			name: 'interactive',
			type: 'boolean',
			default: true,
			description:
				'Whether tapping the card opens the app. Not inherited from the card being replaced: Linq applies this value (true by default) to every update.',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{
					displayName: 'Fallback Text',
					name: 'fallbackText',
					type: 'string',
					default: '',
					description: 'The text shown where the card cannot be displayed',
				},
				{
					displayName: 'Layout (JSON)',
					name: 'layoutJson',
					type: 'json',
					default: '',
					description:
						'The layout as Linq\'s JSON object, like {"caption":"Order shipped","image_url":"https://example.com/box.png"}. The Layout fields above override its keys.',
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/order/123',
					description:
						'The URL the app receives when the card is tapped: https:// (up to 2,048 characters) or a data: URL (up to 16,384)',
				},
			],
		},
	],
	prepare(itemIndex) {
		const node = this.getNode();
		const messageId = readMessageId(this, itemIndex);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const fields = this.getNodeParameter('layout', itemIndex, {}) as IDataObject;

		const layout = readLayoutJson(this, itemIndex, extra.layoutJson);
		for (const { key, name } of LAYOUT_FIELDS) {
			const value = trimmedText(fields[name]);
			if (value) layout[key] = value;
		}
		if (!CONTENT_KEYS.some((key) => layout[key])) {
			throw invalidParameterError(
				node,
				'Layout',
				fields,
				itemIndex,
				'An app card needs at least a Caption, Subcaption, Trailing Caption, Trailing Subcaption or Image URL.',
			);
		}
		if (layout.image_url !== undefined && !isHttpsUrl(layout.image_url as string)) {
			throw invalidParameterError(
				node,
				'Image URL',
				layout.image_url,
				itemIndex,
				'Use a public https:// image URL (JPEG, PNG, HEIF or WebP).',
			);
		}
		for (const [key, label] of [
			['image_title', 'Image Title'],
			['image_subtitle', 'Image Subtitle'],
		] as const) {
			if (layout[key] !== undefined && layout.image_url === undefined) {
				throw invalidParameterError(
					node,
					label,
					layout[key],
					itemIndex,
					`${label} is shown on the image: add an Image URL, or leave it out.`,
				);
			}
		}

		const interactive = this.getNodeParameter('interactive', itemIndex, true) as unknown;
		if (typeof interactive !== 'boolean') {
			throw invalidParameterError(
				node,
				'Interactive',
				interactive,
				itemIndex,
				'Use true (tapping opens the app) or false.',
			);
		}
		const body: IDataObject = { layout, interactive };
		const fallbackText = trimmedText(extra.fallbackText);
		if (fallbackText) body.fallback_text = fallbackText;
		const url = trimmedText(extra.url);
		if (url) body.url = checkCardUrl(this, itemIndex, url);
		return { messageId, body };
	},
	async execute({ messageId, body }, client, itemIndex) {
		const answer = await updateAppCard(client, messageId, body, itemIndex);
		return {
			chat_id: answer.chat_id,
			message_id: answer.message?.id,
			replaced_message_id: messageId,
			message: answer.message,
		};
	},
	identifyItem: ({ messageId }) => ({ message_id: messageId }),
});
