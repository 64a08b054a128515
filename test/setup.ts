import nock from 'nock';

// Tests never reach the internet: only loopback is allowed, for local servers started by a test.
// Each test file gets its own nock, but Node's http module is shared across files in a worker:
// activate nock per file and restore http afterwards, or files would see each other's patches.
beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
	nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});

afterEach(() => {
	nock.cleanAll();
});

afterAll(() => {
	nock.restore();
});

// n8n-core starts an SSH client sweeper (a 60 s interval) when an execution context is built; n8n
// stops it on shutdown, so do the same here or jest cannot exit.
afterAll(() => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require('@n8n/di');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
