/** After every end-to-end suite: the started-once user folder goes (userTemplate.ts). */
import { removeUserTemplate } from './userTemplate';

export default function globalTeardown() {
	removeUserTemplate();
}
