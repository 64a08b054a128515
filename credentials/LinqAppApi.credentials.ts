import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Linq's production API; any other Base URL is a stand-in (a sandbox, this repository's). */
const LINQ_PRODUCTION_HOST = 'https://api.linqapp.com';

/**
 * The Linq partner API key. The type name is `linqAppApi`, not `linqApi`: another community
 * package (n8n-nodes-linq) already registers `linqApi`, and credential type names are global in n8n.
 */
export class LinqAppApi implements ICredentialType {
	name = 'linqAppApi';

	displayName = 'Linq API';

	icon: Icon = { light: 'file:../nodes/Linq/linq.svg', dark: 'file:../nodes/Linq/linq.dark.svg' };

	documentationUrl = 'https://github.com/linqapp/n8n-nodes-linqapp#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The partner API key issued by Linq. It is sent as a Bearer token.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.linqapp.com/api/partner',
			required: true,
			description:
				'Where the Linq API lives. Keep the default for production; point it at a sandbox or a local stand-in for testing. A trailing slash is fine.',
		},
		{
			// Production Linq only: a local stand-in delivers to http too.
			displayName:
				'Linq delivers webhooks (Linq Trigger, Send and Wait) only to HTTPS URLs. If n8n runs locally, set WEBHOOK_URL to a public HTTPS address (for example a tunnel) before publishing.',
			name: 'httpsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { baseUrl: [{ _cnd: { startsWith: LINQ_PRODUCTION_HOST } }] } },
		},
	];

	/**
	 * Adds `Authorization: Bearer <key>`. A function rather than a generic `={{…}}` template: n8n
	 * calls it for every request, and a template would be evaluated by the expression engine each
	 * time, which cost about a third of a request's CPU time in our benchmark.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
		};
		return requestOptions;
	}

	// GET /v3/phone_numbers is cheap, read-only and needs a valid key: a wrong key answers 401/2004.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v3/phone_numbers',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Linq rejected the API key (Linq error 2004). Copy the key again from Linq.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Linq refused access for this API key (Linq error 2005/2011). Ask Linq to enable partner API access.',
				},
			},
		],
	};
}
