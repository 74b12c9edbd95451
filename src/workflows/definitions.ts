import type { WorkflowDefinition } from './definition.js';
import { rotateKeyWorkflow } from './rotate-key/definition.js';
import { extendGraceWorkflow } from './rotate-key/extend-grace.js';

/** Every request kind the bot runs. */
export const WORKFLOWS: readonly WorkflowDefinition[] = [rotateKeyWorkflow, extendGraceWorkflow];
