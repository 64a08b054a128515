import create from './create.operation';
import get from './get.operation';
import update from './update.operation';

/** The Contact Card resource's operations; each is declared in its own file. */
export const contactCardOperations = [get, create, update];
