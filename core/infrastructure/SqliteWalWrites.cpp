#include "SqliteWalWrites.h"

#include "domain/Invariant.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

namespace billing::sqlite {
namespace {

// The unix VFS writes at most 128 KiB - 1 bytes per call (it masks the length: a write of
// 128 KiB writes nothing and reads as SQLITE_FULL).
constexpr size_t writeChunk = size_t(64) * 1024;
// A large transaction (an import batch) is written out as it goes rather than held whole.
constexpr size_t heldLimit = size_t(1024) * 1024;

sqlite3_vfs *g_platform = nullptr;
sqlite3_vfs g_buffered;

// SQLite allocates szOsFile bytes per open file: this header, then the platform's own file.
struct BufferedFile
{
    sqlite3_file base;       // must come first: SQLite sees this
    BufferedFile *wal;       // a database file: its connection's WAL, while open
    BufferedFile *db;        // a WAL: its database file
    std::vector<char> *held; // a WAL's frames not yet written; null for other files
    sqlite3_int64 heldAt;
    bool commitPageNext; // the last write was a commit frame's header

    sqlite3_file *platform() { return reinterpret_cast<sqlite3_file *>(this + 1); }
};
static_assert(sizeof(BufferedFile) % 8 == 0, "the platform's file must stay aligned");

BufferedFile *of(sqlite3_file *file)
{
    return reinterpret_cast<BufferedFile *>(file);
}

sqlite3_file *platform(sqlite3_file *file)
{
    return of(file)->platform();
}

int writeHeld(BufferedFile *file)
{
    if (!file || !file->held || file->held->empty())
        return SQLITE_OK;
    sqlite3_file *real = file->platform();
    std::vector<char> &held = *file->held;
    int rc = SQLITE_OK;
    for (size_t done = 0; done < held.size() && rc == SQLITE_OK; done += writeChunk) {
        const size_t size = std::min(writeChunk, held.size() - done);
        rc = real->pMethods->xWrite(real, held.data() + done, int(size),
                                    file->heldAt + sqlite3_int64(done));
    }
    // Dropped also when a write failed: SQLite ends the transaction those frames belong to and
    // writes again whatever it still needs. Written later, a failed commit's frames could come
    // back as committed in a recovery, or land on frames another process wrote there since.
    held.clear();
    return rc;
}

// A WAL frame's header is 24 bytes; bytes 4 to 7 hold the database size after a commit, and
// are zero in every other frame.
bool isCommitFrameHeader(const void *bytes, int size, sqlite3_int64 offset)
{
    constexpr sqlite3_int64 walHeaderSize = 32;
    if (size != 24 || offset < walHeaderSize)
        return false;
    const auto *header = static_cast<const unsigned char *>(bytes);
    return (header[4] | header[5] | header[6] | header[7]) != 0;
}

int xClose(sqlite3_file *file)
{
    BufferedFile *self = of(file);
    const int written = writeHeld(self);
    if (self->db && self->db->wal == self)
        self->db->wal = nullptr;
    if (self->wal)
        self->wal->db = nullptr;
    delete self->held;
    self->held = nullptr;
    const int closed = platform(file)->pMethods->xClose(platform(file));
    return written != SQLITE_OK ? written : closed;
}

int xRead(sqlite3_file *file, void *into, int size, sqlite3_int64 offset)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xRead(platform(file), into, size, offset);
}

int xWrite(sqlite3_file *file, const void *from, int size, sqlite3_int64 offset)
{
    BufferedFile *self = of(file);
    if (!self->held)
        return platform(file)->pMethods->xWrite(platform(file), from, size, offset);
    std::vector<char> &held = *self->held;
    if (!held.empty() && offset != self->heldAt + sqlite3_int64(held.size())) {
        if (const int rc = writeHeld(self); rc != SQLITE_OK)
            return rc;
    }
    if (held.empty())
        self->heldAt = offset;
    const char *bytes = static_cast<const char *>(from);
    held.insert(held.end(), bytes, bytes + size);
    // A commit frame's page is written out before the write returns: SQLite makes no other
    // call that could report a failure before it publishes the commit, and at
    // synchronous=NORMAL (or with the WAL index in heap memory) nothing syncs before that.
    const bool commitPage = std::exchange(self->commitPageNext, false);
    if (commitPage || held.size() >= heldLimit)
        return writeHeld(self);
    self->commitPageNext = isCommitFrameHeader(from, size, offset);
    return SQLITE_OK;
}

int xTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xTruncate(platform(file), size);
}

int xSync(sqlite3_file *file, int flags)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xSync(platform(file), flags);
}

int xFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xFileSize(platform(file), size);
}

int xLock(sqlite3_file *file, int level)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xLock(platform(file), level);
}

int xUnlock(sqlite3_file *file, int level)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xUnlock(platform(file), level);
}

