#include "AccountPool.h"

#include <QtGlobal>

namespace billing::bench {

AccountPool::AccountPool(qint64 count, quint64 seed)
    : m_count(count)
    , m_namespace(QStringLiteral("{8d3f2a61-51c4-4f0e-9a37-2c6b1e7d4f90}"))
    , m_random(seed)
{
    Q_ASSERT(count >= 2);
}

QString AccountPool::id(qint64 index) const
{
    return QUuid::createUuidV5(m_namespace, QString::number(index)).toString(QUuid::WithoutBraces);
}

std::pair<QString, QString> AccountPool::randomPair()
{
    std::uniform_int_distribution<qint64> any(0, m_count - 1);
    const qint64 from = any(m_random);
    // Drawing from the other count - 1 accounts and skipping `from` keeps the pair uniform.
    std::uniform_int_distribution<qint64> other(0, m_count - 2);
    qint64 to = other(m_random);
    if (to >= from)
        ++to;
    return {id(from), id(to)};
}

} // namespace billing::bench
