'use strict';
/**
 * A small client for n8n's internal REST API, as the editor uses it: it sets up the instance owner
 * on first use, logs in, and manages credentials, workflows and executions.
 */
const { parse: parseFlatted } = require('flatted');

const OWNER = {
	email: 'dev@example.com',
	firstName: 'Linq',
	lastName: 'Developer',
	password: 'Linq-dev-loop-1',
};

/** @param {string} url n8n's base URL (the main process) */
async function restClient(url) {
	let cookie = '';
	async function call(method, route, body) {
		let response;
		// n8n answers 503 "Database is not ready" while its database is busy (n8n 1.x under load).
		for (let attempt = 1; ; attempt++) {
			response = await fetch(`${url}/rest${route}`, {
				method,
				headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			if (response.status !== 503 || attempt === 10) break;
			await response.arrayBuffer();
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await response.text();
		const json = text ? JSON.parse(text) : {};
		if (!response.ok)
			throw new Error(`${method} ${route} → ${response.status}: ${text.slice(0, 300)}`);
		return json.data ?? json;
	}
	/** Which workflow each execution id read one by one belongs to (an id never changes workflow). */
	const workflowOfExecution = new Map();
	/** The executions of `workflowId` with ids between the listed ones that the listing left out. */
	async function unlistedBetween(workflowId, listed) {
		const ids = new Set(listed.map((e) => Number(e.id)));
		if (ids.size === 0) return [];
		const found = [];
		const [lowest, highest] = [Math.min(...ids), Math.max(...ids)];
		for (let id = lowest + 1; id < highest; id++) {
			if (ids.has(id) || (workflowOfExecution.get(id) ?? workflowId) !== workflowId) continue;
			let execution;
			try {
				execution = await call('GET', `/executions/${id}`);
			} catch {
				continue; // not there (yet): ids of executions still being created are read next time
			}
			workflowOfExecution.set(id, String(execution.workflowId));
			if (String(execution.workflowId) === String(workflowId)) {
				const { data: _data, ...summary } = execution;
				found.push({ ...summary, id: String(execution.id) });
			}
		}
		return found;
	}
	const settings = await call('GET', '/settings');
	if (settings.userManagement?.showSetupOnFirstLoad) await call('POST', '/owner/setup', OWNER);
	await call('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });

	/** Points every reference to a credential type at the given credential. */
	function withCredentials(nodes, credentials) {
		return nodes.map((node) => {
			if (!node.credentials) return node;
			const next = { ...node.credentials };
			for (const [type, credential] of Object.entries(credentials)) {
				if (next[type]) next[type] = { id: credential.id, name: credential.name };
			}
			return { ...node, credentials: next };
		});
	}

	return {
		call,
		get: (route) => call('GET', route),
		post: (route, body) => call('POST', route, body ?? {}),
		patch: (route, body) => call('PATCH', route, body),
		delete: (route) => call('DELETE', route),
		async createCredential(name, data, type = 'linqAppApi') {
			return await call('POST', '/credentials', { name, type, data });
		},
		async testCredential(credential, data, type = 'linqAppApi') {
			return await call('POST', '/credentials/test', {
				credentials: { id: credential.id, name: credential.name, type, data },
			});
		},
		/**
		 * Imports a workflow JSON. `credentials` maps a credential type to the credential every node
		 * of the workflow should use (a single credential means `linqAppApi`).
		 */
		async importWorkflow(workflow, credentials) {
			const map = credentials && credentials.id ? { linqAppApi: credentials } : (credentials ?? {});
			const { id: _ignored, active: _active, ...rest } = workflow;
			return await call('POST', '/workflows', {
				...rest,
				nodes: withCredentials(workflow.nodes, map),
				active: false,
			});
		},
		/** Publishes (n8n 2.x's word for activating) a saved workflow. */
		async activate(workflow) {
			return await call('POST', `/workflows/${workflow.id}/activate`, {
				versionId: workflow.versionId,
			});
		},
		async deactivate(workflow) {
			return await call('POST', `/workflows/${workflow.id}/deactivate`, {});
		},
		/**
		 * Every execution of a workflow, newest first, each once (n8n lists at most 100 per page).
		 * n8n sorts its listing by start time but pages it by id (`execution.id < lastId`), so a page
		 * boundary skips executions that started out of id order, as concurrent ones do. n8n 1.x and
		 * 2.8 sort by id when given both `firstId` and `lastId` (n8n@2.8.4 executions.controller.ts,
		 * `noRange`); n8n 2.4x always sorts by start time (n8n@2.41.1 execution-list.service.ts,
		 * cursor `v1.id`), so there the ids between the listed ones are read one by one.
		 */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const list = (range) => call('GET', `/executions?filter=${filter}&limit=100${range}`);
			const all = [];
			const first = await list('');
			if ('nextCursor' in first) {
				for (let page = first; ; ) {
					all.push(...(page.results ?? []));
					if (typeof page.nextCursor !== 'string' || (page.results ?? []).length === 0) break;
					page = await list(`&cursor=${encodeURIComponent(page.nextCursor)}`);
				}
				all.push(...(await unlistedBetween(workflowId, all)));
			} else {
				// The largest id both SQLite and PostgreSQL (int4) compare without an error.
				for (let lastId = 2 ** 31 - 1; ; ) {
					const results = (await list(`&firstId=0&lastId=${lastId}`)).results ?? [];
					all.push(...results);
					if (results.length < 100) break;
					lastId = Math.min(...results.map((e) => Number(e.id)));
				}
			}
			return [...new Map(all.map((e) => [e.id, e])).values()];
		},
		async execution(id) {
			return await call('GET', `/executions/${id}?includeData=true`);
		},
		/** The node types n8n serves its editor (every version of every node, with its description). */
		async nodeTypes() {
			const response = await fetch(`${url}/types/nodes.json`, { headers: { cookie } });
			if (!response.ok) throw new Error(`GET /types/nodes.json → ${response.status}`);
			return await response.json();
		},
		/** The run data of an execution (n8n stores it flatted). */
		async runData(id) {
			const execution = await call('GET', `/executions/${id}?includeData=true`);
			return parseFlatted(execution.data).resultData.runData;
		},
	};
}

/** The output items (json) of one node in n8n's run data. */
function outputOf(runData, node, output = 0) {
	return runData[node]?.[0]?.data?.main?.[output]?.map((item) => item.json) ?? [];
}

module.exports = { restClient, outputOf, parseFlatted, OWNER };
