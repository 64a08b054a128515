/**
 * Secrets the suite hands to the nodes (API keys, signing secrets). test/setup.ts fails a test file
 * if any of them shows up in anything printed while it ran.
 */
const secrets = new Set<string>();

export function registerSecret(value: string) {
	// Very short values would match by accident; real keys and secrets are long.
	if (value && value.length >= 12) secrets.add(value);
}

export function knownSecrets(): string[] {
	return [...secrets];
}
