#pragma once

namespace billing::sqlite {

// SQLite writes a commit's WAL frames one system call per header and one per page: a transfer's
// ~30 frames cost 60 pwrite() calls, a tenth of a durable commit on a 2-core machine.
// This installs, once per process and as the default, a VFS that forwards everything to the
// platform's own but holds a connection's contiguous WAL writes in memory and writes them as
// one run (in 64 KiB calls) before anything can depend on them being in the file:
//  - with the page of a commit frame, inside that write: its failure fails the commit, and no
//    commit is published (the WAL index header) before its frames are in the file, at any
//    synchronous level and with the WAL index in heap memory (exclusive locking mode);
//  - before the WAL is synced, read, sized, truncated, locked, controlled or closed, and at the
//    database file's shared-memory calls (SQLite's WAL index lives there);
//  - before a write lands anywhere but right after the held run, so writes keep their order.
// What fails to be written is dropped with the transaction SQLite then ends. A process that dies
// with frames held loses only a transaction that had not committed.
void useBufferedWalWrites();

} // namespace billing::sqlite
