export type TykServiceName = 'gateway' | 'dashboard' | 'portal';

/**
 * The short name of a Tyk API for metric labels and /readyz, from the product name its client
 * reports ('Tyk Gateway', 'Tyk Dashboard', 'Tyk Dashboard admin API', 'Tyk Portal'): the admin
 * API is served by the Dashboard, so it counts as the Dashboard.
 */
export function tykServiceName(service: string): TykServiceName | undefined {
  if (service.startsWith('Tyk Gateway')) return 'gateway';
  if (service.startsWith('Tyk Dashboard')) return 'dashboard';
  if (service.startsWith('Tyk Portal')) return 'portal';
  return undefined;
}
