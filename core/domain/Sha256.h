#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>

#include <optional>

namespace billing {

// SHA-256 for the hash chain and the idempotency payload hash: every event and every command
// is hashed, and Qt 6.4's portable SHA-256 cost more than all of SQLite's work on a transfer.
// With the x86 SHA extensions (most x86-64 processors since 2016) the blocks are compressed
// by the processor; elsewhere QCryptographicHash does the work. The digest is the same.
class Sha256
{
public:
    Sha256();
    void addData(QByteArrayView bytes);
    // The 32-byte digest; the object is spent afterwards.
    QByteArray result();

    static QByteArray hash(QByteArrayView bytes);
    // Whether this processor takes the accelerated way (for benchmarks and tests).
    static bool accelerated();

private:
    void compress(const uchar *blocks, qsizetype count);

    std::optional<QCryptographicHash> m_portable;
    quint32 m_state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                          0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    uchar m_buffer[64] = {};
    qsizetype m_buffered = 0;
    quint64 m_length = 0;
};

} // namespace billing
