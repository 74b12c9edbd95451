import { isObject } from './own-property.js';

/** A decK plugin entry and the entities a top-level plugin names (writer.go: by name, or id with --with-id). */
export interface KongPlugin {
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  service?: string;
  route?: string;
  consumer?: string;
  consumerGroup?: string;
}

const refOf = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  if (isObject(v)) {
    const ref = v.name ?? v.username ?? v.id;
    return typeof ref === 'string' ? ref : undefined;
  }
  return undefined;
};

/** Plugins of a list, skipping entries that are not objects with a name (decK never writes those). */
export function kongPlugins(list: unknown): KongPlugin[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).flatMap((p) => {
    if (typeof p.name !== 'string') return [];
    const plugin: KongPlugin = { name: p.name, enabled: p.enabled !== false, config: isObject(p.config) ? p.config : {} };
    const service = refOf(p.service);
    const route = refOf(p.route);
    const consumer = refOf(p.consumer);
    const consumerGroup = refOf(p.consumer_group);
    if (service !== undefined) plugin.service = service;
    if (route !== undefined) plugin.route = route;
    if (consumer !== undefined) plugin.consumer = consumer;
    if (consumerGroup !== undefined) plugin.consumerGroup = consumerGroup;
    return [plugin];
  });
}

export const isGlobal = (p: KongPlugin): boolean =>
  p.service === undefined && p.route === undefined && p.consumer === undefined && p.consumerGroup === undefined;

export const isRateLimit = (p: KongPlugin): boolean => p.name === 'rate-limiting' || p.name === 'rate-limiting-advanced';

/** Names an entity goes by in references: name (or username) and id. */
export const refsOf = (entity: Record<string, unknown>, ...fields: string[]): string[] =>
  fields.map((f) => entity[f]).filter((v): v is string => typeof v === 'string' && v !== '');
