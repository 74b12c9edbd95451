import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeNoticeView, homeView } from '../blocks/home-view.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

/** `app_home_opened`: publishes the person's Home tab; if it cannot be built, a tab saying why. */
export const appHomeOpened =
  (deps: ListenerDeps) =>
  async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const publish = (view: ReturnType<typeof homeView>) =>
      client.views.publish({ user_id: event.user, view }).catch((err) => deps.log.warn({ err }, 'App Home not published'));
    const reply = (message: string) => publish(homeNoticeView(message));
    await replyOnError(reply, deps, { lane: 'clicks', user: event.user, inline: true }, async () => {
      await publish(homeView(event.user, await deps.workflows.home(event.user)));
    });
  };
