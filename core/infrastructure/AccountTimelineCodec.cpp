#include "AccountTimelineCodec.h"

#include "UnitsStream.h"

#include <QDataStream>
#include <QIODevice>

namespace billing {
namespace {

constexpr quint32 magic = 0x424c4154; // "BLAT": Billing Ledger Account Timeline

} // namespace

QByteArray AccountTimelineCodec::encode(const AccountTimeline &timeline)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << magic << formatVersion << timeline.m_position << timeline.m_lastHash;
    out << qint64(timeline.m_facts.size());
    for (const AccountFacts &facts : timeline.m_facts)
        out << facts.id << facts.ownerId << facts.currency << quint8(facts.type) << facts.openedAt;
    out << qint64(timeline.m_steps.size());
    for (const AccountTimeline::Step &step : timeline.m_steps) {
        out << step.position << step.account << step.previous << quint8(step.status);
        writeUnits(out, step.balance);
    }
    return bytes;
}

std::optional<AccountTimeline> AccountTimelineCodec::decode(const QByteArray &bytes,
                                                            qint64 checkpointEvery)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 readMagic = 0;
    qint32 version = 0;
    AccountTimeline timeline(checkpointEvery);
    in >> readMagic >> version;
    if (readMagic != magic || version != formatVersion)
        return std::nullopt;
    in >> timeline.m_position >> timeline.m_lastHash;
    qint64 accounts = 0;
    in >> accounts;
    if (in.status() != QDataStream::Ok || accounts < 0 || accounts > bytes.size())
        return std::nullopt;
    timeline.m_facts.reserve(accounts);
    timeline.m_rows.reserve(accounts);
    for (qint64 row = 0; row < accounts; ++row) {
        AccountFacts facts;
        quint8 type = 0;
        in >> facts.id >> facts.ownerId >> facts.currency >> type >> facts.openedAt;
        if (in.status() != QDataStream::Ok || type > quint8(AccountType::System))
            return std::nullopt;
        facts.type = AccountType(type);
        timeline.m_rows.insert(facts.id, qint32(row));
        timeline.m_facts.append(std::move(facts));
    }
    qint64 steps = 0;
    in >> steps;
    if (in.status() != QDataStream::Ok || steps < 0 || steps > bytes.size())
        return std::nullopt;
    timeline.m_steps.reserve(size_t(steps));
    timeline.m_heads.assign(size_t(accounts), -1);
    qint64 lastPosition = 0;
    for (qint64 index = 0; index < steps; ++index) {
        AccountTimeline::Step step{};
        quint8 status = 0;
        in >> step.position >> step.account >> step.previous >> status;
        // Steps are in log order, each naming a known account and that account's step before.
        if (in.status() != QDataStream::Ok || step.position < lastPosition ||
            step.position > timeline.m_position || step.account < 0 || step.account >= accounts ||
            step.previous != timeline.m_heads[size_t(step.account)] ||
            status > quint8(AccountStatus::Closed) || !readUnits(in, step.balance))
            return std::nullopt;
        step.status = AccountStatus(status);
        timeline.checkpointUpTo(step.position - 1);
        timeline.m_heads[size_t(step.account)] = qint32(index);
        timeline.m_steps.push_back(step);
        lastPosition = step.position;
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    timeline.checkpointUpTo(timeline.m_position);
    return timeline;
}

} // namespace billing
