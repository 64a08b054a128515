import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Linq delivers only to HTTPS URLs. Against production Linq, an http URL (n8n without WEBHOOK_URL
 * set to its public address) fails at once with the fix, instead of a subscription that never
 * delivers. Local stand-ins (another Base URL) may use plain http.
 */
export function assertDeliverable(
	node: INode,
	isProductionLinq: boolean,
	url: string,
	what: string,
) {
	if (url.startsWith('https://') || !isProductionLinq) return;
	throw new NodeOperationError(
		node,
		`Linq only delivers webhooks to HTTPS URLs, and ${what} is ${url.split('?')[0]}`,
		{
			description:
				'Make n8n reachable over HTTPS and tell it its public address with the WEBHOOK_URL environment variable (N8N_WEBHOOK_URL in newer n8n), for example WEBHOOK_URL=https://n8n.example.com/, then restart n8n. For a local n8n, use a tunnel (such as ngrok or cloudflared) and set that variable to the tunnel address.',
		},
	);
}
