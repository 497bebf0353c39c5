#ifndef SWIFTLAKE_CFILESYNC_H
#define SWIFTLAKE_CFILESYNC_H

/// Starts writing a file's dirty pages to disk without waiting (Linux `sync_file_range` with
/// SYNC_FILE_RANGE_WRITE), so the data of a batch's files is in flight before the first
/// `fsync` waits. Returns 0, or -1 with errno set; elsewhere it does nothing and returns 0.
int swiftlake_start_writeback(int fd);

#endif
