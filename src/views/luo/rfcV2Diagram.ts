// The LUO RFC v2 global state machine as drawn (../shared/reference/luo-kho.md §1.1): the
// forward path left to right, cancel back over the top, finish back along the bottom.
type Side = 'Top' | 'Right' | 'Bottom' | 'Left';

export const RFC_V2_STATES = [
  { id: 'normal', label: 'NORMAL', position: { x: 0, y: 90 }, summary: 'the system runs normally; files and subsystems may be registered for preservation.' },
  { id: 'prepared', label: 'PREPARED', position: { x: 190, y: 90 }, summary: 'prepare() callbacks have serialized state while the workload still runs; heavy work happens here, before the blackout.' },
  { id: 'frozen', label: 'FROZEN', position: { x: 380, y: 90 }, summary: 'freeze() callbacks ran just before kexec: the blackout has begun and state must not change.' },
  { id: 'updated', label: 'UPDATED', position: { x: 570, y: 90 }, summary: 'the next kernel booted with the preserved state; userspace restores its files, then sends finish.' },
] as const;

export const RFC_V2_TRANSITIONS: { from: string; to: string; event: string; out: Side; in: Side }[] = [
  { from: 'normal', to: 'prepared', event: 'prepare', out: 'Right', in: 'Left' },
  { from: 'prepared', to: 'frozen', event: 'freeze', out: 'Right', in: 'Left' },
  { from: 'frozen', to: 'updated', event: 'kexec', out: 'Right', in: 'Left' },
  { from: 'prepared', to: 'normal', event: 'cancel', out: 'Top', in: 'Top' },
  { from: 'frozen', to: 'normal', event: 'cancel', out: 'Top', in: 'Top' },
  { from: 'updated', to: 'normal', event: 'finish', out: 'Bottom', in: 'Bottom' },
];
