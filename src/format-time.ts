/** Times in messages: minutes, UTC, unambiguous for a team across time zones. */
export const formatTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
