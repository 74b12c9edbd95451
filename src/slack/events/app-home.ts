import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from '../blocks/home-view.js';
import type { ListenerDeps } from '../listener-deps.js';

/** `app_home_opened`: publishes the person's Home tab. */
export const appHomeOpened =
  (deps: ListenerDeps) =>
  async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const data = await deps.workflows.home(event.user);
    await client.views
      .publish({ user_id: event.user, view: homeView(event.user, data) })
      .catch((err) => deps.log.warn({ err }, 'App Home not published'));
  };
