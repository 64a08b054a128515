/** What the nodes logged through n8n's Logger during the current test (captured by test/setup.ts, not printed). */
export interface LogLine {
	level: string;
	message: string;
	metadata?: unknown;
}

const store = globalThis as unknown as { __linqLogs?: LogLine[] };

export function loggedLines(): LogLine[] {
	return (store.__linqLogs ??= []);
}

export function captureLog(line: LogLine) {
	loggedLines().push(line);
}

export function clearLogs() {
	loggedLines().length = 0;
}
