'use strict';
/**
 * Lets plain `node` run the TypeScript benchmark (and the test helpers it reuses) without a build:
 * each .ts file is transpiled to CommonJS on load with the project's own TypeScript.
 */
const fs = require('node:fs');
const ts = require('typescript');

function compileTs(module, filename) {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
}

// '.ts' must be tried first: `./Linq.node` would otherwise resolve to the codex file Linq.node.json.
const existing = { ...require.extensions };
for (const ext of Object.keys(existing)) delete require.extensions[ext];
require.extensions['.ts'] = compileTs;
Object.assign(require.extensions, existing);
