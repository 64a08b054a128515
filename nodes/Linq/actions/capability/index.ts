import checkImessage from './checkImessage.operation';
import checkRcs from './checkRcs.operation';

/** The Capability resource's operations; each is declared in its own file. */
export const capabilityOperations = [checkImessage, checkRcs];
