/**
 * A user folder n8n has started in once, made by the suites' global setup for the n8n version under
 * test: the package installed as a community package, the SQLite database created and migrated, the
 * instance not set up yet. Each suite's n8n starts in a copy of it, which skips n8n's migrations
 * (hundreds on a new database) and packing the package again, and is otherwise what a fresh folder
 * gives: every suite still gets its own database and sets up the owner itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { cacheDir } from '../../scripts/lib/n8n-install';
import { prepareUserFolder, startN8n } from '../../scripts/lib/n8n-runtime';
import { E2E_BROKER_PORT, E2E_N8N_PORT } from './settings';

/** Where the global setup says the template is (jest runs the suites in processes it starts later). */
const TEMPLATE_VARIABLE = 'LINQAPP_E2E_USER_TEMPLATE';

export async function makeUserTemplate(): Promise<string> {
	const template = fs.mkdtempSync(path.join(os.tmpdir(), 'linqapp-e2e-template-'));
	prepareUserFolder(template);
	const logFile = `${template}.log`;
	const n8n = await startN8n({
		userFolder: template,
		port: E2E_N8N_PORT,
		brokerPort: E2E_BROKER_PORT,
		dir: cacheDir(),
		logFile,
	});
	await n8n.stop();
	fs.rmSync(logFile, { force: true });
	process.env[TEMPLATE_VARIABLE] = template;
	return template;
}

export function removeUserTemplate() {
	const template = process.env[TEMPLATE_VARIABLE];
	if (template) fs.rmSync(template, { recursive: true, force: true });
}

/** A new user folder for one suite's n8n: a copy of the template, or made from scratch without one. */
export function newUserFolder(): string {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'linqapp-e2e-'));
	const template = process.env[TEMPLATE_VARIABLE];
	if (template && fs.existsSync(template)) fs.cpSync(template, userFolder, { recursive: true });
	else prepareUserFolder(userFolder);
	return userFolder;
}
