import { chatMethods } from './chat.js';
import type { Method } from './context.js';
import { fileMethods } from './files.js';
import { peopleMethods } from './people.js';
import { viewMethods } from './views.js';

/** Every Web API method the fake answers; any other name gets `unknown_method`. */
export const METHODS: Record<string, Method> = {
  ...chatMethods,
  ...peopleMethods,
  ...viewMethods,
  ...fileMethods,
};
