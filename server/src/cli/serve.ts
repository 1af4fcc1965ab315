import { loadConfig } from '../config';
import { start, stopOnSignals } from '../index';
import { runCli } from './run';

/** `npm run serve`: the built server with the settings in the environment; builds and seeds nothing. */
runCli(async () => {
  const config = loadConfig(process.env);
  const running = await start(config, { migrate: false });
  running.log.info({ port: running.port, sms: config.sms.provider, production: config.production }, 'listening');
  stopOnSignals(running);
});
