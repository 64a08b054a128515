/** The Linq API credential (credentials/LinqAppApi.credentials.ts): its type, and which Linq it points at. */
export const LINQ_CREDENTIAL_TYPE = 'linqAppApi';
export const LINQ_PRODUCTION_BASE_URL = 'https://api.linqapp.com/api/partner';

/** The credential's Base URL without trailing slashes; empty means production Linq. */
export function normalizeBaseUrl(raw: unknown): string {
	const value =
		typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : LINQ_PRODUCTION_BASE_URL;
	return value.replace(/\/+$/, '');
}
