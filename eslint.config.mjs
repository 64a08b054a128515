// n8n's official community-node lint: the ESLint configuration `n8n-node lint` and n8n's starter run.
import { config } from '@n8n/node-cli/eslint';

export default config;
