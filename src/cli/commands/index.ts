// One entry per `sim` command; each lives in its own file beside this one.
import type { CliCommand } from '../command';
import { runCommand } from './run';
import { namespaceCommand } from './namespace';
import { layoutCommand } from './layout';
import { importCommand } from './import';
import { luoCommand } from './luo';
import { dirtyCommand } from './dirty';
import { precopyCommand } from './precopy';

export const commands: CliCommand[] = [runCommand, namespaceCommand, layoutCommand, importCommand, luoCommand, dirtyCommand, precopyCommand];
