import { COMMAND_NAMES, remoteCommand, type CommandName, type RemoteCommand } from '../sources/mac/ssh/commands.js';

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/** The allow-listed command for a runbook step's probe, or why it cannot run on the Mac. */
export function stepCommand(probe: string | undefined): RemoteCommand | string {
  if (probe === undefined) return 'not a probe trustline runs on the Mac: run it yourself (c copies it)';
  if (!isCommandName(probe)) return `"${probe}" is not an allow-listed probe: run it yourself (c copies it)`;
  return remoteCommand(probe);
}
