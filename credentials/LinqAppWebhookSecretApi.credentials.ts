import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The signing secret of a Linq webhook subscription you created yourself (the Linq Trigger's
 * "Connect using: Signing Secret (You Created the Subscription)"). A credential rather than a node
 * parameter, so the secret is stored encrypted and never travels with an exported or shared workflow.
 */
export class LinqAppWebhookSecretApi implements ICredentialType {
	name = 'linqAppWebhookSecretApi';

	displayName = 'Linq Webhook Signing Secret API';

	icon: Icon = { light: 'file:../nodes/Linq/linq.svg', dark: 'file:../nodes/Linq/linq.dark.svg' };

	documentationUrl =
		'https://github.com/linqapp/n8n-nodes-linqapp#who-creates-the-webhook-subscription';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. whsec_...',
			description:
				"The signing secret Linq showed once, when the webhook subscription was created. Point that subscription at the Linq Trigger's webhook URL with ?version=2026-02-03 appended.",
		},
	];
}
