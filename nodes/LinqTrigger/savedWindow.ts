/**
 * How the dedupe window is kept in the workflow's static data: one string with a line per
 * delivery, `<ms since 1970 in base 36>:<webhook-id>`, not an object with a key per id.
 *
 * n8n handles the static data on every delivery: it parses it when it loads the workflow to run the
 * webhook and again to start the execution, wraps every object in it in an observable proxy and
 * copies it into the execution. With up to 1,000 keys that was most of the trigger's own cost per
 * delivery (docs/throughput.md); a string is one value to all of it. Windows saved as an object by
 * earlier releases are still read.
 */

/** Webhook-id → when it was accepted (ms since 1970). */
export type Window = Map<string, number>;

/** The last few windows read, by their saved text: n8n hands every request the same text until the next save. */
const parsed = new Map<string, ReadonlyMap<string, number>>();
const PARSED_KEPT = 8;

/** The saved form of a window (see above). */
export function encodeWindow(window: ReadonlyMap<string, number>): string {
	const lines: string[] = [];
	for (const [id, at] of window) lines.push(`${Math.round(at).toString(36)}:${id}`);
	return lines.join('\n');
}

function decodeText(text: string): Window {
	const window: Window = new Map();
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const at = Number.parseInt(line.slice(0, colon), 36);
		if (Number.isFinite(at)) window.set(line.slice(colon + 1), at);
	}
	return window;
}

/**
 * The window in a saved value: the string this module writes, or an object `{ id: ms }` as earlier
 * releases saved it. Read-only: the same map is handed to every request that loaded the same text.
 */
export function decodeWindow(saved: unknown): ReadonlyMap<string, number> {
	if (typeof saved === 'string') {
		const known = parsed.get(saved);
		if (known) return known;
		const window = decodeText(saved);
		if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value as string);
		parsed.set(saved, window);
		return window;
	}
	const window: Window = new Map();
	if (typeof saved === 'object' && saved !== null)
		for (const [id, at] of Object.entries(saved)) if (typeof at === 'number') window.set(id, at);
	return window;
}
