import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose entry is `name` beside the module at `moduleUrl` (its
 * import.meta.url): its built .js, or, when the bot runs from its TypeScript sources (tests), the
 * .ts file through the loader hooks in scripts/ts-worker-hooks.mjs.
 */
export function startThread(moduleUrl: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!moduleUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, moduleUrl), { workerData, ...limits });
  const script = new URL(`./${name}.ts`, moduleUrl);
  const hooks = new URL('../scripts/ts-worker-hooks.mjs', import.meta.url);
  const code = `import('node:module').then((m) => m.register(${JSON.stringify(hooks.href)})).then(() => import(${JSON.stringify(script.href)}))`;
  return new Worker(code, { eval: true, workerData, ...limits });
}
