#include "KafkaLogScan.h"

#include "EventCodec.h"
#include "domain/ReasonCode.h"

#include <QDeadlineTimer>

#include <algorithm>

#include <librdkafka/rdkafkacpp.h>

namespace billing {
namespace {

Error failure(const QString &message)
{
    return Error{reason::storageFailure, message, QStringLiteral("store")};
}

} // namespace

Result<std::unique_ptr<KafkaLogScan>>
KafkaLogScan::open(const KafkaSettings &settings,
                   const std::vector<std::pair<std::string, int>> &partitions)
{
    Result<std::unique_ptr<RdKafka::KafkaConsumer>> consumer = kafka::openEventReader(settings);
    if (!consumer.ok())
        return consumer.error();
    std::unique_ptr<KafkaLogScan> scan(new KafkaLogScan());
    scan->m_consumer = std::move(consumer.value());
    scan->m_partitions = partitions;
    if (Status started = scan->startAt({}); !started.ok())
        return started.error();
    return scan;
}

KafkaLogScan::~KafkaLogScan()
{
    if (m_consumer)
        m_consumer->close();
}

Status KafkaLogScan::startAt(const LogCheckpoint &checkpoint)
{
    BILLING_ASSERT(checkpoint.offsets.empty() || checkpoint.offsets.size() == m_partitions.size());
    std::vector<RdKafka::TopicPartition *> assignment;
    for (size_t i = 0; i < m_partitions.size(); ++i)
        assignment.push_back(RdKafka::TopicPartition::create(
            m_partitions[i].first, m_partitions[i].second,
            checkpoint.offsets.empty() ? RdKafka::Topic::OFFSET_BEGINNING : checkpoint.offsets[i]));
    const RdKafka::ErrorCode assigned = m_consumer->assign(assignment);
    RdKafka::TopicPartition::destroy(assignment);
    if (assigned != RdKafka::ERR_NO_ERROR)
        return failure(
            QStringLiteral("assign: %1").arg(QString::fromStdString(RdKafka::err2str(assigned))));
    m_ahead.clear();
    m_chained = checkpoint.position;
    m_lastHash = checkpoint.hash;
    return Done{};
}

Result<QList<EventEnvelope>> KafkaLogScan::read(qint64 after, int limit, qint64 upTo,
                                                const QList<LogCheckpoint> &checkpoints,
                                                SourceRecords &records)
{
    BILLING_ASSERT(after >= 0 && limit > 0);
    records.clear();
    // The last checkpoint at or before `after`; none: the beginning.
    const auto later = std::upper_bound(
        checkpoints.cbegin(), checkpoints.cend(), after,
        [](qint64 position, const LogCheckpoint &each) { return position < each.position; });
    const LogCheckpoint start = later == checkpoints.cbegin() ? LogCheckpoint{} : *(later - 1);
    if (after < m_chained || m_chained < start.position) {
        if (Status started = startAt(start); !started.ok())
            return started.error();
    }
    // Never paused: paused and resumed after each page, a fold waited for fetches most of
    // the time (and resuming a partition that is not paused fetches it again from the start).
    // What the consumer fetches ahead is bounded by librdkafka's queue, and the next read
    // usually continues this one.
    return readChained(after, limit, upTo, records);
}

Result<QList<EventEnvelope>> KafkaLogScan::readChained(qint64 after, int limit, qint64 upTo,
                                                       SourceRecords &records)
{
    QList<EventEnvelope> events;
    QDeadlineTimer stalled(m_stalledMs);
    while (events.size() < limit && m_chained < upTo) {
        if (auto next = m_ahead.find(m_chained + 1); next != m_ahead.end()) {
            if (codec::chainHash(m_lastHash, codec::canonicalBytes(next->event)) !=
                next->event.hash)
                return Error{reason::ledgerTampered,
                             QStringLiteral("the hash chain breaks at position %1")
                                 .arg(next->event.position),
                             QStringLiteral("position"), next->event.position};
            m_lastHash = next->event.hash;
            ++m_chained;
            if (m_chained > after) {
                records.insert(m_chained, next->record);
                events.append(std::move(next->event));
            }
            m_ahead.erase(next);
            continue;
        }
        if (stalled.hasExpired())
            return failure(QStringLiteral("reading the event topics again: nothing for %1 ms "
                                          "while position %2 was due")
                               .arg(m_stalledMs)
                               .arg(m_chained + 1));
        const std::unique_ptr<RdKafka::Message> message(m_consumer->consume(100));
        if (message->err() == RdKafka::ERR__TIMED_OUT ||
            message->err() == RdKafka::ERR__PARTITION_EOF)
            continue;
        if (message->err() != RdKafka::ERR_NO_ERROR)
            return failure(QStringLiteral("reading events: %1")
                               .arg(QString::fromStdString(message->errstr())));
        ++m_recordsRead;
        Result<kafka::EventRecord> record = kafka::eventRecord(*message);
        if (!record.ok())
            return record.error();
        stalled = QDeadlineTimer(m_stalledMs);
        const qint64 position = record.value().event.position;
        // A copy of an event read before (one written again by hand) changes nothing: the
        // first record of a position is the one the chain was checked with, as in the log.
        if (position > m_chained && !m_ahead.contains(position))
            m_ahead.insert(position, record.value());
    }
    return events;
}

} // namespace billing
