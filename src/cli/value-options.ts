/** The usage text of a credential command: its synopsis, what it does, and where the new value goes. */
export const credentialUsage = (
  synopsis: string,
  what: string,
): string => `Usage: tyk-keybot ${synopsis} [--reason "…"] [--secret-file PATH] [--json]
${what}
The new value goes to --secret-file (created with mode 0600, never overwritten), or to stdout when
stdout is a terminal; otherwise the command refuses before doing anything. --json prints
{request_id, status, …ids, fingerprint_of_new_value}, never the value.`;
