import deleteMessage from './delete.operation';
import edit from './edit.operation';
import get from './get.operation';
import getMany from './getMany.operation';
import getThread from './getThread.operation';
import react from './react.operation';
import send from './send.operation';
import sendAndWait from './sendAndWait.operation';
import sendToHandles from './sendToHandles.operation';
import updateAppCard from './updateAppCard.operation';

/** The Message resource's operations; each is declared in its own file. */
export const messageOperations = [
	send,
	sendToHandles,
	sendAndWait,
	get,
	getMany,
	getThread,
	edit,
	deleteMessage,
	react,
	updateAppCard,
];
