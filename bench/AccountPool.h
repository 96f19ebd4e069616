#pragma once

#include <QString>
#include <QUuid>

#include <random>
#include <utility>

namespace billing::bench {

// The benchmark's USER accounts, named by index, and the random pairs that transfers run between.
// Ids are UUIDs derived from the index, so they are as long as the desk's own ids (which matters
// for memory) without the benchmark holding a list of them, and both ledgers get the same ones.
// Two pools with the same seed give the same sequence of pairs.
class AccountPool
{
public:
    AccountPool(qint64 count, quint64 seed);

    qint64 count() const { return m_count; }
    QString id(qint64 index) const;
    // Two different accounts, uniformly chosen.
    std::pair<QString, QString> randomPair();

private:
    qint64 m_count;
    QUuid m_namespace;
    std::mt19937_64 m_random;
};

} // namespace billing::bench
