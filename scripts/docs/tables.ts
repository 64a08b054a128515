/**
 * The operations (a line per resource in README.md, the whole table in docs/linq-node.md) and the
 * endpoint table (docs/linq-node.md), made from the code: the
 * operation declarations and the one list of Linq endpoints. `npm run docs` writes them;
 * test/docs/tables.test.ts checks that the files hold exactly these.
 */
import { OPERATIONS } from '../../nodes/Linq/actions/registry';
import { RESOURCES } from '../../nodes/Linq/actions/operation';
import {
	DEPRECATED_ENDPOINTS,
	LINQ_ENDPOINTS,
	type EndpointName,
} from '../../nodes/shared/endpoints';

const resourceName = (value: string) => RESOURCES.find((r) => r.value === value)?.name ?? value;
const endpointText = (name: EndpointName) =>
	`\`${LINQ_ENDPOINTS[name].method} ${LINQ_ENDPOINTS[name].path}\``;
const operationText = (op: (typeof OPERATIONS)[number]) =>
	`${resourceName(op.resource)} → ${op.name}`;

export function operationsTable(): string {
	const rows = [...OPERATIONS]
		.sort(
			(a, b) =>
				resourceName(a.resource).localeCompare(resourceName(b.resource)) ||
				a.name.localeCompare(b.name),
		)
		.map((op) => `| ${resourceName(op.resource)} | ${op.name} | ${op.action} |`);
	return ['| Resource | Operation | What it does |', '|---|---|---|', ...rows].join('\n');
}

/** The README's summary: each resource with its operations, from the same declarations. */
export function operationsSummary(): string {
	const byResource = new Map<string, string[]>();
	for (const op of OPERATIONS) {
		const resource = resourceName(op.resource);
		byResource.set(resource, [...(byResource.get(resource) ?? []), op.name]);
	}
	const rows = [...byResource]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(
			([resource, names]) =>
				`| ${resource} | ${names.sort((a, b) => a.localeCompare(b)).join(', ')} |`,
		);
	return ['| Resource | Operations |', '|---|---|', ...rows].join('\n');
}

export function endpointsTable(): string {
	const rows = (Object.keys(LINQ_ENDPOINTS) as EndpointName[]).map((name, index) => {
		const callers = OPERATIONS.filter((op) => op.endpoints.includes(name)).map(operationText);
		const deprecated = DEPRECATED_ENDPOINTS[name];
		const by =
			callers.length > 0
				? callers.join(', ')
				: deprecated
					? `none: deprecated by Linq (${endpointText(deprecated)} is used)`
					: 'none';
		return `| ${index + 1} | ${endpointText(name)} | ${by} |`;
	});
	return ['| # | Linq endpoint | Called by |', '|---|---|---|', ...rows].join('\n');
}

/** Replaces what stands between `<!-- name:start -->` and `<!-- name:end -->`. */
export function withBlock(text: string, name: string, content: string, file = 'README.md'): string {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} block`);
	return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

export function blockOf(text: string, name: string): string | undefined {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	return from < 0 || to < from ? undefined : text.slice(from + start.length, to).trim();
}
