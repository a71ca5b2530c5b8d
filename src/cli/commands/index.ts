// One entry per `sim` command; each lives in its own file beside this one.
import type { CliCommand } from '../command';
import { runCommand } from './run';

export const commands: CliCommand[] = [runCommand];
