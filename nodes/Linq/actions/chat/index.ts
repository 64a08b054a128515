import addParticipant from './addParticipant.operation';
import create from './create.operation';
import get from './get.operation';
import getLocation from './getLocation.operation';
import getMany from './getMany.operation';
import leaveChat from './leaveChat.operation';
import markAsRead from './markAsRead.operation';
import removeParticipant from './removeParticipant.operation';
import requestLocation from './requestLocation.operation';
import sendVoiceMemo from './sendVoiceMemo.operation';
import shareContactCard from './shareContactCard.operation';
import startTyping from './startTyping.operation';
import stopTyping from './stopTyping.operation';
import update from './update.operation';

/** The Chat resource's operations; each is declared in its own file. */
export const chatOperations = [
	create,
	get,
	getMany,
	update,
	markAsRead,
	startTyping,
	stopTyping,
	shareContactCard,
	addParticipant,
	removeParticipant,
	leaveChat,
	requestLocation,
	getLocation,
	sendVoiceMemo,
];
