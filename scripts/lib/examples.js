'use strict';
/** The importable example workflows in examples/, and how the dev loop wires them to the sandbox. */
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** Example file names (without .json). */
function exampleNames() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.slice(0, -'.json'.length))
		.sort();
}

function readExample(name) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, `${name}.json`), 'utf8'));
}

/** Other credentials (an example's OpenAI key) are left for the user to pick: n8n then shows them as missing. */
function withoutForeignCredentials(workflow) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.credentials) return node;
			const kept = Object.fromEntries(
				Object.entries(node.credentials).filter(([type]) => type === 'linqAppApi'),
			);
			return { ...node, credentials: kept };
		}),
	};
}

/**
 * Creates the "Linq sandbox" credential and imports every example with it. Returns how many
 * examples were imported.
 */
async function importExamples(api, sandbox) {
	const credential = await api.createCredential('Linq sandbox', {
		apiKey: sandbox.apiKey,
		baseUrl: sandbox.baseUrl,
	});
	const names = exampleNames();
	for (const name of names)
		await api.importWorkflow(withoutForeignCredentials(readExample(name)), credential);
	return names.length;
}

module.exports = { EXAMPLES_DIR, exampleNames, readExample, importExamples };
