import type { WorkflowDefinition } from './definition.js';

/** Every request kind the bot runs. */
export const WORKFLOWS: readonly WorkflowDefinition[] = [];
