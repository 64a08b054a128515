/** Ports and folders of the end-to-end suites, from the environment (see CONTRIBUTING.md → Environment variables). */
export const E2E_N8N_PORT = Number(process.env.E2E_N8N_PORT || 5878);
/** The task-runner brokers of `n8n start` and of each `n8n execute` run. */
export const E2E_BROKER_PORT = E2E_N8N_PORT + 13;
export const E2E_EXECUTE_BROKER_PORT = E2E_N8N_PORT + 14;
/** Keep the scratch n8n user folders (logs, database) after the run, for debugging. */
export const E2E_KEEP = Boolean(process.env.E2E_KEEP);

export const E2E_PORTS = [
	{ port: E2E_N8N_PORT, what: 'end-to-end n8n', variable: 'E2E_N8N_PORT' },
	{
		port: E2E_BROKER_PORT,
		what: "end-to-end n8n's task-runner broker (E2E_N8N_PORT + 13)",
		variable: 'E2E_N8N_PORT',
	},
	{
		port: E2E_EXECUTE_BROKER_PORT,
		what: 'end-to-end `n8n execute` task-runner broker (E2E_N8N_PORT + 14)',
		variable: 'E2E_N8N_PORT',
	},
];
