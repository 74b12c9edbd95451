/** What a method answers: Slack's Web API says ok/error in the body, with HTTP 200 either way. */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export const ok = (body: Record<string, unknown> = {}): Reply => ({ status: 200, body: { ok: true, ...body } });

export const fail = (error: string, extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { ok: false, error, ...extra },
});

/** Block Kit problems come back both as `errors` and as `[ERROR]` lines in response_metadata. */
export const blockProblems = (error: string, problems: string[], withErrors: boolean): Reply =>
  fail(error, {
    ...(withErrors ? { errors: problems } : {}),
    response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
  });
