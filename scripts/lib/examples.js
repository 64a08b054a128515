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

/**
 * Creates the "Linq sandbox" credential and imports every example with it. Returns how many
 * examples were imported.
 */
async function importExamples(api, sandbox) {
	const credential = await api.createCredential('Linq sandbox', { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
	const names = exampleNames();
	for (const name of names) await api.importWorkflow(readExample(name), credential);
	return names.length;
}

module.exports = { EXAMPLES_DIR, exampleNames, readExample, importExamples };
