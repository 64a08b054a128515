import findAvailable from './findAvailable.operation';
import getMany from './getMany.operation';
import update from './update.operation';

/** The Phone Number resource's operations; each is declared in its own file. */
export const phoneNumberOperations = [getMany, update, findAvailable];
