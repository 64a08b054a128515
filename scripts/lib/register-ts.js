'use strict';
/**
 * Lets plain `node` load TypeScript without a build (the benchmark, and the sandbox when it reads the
 * project's event list from nodes/shared/events.ts): each .ts file is transpiled to CommonJS on load
 * with the project's own TypeScript.
 *
 * A harmless no-op where `.ts` is already handled or `require.extensions` is not Node's own, e.g.
 * inside jest (whose `require.extensions` is an empty object and which transpiles .ts itself), or
 * when this file is loaded twice (`node -r ./scripts/lib/register-ts.js` and a `require` of it).
 */
const fs = require('node:fs');

const extensions = require.extensions;

function compileTs(module, filename) {
	const ts = require('typescript');
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2021,
			esModuleInterop: true,
		},
		fileName: filename,
	});
	module._compile(outputText, filename);
}

if (extensions && typeof extensions['.js'] === 'function' && !extensions['.ts']) {
	// '.ts' must be tried first: `./Linq.node` would otherwise resolve to the codex file Linq.node.json.
	const existing = { ...extensions };
	for (const ext of Object.keys(existing)) delete extensions[ext];
	extensions['.ts'] = compileTs;
	Object.assign(extensions, existing);
}
