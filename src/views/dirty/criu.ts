// What a checkpoint tool cannot do: CRIU refuses to dump a process that itself holds a
// userfaultfd (checkpoint-restore/criu issue #2021, open since 2022-12).
export const CRIU_UFFD_REFUSAL = {
  command: 'criu dump -t <pid> --shell-job',
  error: "Error (criu/files-ext.c:94): Can't dump file 3 of that type [600] (anon anon_inode:[userfaultfd])",
  source: 'checkpoint-restore/criu issue #2021, "CRIU unable to dump a process which is monitored by userfaultfd" (2022-12-12, open)',
  why: 'CRIU dumps each open file by type and has no dumper for a userfaultfd: the registered ranges, pending faults and the handler thread cannot be recreated. So a process that tracks its own dirty pages with uffd-wp, or a VMM doing post-copy, cannot itself be checkpointed by CRIU.',
};
