/**
 * Before any end-to-end suite: ports are free (one line naming the port and its variable if not),
 * a working n8n is in the cache (installed, or repaired, here with its own output), and a user
 * folder it has started in once is ready to copy (userTemplate.ts).
 */
import { ensureN8n } from '../../scripts/lib/n8n-install';
import { assertPortsFree, PortInUseError } from '../../scripts/lib/ports';
import { E2E_PORTS } from './settings';
import { makeUserTemplate } from './userTemplate';

export default async function globalSetup() {
	try {
		await assertPortsFree(E2E_PORTS);
	} catch (error) {
		if (error instanceof PortInUseError) {
			process.stderr.write(`\n${error.message}\n`);
			process.exit(1);
		}
		throw error;
	}
	ensureN8n((line: string) => process.stderr.write(`${line}\n`));
	const started = Date.now();
	await makeUserTemplate();
	process.stderr.write(
		`n8n started once for the suites to copy its user folder (${Math.round((Date.now() - started) / 1000)} s)\n`,
	);
}
