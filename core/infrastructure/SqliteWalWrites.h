#pragma once

namespace billing::sqlite {

// SQLite writes a commit's WAL frames one system call per header and one per page: a transfer's
// ~30 frames cost 60 pwrite() calls, about a third of a durable commit on a 2-core machine.
// This installs, once per process and as the default, a VFS that forwards everything to the
// platform's own but holds a connection's contiguous WAL writes in memory and writes them as
// one run (in 64 KiB calls) before anything can depend on them being in the file:
//  - before the WAL is synced, read, sized, truncated, locked, controlled or closed;
//  - before a write lands anywhere but right after the held run (writes stay in their order);
//  - at the database file's shared-memory barrier and locks: SQLite publishes new frames to
//    other connections only by writing the WAL index header around a barrier, so no reader can
//    see a frame that is not in the file (this matters at synchronous=NORMAL, where a commit
//    does not sync the WAL).
// A process that dies with frames held loses only a transaction that had not committed.
void useBufferedWalWrites();

} // namespace billing::sqlite
