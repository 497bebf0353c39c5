#ifndef SWIFTLAKE_CFILESYNC_H
#define SWIFTLAKE_CFILESYNC_H

/// Flushes every dirty file and all metadata of the file system holding `fd` and waits for the
/// disk (Linux `syncfs`; it reports write-back errors seen since `fd` was opened). Returns 0, or
/// -1 with errno set; elsewhere it does nothing and returns -1 with ENOSYS.
int swiftlake_sync_file_system(int fd);

/// Whether ``swiftlake_sync_file_system`` is available on this system (1) or not (0).
int swiftlake_can_sync_file_system(void);

#endif
