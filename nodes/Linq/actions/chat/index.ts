import addParticipant from './addParticipant.operation';
import leaveChat from './leaveChat.operation';
import removeParticipant from './removeParticipant.operation';

/** The Chat resource's operations; each is declared in its own file. */
export const chatOperations = [addParticipant, removeParticipant, leaveChat];