int xCheckReservedLock(sqlite3_file *file, int *reserved)
{
    return platform(file)->pMethods->xCheckReservedLock(platform(file), reserved);
}

int xFileControl(sqlite3_file *file, int op, void *argument)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xFileControl(platform(file), op, argument);
}

int xSectorSize(sqlite3_file *file)
{
    return platform(file)->pMethods->xSectorSize(platform(file));
}

int xDeviceCharacteristics(sqlite3_file *file)
{
    return platform(file)->pMethods->xDeviceCharacteristics(platform(file));
}

// The shared-memory calls come to the database file; the frames they publish are its WAL's.
int xShmMap(sqlite3_file *file, int page, int pageSize, int extend, void volatile **mapped)
{
    return platform(file)->pMethods->xShmMap(platform(file), page, pageSize, extend, mapped);
}

int xShmLock(sqlite3_file *file, int offset, int count, int flags)
{
    const int written = writeHeld(of(file)->wal);
    // SQLite does not look at an unlock's result: the lock goes whatever happened.
    if (written != SQLITE_OK && (flags & SQLITE_SHM_UNLOCK) == 0)
        return written;
    const int rc = platform(file)->pMethods->xShmLock(platform(file), offset, count, flags);
    return written != SQLITE_OK ? written : rc;
}

void xShmBarrier(sqlite3_file *file)
{
    // A backstop: the commit frame was written out with its page (xWrite), so nothing is held
    // when SQLite publishes a commit. Should it be, there is no way to report a failure here,
    // and publishing a frame that is not in the file would let readers see an older one.
    const int written = writeHeld(of(file)->wal);
    BILLING_ASSERT(written == SQLITE_OK);
    platform(file)->pMethods->xShmBarrier(platform(file));
}

int xShmUnmap(sqlite3_file *file, int deleteFlag)
{
    // SQLite does not look at the result either: the mapping goes whatever happened.
    const int written = writeHeld(of(file)->wal);
    const int rc = platform(file)->pMethods->xShmUnmap(platform(file), deleteFlag);
    return written != SQLITE_OK ? written : rc;
}

int xFetch(sqlite3_file *file, sqlite3_int64 offset, int size, void **pages)
{
    if (const int rc = writeHeld(of(file)); rc != SQLITE_OK)
        return rc;
    return platform(file)->pMethods->xFetch(platform(file), offset, size, pages);
}

int xUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *pages)
{
    return platform(file)->pMethods->xUnfetch(platform(file), offset, pages);
}

const sqlite3_io_methods g_methods = {3,
                                      xClose,
                                      xRead,
                                      xWrite,
                                      xTruncate,
                                      xSync,
                                      xFileSize,
                                      xLock,
                                      xUnlock,
                                      xCheckReservedLock,
                                      xFileControl,
                                      xSectorSize,
                                      xDeviceCharacteristics,
                                      xShmMap,
                                      xShmLock,
                                      xShmBarrier,
                                      xShmUnmap,
                                      xFetch,
                                      xUnfetch};

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    BufferedFile *self = of(file);
    self->base.pMethods = nullptr; // until the platform's file is open: SQLite closes only then
    const int rc = g_platform->xOpen(g_platform, name, self->platform(), flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    // Every file this VFS opens gets these methods, so the shared-memory calls can find the WAL.
    BILLING_ASSERT(self->platform()->pMethods && self->platform()->pMethods->iVersion >= 3);
    self->wal = nullptr;
    self->db = nullptr;
    self->held = nullptr;
    self->heldAt = 0;
    self->commitPageNext = false;
    // The WAL's name leads to its database file's object: buffered only when this VFS opened
    // that too (its shared-memory calls must find the WAL).
    sqlite3_file *database =
        (flags & SQLITE_OPEN_WAL) != 0 && name ? sqlite3_database_file_object(name) : nullptr;
    if (database && database->pMethods == &g_methods) {
        BILLING_ASSERT(!of(database)->wal);
        self->held = new std::vector<char>();
        self->db = of(database);
        self->db->wal = self;
    }
    self->base.pMethods = &g_methods;
    return SQLITE_OK;
}

} // namespace

void useBufferedWalWrites()
{
    static std::once_flag installed;
    std::call_once(installed, [] {
        g_platform = sqlite3_vfs_find(nullptr);
        BILLING_ASSERT(g_platform);
        g_buffered = *g_platform;
        g_buffered.szOsFile = int(sizeof(BufferedFile)) + g_platform->szOsFile;
        g_buffered.zName = "billing-buffered-wal";
        g_buffered.pNext = nullptr;
        g_buffered.xOpen = xOpen;
        const int rc = sqlite3_vfs_register(&g_buffered, 1);
        BILLING_ASSERT(rc == SQLITE_OK);
    });
}

} // namespace billing::sqlite
