import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { signingSecretProblem, verifyDelivery, type HeaderValue } from '../shared/signature';
import { claimDelivery, type AnswerWatcher } from './dedupeWindow';
import { filteredOut } from './filters';
import { eventItem } from './items';
import { downloadMedia } from './media';
import { triggerKey, type SubscriptionState } from './subscription';

/** The credential that holds the signing secret in "Managed by Me" mode. */
export const LINQ_WEBHOOK_SECRET_CREDENTIAL_TYPE = 'linqAppWebhookSecretApi';

type RequestWithRawBody = ReturnType<IWebhookFunctions['getRequestObject']> & {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
};

/** Answers the delivery ourselves and starts no execution. */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** The raw request bytes: the signature covers them, not n8n's parsed JSON. */
async function rawBodyOf(request: RequestWithRawBody): Promise<Buffer> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
}

/** The secret of a subscription the user manages, from its credential; none if it cannot be read. */
async function manualSecret(context: IWebhookFunctions): Promise<string> {
	try {
		const credentials = await context.getCredentials(LINQ_WEBHOOK_SECRET_CREDENTIAL_TYPE);
		return typeof credentials.signingSecret === 'string' ? credentials.signingSecret : '';
	} catch {
		return '';
	}
}

/**
 * The credential test of the signing-secret credential: it cannot ask Linq (the secret is never shown
 * again), but it catches what goes wrong when pasting it: a missing `whsec_`, a cut-off value.
 */
export async function testSigningSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.signingSecret ?? '').trim();
	const problem = signingSecretProblem(secret);
	return problem
		? { status: 'Error', message: problem }
		: { status: 'OK', message: 'The signing secret looks right' };
}

/** Watches the answer n8n writes for this request (see AnswerWatcher). */
function answerWatcherOf(context: IWebhookFunctions): AnswerWatcher {
	const response = context.getResponseObject();
	return {
		sending(callback) {
			const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
			response.end = ((...args: unknown[]) => {
				callback(response.statusCode);
				return end(...args);
			}) as typeof response.end;
		},
		sent(callback) {
			response.once('finish', () => callback(response.statusCode));
		},
	};
}

/**
 * Handles one delivery: verify the Standard Webhooks signature on the raw bytes (401 otherwise,
 * which Linq does not retry), drop what this trigger does not want (200, no execution), drop
 * repeats of an accepted delivery (200, no execution), and start one execution for the rest.
 *
 * An accepted delivery is not answered here: n8n records and starts the execution, and the
 * trigger answers Linq from inside it (answer.ts); n8n saves the static data, with this
 * delivery's id in the dedupe window, as that answer goes out.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as RequestWithRawBody;
	const headers = request.headers as Record<string, HeaderValue>;
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	const manual = this.getNodeParameter('subscriptionMode', 'automatic') === 'manual';
	const secret = manual ? await manualSecret(this) : (state.signingSecret ?? '');

	const rawBody = await rawBodyOf(request);
	const verification = verifyDelivery({ secret, headers, rawBody });
	if (!verification.valid) {
		this.logger.warn(
			`Linq Trigger: refused a delivery that failed verification (${verification.reason})`,
			{
				webhookId: typeof headers['webhook-id'] === 'string' ? headers['webhook-id'] : undefined,
				workflowId: this.getWorkflow().id,
			},
		);
		return answer(this, 401, { error: 'Invalid webhook signature' });
	}

	let envelope: IDataObject;
	try {
		envelope = JSON.parse(rawBody.toString('utf8')) as IDataObject;
		if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
			throw new TypeError('not an object');
	} catch {
		this.logger.warn('Linq Trigger: refused a signed delivery whose body is not a JSON object', {
			webhookId: verification.webhookId,
		});
		return answer(this, 400, { error: 'Body is not a JSON object' });
	}

	const eventType = String(envelope.event_type ?? '');
	const events = this.getNodeParameter('events', []) as string[];
	if (!events.includes(eventType))
		return answer(this, 200, { received: true, ignored: 'event not selected' });

	const ignored = filteredOut(this, eventType, (envelope.data ?? {}) as IDataObject);
	if (ignored) return answer(this, 200, { received: true, ignored });

	const key = triggerKey(this);
	const verdict = await claimDelivery(state, key, verification.webhookId, answerWatcherOf(this));
	if (verdict === 'duplicate') return answer(this, 200, { received: true, duplicate: true });
	if (verdict === 'inFlight') {
		// Another copy is being taken right now; Linq retries a 5xx, and by then it is settled.
		this.getResponseObject().setHeader('Retry-After', '5');
		return answer(this, 503, { error: 'This delivery is being processed; retry later' });
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const item = eventItem(
		envelope,
		verification.webhookId,
		options.includeHeaders ? headers : undefined,
	);
	if (options.downloadMedia && eventType.startsWith('message.')) {
		const maxBytes = Math.max(1, Number(options.maxMediaSizeMb ?? 25)) * 1024 * 1024;
		const { binary, media } = await downloadMedia(this, envelope, {
			prefix: String(options.binaryPrefix ?? 'media_'),
			maxBytes,
		});
		if (media.length > 0) return { workflowData: [[{ json: { ...item, media }, binary }]] };
	}
	return { workflowData: [[{ json: item }]] };
}
