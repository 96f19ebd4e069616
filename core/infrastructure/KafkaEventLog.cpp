#include "KafkaEventLog.h"

#include "EventCodec.h"
#include "KafkaDeliveries.h"
#include "KafkaLogScan.h"
#include "domain/LedgerState.h"
#include "domain/ReasonCode.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <limits>

#include <librdkafka/rdkafkacpp.h>

namespace billing {
namespace {

constexpr int readToEndMs = 30000;
constexpr int watermarkSliceMs = 1000;
constexpr int transactionCallMs = 30000;
// A snapshot's place lies at most a checkpoint's distance before it (readPointAtOrBefore());
// the check reads that far, and gives up soon on topics that do not hold it.
constexpr qint64 readCheckMax = 100000;
constexpr int readCheckStallMs = 5000;

Error failure(const QString &message)
{
    return Error{reason::storageFailure, message, QStringLiteral("store")};
}

// The log is not what was written: every reader refuses it, naming the first bad event.
Error tampered(qint64 position, const QString &what)
{
    return Error{reason::ledgerTampered, what.arg(position), QStringLiteral("position"), position};
}

Error conflict(const QString &message)
{
    return Error{reason::concurrencyConflict, message, {}};
}

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

} // namespace

KafkaEventLog::KafkaEventLog(KafkaSettings settings)
    : m_settings(std::move(settings))
{}

KafkaEventLog::~KafkaEventLog()
{
    // See abortAfter(): fenced producers are not destroyed.
    for (std::unique_ptr<RdKafka::Producer> &fenced : m_fencedProducers)
        (void)fenced.release();
    if (m_consumer)
        m_consumer->close();
    RdKafka::TopicPartition::destroy(m_partitions);
}

Result<std::unique_ptr<KafkaEventLog>>
KafkaEventLog::open(const KafkaSettings &settings, const QString &transactionalId, WriterMode mode)
{
    std::unique_ptr<KafkaEventLog> log(new KafkaEventLog(settings));
    log->m_transactionalId = transactionalId;
    log->m_mode = mode;
    if (Status done = log->openConsumer(); !done.ok())
        return done.error();
    // The producer first: its init_transactions() fences an older writer and aborts that
    // writer's open transaction, so the read after it sees everything that will ever commit
    // before this writer's own transactions.
    if (!transactionalId.isEmpty() && mode == WriterMode::Exclusive) {
        if (Status done = log->openProducer(transactionalId); !done.ok())
            return done.error();
    }
    // The log is read by the first read(), page by page, so that a reader folding it from the
    // start reads it once while this log keeps only its newest events.
    return log;
}

QString KafkaEventLog::location() const
{
    return QStringLiteral("kafka:") + m_settings.bootstrap;
}

bool KafkaEventLog::untouched() const
{
    return m_paused && !m_readToEnd && m_contiguous == 0 && m_forgotten == 0 &&
           m_events.isEmpty() && !m_refused;
}

std::optional<std::vector<int64_t>>
KafkaEventLog::offsetsByPartition(const QList<SourceOffset> &offsets) const
{
    std::vector<int64_t> byPartition(m_partitions.size(), RdKafka::Topic::OFFSET_BEGINNING);
    bool named = false;
    for (const SourceOffset &offset : offsets) {
        const qsizetype i = partitionOf(SourceRecord{offset.topic, offset.partition, 0});
        if (i < 0 || offset.nextOffset < 0)
            continue;
        byPartition[size_t(i)] = offset.nextOffset;
        named = true;
    }
    if (!named)
        return std::nullopt;
    return byPartition;
}

QList<LogCheckpoint>::const_iterator KafkaEventLog::checkpointAfter(qint64 position) const
{
    return std::upper_bound(
        m_checkpoints.cbegin(), m_checkpoints.cend(), position,
        [](qint64 at, const LogCheckpoint &each) { return at < each.position; });
}

bool KafkaEventLog::startAfter(const ReadPoint &point)
{
    BILLING_ASSERT(untouched() && m_paused && !m_producer && point.position > 0 &&
                   !point.hash.isEmpty());
    const std::optional<std::vector<int64_t>> named = offsetsByPartition(point.offsets);
    if (!named)
        return false;
    const std::vector<int64_t> &startAt = *named;
    // The first read assigns the partitions there (see refresh()).
    m_fetchFrom = startAt;
    m_startedAfter = point.position;
    m_contiguous = point.position;
    m_complete = point.position;
    m_forgotten = point.position;
    m_lastHash = point.hash;
    m_resumeAt = startAt;
    m_checkpoints = {LogCheckpoint{point.position, point.hash, startAt}};
    return true;
}

Result<bool> KafkaEventLog::startAfterChecked(const ReadPoint &point, qint64 position,
                                              const QString &hash)
{
    // A row that makes no sense (edited by hand, say) is not used, like any other that does
    // not match; the place lies strictly before the snapshot, so that the topics are read.
    if (!untouched() || point.position <= 0 || point.hash.isEmpty() || point.position >= position ||
        position - point.position > readCheckMax)
        return false;
    std::optional<std::vector<int64_t>> named = offsetsByPartition(point.offsets);
    if (!named)
        return false;
    const LogCheckpoint from{point.position, point.hash, std::move(*named)};
    Result<std::unique_ptr<KafkaLogScan>> opened = KafkaLogScan::open(m_settings, scanPartitions());
    if (!opened.ok())
        return opened.error();
    // A scan of its own, closed after it: left assigned, it would fetch every new record.
    const std::unique_ptr<KafkaLogScan> scan = std::move(opened.value());
    scan->setStallLimit(readCheckStallMs);
    SourceRecords records;
    // Up to `position` and no further: those events were committed when it was saved.
    const Result<QList<EventEnvelope>> events =
        scan->read(point.position, int(position - point.position), position, {from}, records);
    // Another chain, or topics that lost those events: not this log's snapshot.
    if (!events.ok() || events.value().isEmpty() || events.value().last().position != position ||
        events.value().last().hash != hash)
        return false;
    return startAfter(point);
}

std::optional<ReadPoint> KafkaEventLog::readPointAtOrBefore(qint64 position) const
{
    const auto later = checkpointAfter(position);
    // Only places this log checked: a snapshot is anchored at one.
    auto found = std::make_reverse_iterator(later);
    while (found != m_checkpoints.crend() && found->learned)
        ++found;
    if (found == m_checkpoints.crend())
        return std::nullopt;
    const LogCheckpoint &checkpoint = *found;
    ReadPoint point{checkpoint.position, checkpoint.hash, {}};
    for (size_t i = 0; i < checkpoint.offsets.size(); ++i) {
        if (checkpoint.offsets[i] >= 0)
            point.offsets.append(SourceOffset{m_partitionTopics[i], m_partitions[i]->partition(),
                                              checkpoint.offsets[i]});
    }
    return point;
}

void KafkaEventLog::seedWriter(const LedgerState &state)
{
    // Before anything after the place was read: the events between it and the snapshot, read
    // next, set their aggregates' versions again to what the snapshot holds, and later ones on.
    BILLING_ASSERT(m_startedAfter > 0 && m_contiguous == m_startedAfter && m_events.isEmpty() &&
                   state.position() >= m_startedAfter);
    for (const Account &account : state.accounts())
        m_versions.insert(account.id, account.version);
    for (const Transaction &transaction : state.transactions())
        m_versions.insert(transaction.id, transaction.version);
    state.idempotencyKeys().forEachKey(
        [this](const QUuid &key) { m_idempotencyKeys.insert(key); },
        [this](const QString &key) { m_idempotencyKeys.insert(key); });
    m_seeded = true;
}

Status KafkaEventLog::takeWriterRole(const QString &transactionalId)
{
    BILLING_ASSERT(m_transactionalId.isEmpty() && !m_producer && !transactionalId.isEmpty());
    BILLING_ASSERT(m_startedAfter == 0 || m_seeded);
    m_transactionalId = transactionalId;
    m_mode = WriterMode::Exclusive;
    // What it read before holds; what was committed since is read before its first commit
    // (the caller reads to the end right away).
    m_readToEnd = false;
    if (Status done = openProducer(transactionalId); !done.ok()) {
        m_producer.reset();
        return done;
    }
    return Done{};
}

void KafkaEventLog::abandonProducer()
{
    if (m_producer)
        m_fencedProducers.push_back(std::move(m_producer));
}

void KafkaEventLog::setBeforeCommitHook(std::function<void()> hook)
{
    m_beforeCommit = std::move(hook);
}

void KafkaEventLog::setAfterCommitHook(std::function<void()> hook)
{
    m_afterCommit = std::move(hook);
}

Status KafkaEventLog::openConsumer()
{
    Result<std::unique_ptr<RdKafka::KafkaConsumer>> consumer = kafka::openEventReader(m_settings);
    if (!consumer.ok())
        return consumer.error();
    m_consumer = std::move(consumer.value());
    std::string error;
    // Where each partition ends is asked on a connection of its own: on the consumer's, the
    // question would queue behind a fetch that the broker holds for fetch.wait.max.ms.
    std::unique_ptr<RdKafka::Conf> offsetsConf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    if (Status done = m_settings.configure(*offsetsConf); !done.ok())
        return done;
    m_offsets.reset(RdKafka::Producer::create(offsetsConf.get(), error));
    if (!m_offsets)
        return failure(text(error));
    learnLeaders(*m_offsets);
    // Topics that were just created may show no partitions or no leaders for a moment.
    const QDeadlineTimer deadline(readToEndMs);
    QString problem;
    do {
        RdKafka::TopicPartition::destroy(m_partitions);
        problem.clear();
        RdKafka::Metadata *metadata = nullptr;
        const RdKafka::ErrorCode code = m_consumer->metadata(true, nullptr, &metadata, readToEndMs);
        if (code != RdKafka::ERR_NO_ERROR) {
            problem = text(RdKafka::err2str(code));
            continue;
        }
        const std::unique_ptr<RdKafka::Metadata> owned(metadata);
        for (const QString &topic : {m_settings.accountTopic(), m_settings.transactionTopic()}) {
            const std::string name = topic.toStdString();
            problem = QStringLiteral("topic %1 does not exist").arg(topic);
            for (const RdKafka::TopicMetadata *each : *metadata->topics()) {
                if (each->topic() != name)
                    continue;
                problem.clear();
                if (each->err() != RdKafka::ERR_NO_ERROR || each->partitions()->empty())
                    problem = QStringLiteral("topic %1 is not ready").arg(topic);
                for (const RdKafka::PartitionMetadata *partition : *each->partitions()) {
                    if (partition->leader() < 0)
                        problem = QStringLiteral("topic %1 has no leader yet").arg(topic);
                    m_partitions.push_back(RdKafka::TopicPartition::create(
                        name, partition->id(), RdKafka::Topic::OFFSET_BEGINNING));
                }
            }
            if (!problem.isEmpty())
                break;
        }
    } while (!problem.isEmpty() && !deadline.hasExpired() && (QThread::msleep(200), true));
    if (!problem.isEmpty())
        return failure(QStringLiteral("Kafka at %1: %2").arg(m_settings.bootstrap, problem));
    m_resumeAt.assign(m_partitions.size(), RdKafka::Topic::OFFSET_BEGINNING);
    m_fetchFrom = m_resumeAt;
    m_ahead.resize(m_partitions.size());
    for (const RdKafka::TopicPartition *partition : m_partitions)
        m_partitionTopics.push_back(text(partition->topic()));
    // Nothing is fetched before the first read assigns the partitions (see refresh()).
    m_paused = true;
    return Done{};
}

void KafkaEventLog::learnLeaders(RdKafka::Handle &handle)
{
    for (const QString &name : {m_settings.accountTopic(), m_settings.transactionTopic()}) {
        std::string error;
        const std::unique_ptr<RdKafka::Topic> topic(
            RdKafka::Topic::create(&handle, name.toStdString(), nullptr, error));
        RdKafka::Metadata *metadata = nullptr;
        if (topic &&
            handle.metadata(false, topic.get(), &metadata, readToEndMs) == RdKafka::ERR_NO_ERROR)
            delete metadata;
    }
}

Status KafkaEventLog::openProducer(const QString &transactionalId)
{
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    // A transaction begun right after a commit often meets CONCURRENT_TRANSACTIONS while the
    // broker still writes the last one's markers; librdkafka's default 100 ms backoff then made
    // such a commit take 100 ms (KAFKA-5477; the Java client waits 20 ms there). A default:
    // BILLING_KAFKA_CONFIG may set another.
    if (Status done = KafkaSettings::set(*conf, "retry.backoff.ms", QStringLiteral("20"));
        !done.ok())
        return done;
    if (Status done = m_settings.configure(*conf); !done.ok())
        return done;
    const QString transactionTimeoutMs =
        qEnvironmentVariableIsSet("BILLING_KAFKA_TRANSACTION_TIMEOUT_MS")
            ? qEnvironmentVariable("BILLING_KAFKA_TRANSACTION_TIMEOUT_MS")
            : QStringLiteral("10000");
    for (const auto &[name, value] :
         {std::pair{"transactional.id", transactionalId},
          std::pair{"enable.idempotence", QStringLiteral("true")},
          std::pair{"acks", QStringLiteral("all")}, std::pair{"linger.ms", QStringLiteral("1")},
          // A writer that dies mid-transaction holds readers back until the broker aborts it.
          std::pair{"transaction.timeout.ms", transactionTimeoutMs}}) {
        if (Status done = KafkaSettings::set(*conf, name, value); !done.ok())
            return done;
    }
    std::string error;
    // One for every producer this log opens; the fenced ones are never polled again.
    if (!m_deliveries)
        m_deliveries = std::make_unique<KafkaDeliveries>();
    if (conf->set("dr_cb", m_deliveries.get(), error) != RdKafka::Conf::CONF_OK)
        return failure(text(error));
    m_producer.reset(RdKafka::Producer::create(conf.get(), error));
    if (!m_producer)
        return failure(text(error));
    // Generous: on a fresh broker the first call waits for __transaction_state to exist.
    std::unique_ptr<RdKafka::Error> initialised(m_producer->init_transactions(60000));
    if (initialised)
        return failure(QStringLiteral("init_transactions: %1").arg(text(initialised->str())));
    // Left to the first produce, the lookup of the leaders cost about a second inside every
    // first transaction, which is the window in which shared writers fence each other.
    learnLeaders(*m_producer);
    return Done{};
}

Status KafkaEventLog::take(const EventEnvelope &event, qint64 appendEnd, const SourceRecord &record)
{
    BILLING_ASSERT(record.offset >= 0);
    passed(record);
    // Read again (our own append, then the consumer; or a copy written by hand): it must be the
    // very same event, and its record stays the first one seen. One no longer in memory was
    // checked in the chain when it was first read.
    if (const auto kept = m_events.constFind(event.position); kept != m_events.cend()) {
        if (kept->hash != event.hash)
            return refuse(
                tampered(event.position, QStringLiteral("two different events at position %1")));
        return Done{};
    }
    if (event.position <= m_contiguous)
        return Done{};
    m_events.insert(event.position, event);
    m_records.insert(event.position, record);
    m_appendEnds.insert(event.position, appendEnd);
    if (const qsizetype i = partitionOf(record); i >= 0 && event.position > m_contiguous + 1) {
        std::deque<AheadRecord> &ahead = m_ahead[size_t(i)];
        const AheadRecord entry{event.position, record.offset};
        // A partition is read in offset order; a record out of it (read again) goes in place.
        if (ahead.empty() || ahead.back().offset < record.offset)
            ahead.push_back(entry);
        else
            ahead.insert(std::lower_bound(ahead.begin(), ahead.end(), entry,
                                          [](const AheadRecord &a, const AheadRecord &b) {
                                              return a.offset < b.offset;
                                          }),
                         entry);
    }
    for (auto next = m_events.constFind(m_contiguous + 1); next != m_events.cend();
         next = m_events.constFind(m_contiguous + 1)) {
        if (codec::chainHash(m_lastHash, codec::canonicalBytes(*next)) != next->hash)
            return refuse(
                tampered(next->position, QStringLiteral("the hash chain breaks at position %1")));
        m_versions.insert(next->aggregateId, next->aggregateVersion);
        if (const QString key = next->data.value(u"idempotencyKey").toString(); !key.isEmpty())
            m_idempotencyKeys.insert(key);
        m_lastHash = next->hash;
        ++m_contiguous;
        if (m_appendEnds.take(m_contiguous) == m_contiguous)
            m_complete = m_contiguous;
        // Inside the run: a record that closes a gap chains many at once (a partition read
        // behind the others), and the places must stay about checkpointEvery() apart.
        if (m_contiguous - (m_checkpoints.isEmpty() ? 0 : m_checkpoints.last().position) >=
            m_settings.checkpointEvery())
            noteCheckpoint();
    }
    forgetOldEvents();
    return Done{};
}

void KafkaEventLog::passed(const SourceRecord &record)
{
    // Every visible record before one this log took holds an earlier position: the ledger's
    // one writer at a time commits in position order, and this log read everything committed
    // before its own commits (m_readToEnd, or a shared writer's refresh()).
    if (const qsizetype i = partitionOf(record); i >= 0)
        m_resumeAt[size_t(i)] = std::max(m_resumeAt[size_t(i)], int64_t(record.offset + 1));
}

qsizetype KafkaEventLog::partitionOf(const SourceRecord &record) const
{
    for (size_t i = 0; i < m_partitions.size(); ++i) {
        if (m_partitions[i]->partition() == record.partition &&
            m_partitionTopics[i] == record.topic)
            return qsizetype(i);
    }
    return -1;
}

Status KafkaEventLog::refuse(const Error &error)
{
    // The bad record is consumed now: a later read would not meet it again.
    m_refused = error;
    return error;
}

void KafkaEventLog::noteCheckpoint()
{
    LogCheckpoint checkpoint{m_contiguous, m_lastHash, m_resumeAt};
    // Records read ahead of the chain are after it too; every other one is yet to be consumed.
    // The oldest of each partition's is the first not chained yet (iterating all of them at
    // every checkpoint was a third of a fold's time).
    for (size_t i = 0; i < m_ahead.size(); ++i) {
        std::deque<AheadRecord> &ahead = m_ahead[i];
        while (!ahead.empty() && ahead.front().position <= m_contiguous)
            ahead.pop_front();
        if (!ahead.empty() && checkpoint.offsets[i] != RdKafka::Topic::OFFSET_BEGINNING)
            checkpoint.offsets[i] = std::min(checkpoint.offsets[i], ahead.front().offset);
    }
    m_checkpoints.append(std::move(checkpoint));
}

void KafkaEventLog::forgetOldEvents()
{
    const qint64 below =
        std::min(m_contiguous - m_settings.eventsInMemory, m_keepAfter) + 1; // first one kept
    while (!m_events.isEmpty() && m_events.firstKey() < below) {
        m_forgotten = m_events.firstKey();
        m_records.remove(m_forgotten);
        m_events.erase(m_events.begin());
    }
}

Status KafkaEventLog::refresh(qint64 enough)
{
    if (m_refused)
        return *m_refused;
    // The end of each partition now; read_committed reaches it once every transaction below
    // it has committed or aborted (control records move the position past the end markers).
    std::vector<int64_t> ends;
    for (RdKafka::TopicPartition *partition : m_partitions) {
        int64_t low = 0;
        int64_t high = 0;
        // A broker that just restarted or moved a leader answers with a retriable error; one
        // that is gone, not at all. Asked a second at a time when a stop may come.
        const QDeadlineTimer retryUntil(readToEndMs);
        RdKafka::ErrorCode code = RdKafka::ERR_NO_ERROR;
        do {
            if (m_stop && m_stop->load())
                return failure(QStringLiteral("Kafka at %1: stopped while waiting for it")
                                   .arg(m_settings.bootstrap));
            code = m_offsets->query_watermark_offsets(
                partition->topic(), partition->partition(), &low, &high,
                m_stop ? int(std::clamp<qint64>(retryUntil.remainingTime(), 1, watermarkSliceMs))
                       : readToEndMs);
        } while (code != RdKafka::ERR_NO_ERROR && !retryUntil.hasExpired() &&
                 (QThread::msleep(200), true));
        if (code != RdKafka::ERR_NO_ERROR)
            return failure(QStringLiteral("Kafka at %1: %2")
                               .arg(m_settings.bootstrap, text(RdKafka::err2str(code))));
        ends.push_back(high > low ? high : -1);
    }
    // Fetching stops at the end of the log (see below) and goes on from where this reader
    // stands: the partitions are assigned again there. Not paused and resumed: librdkafka
    // 2.0.2 fetched a resumed partition only when its broker thread next woke up, up to a
    // second later (an `account get` took 1.1 s), and resuming a partition that was not
    // paused fetched it again from its beginning.
    if (m_paused) {
        std::vector<RdKafka::TopicPartition *> assignment;
        for (size_t i = 0; i < m_partitions.size(); ++i)
            assignment.push_back(RdKafka::TopicPartition::create(
                m_partitions[i]->topic(), m_partitions[i]->partition(), m_fetchFrom[i]));
        const RdKafka::ErrorCode assigned = m_consumer->assign(assignment);
        RdKafka::TopicPartition::destroy(assignment);
        if (assigned != RdKafka::ERR_NO_ERROR)
            return failure(QStringLiteral("assign: %1").arg(text(RdKafka::err2str(assigned))));
        m_paused = false;
    }
    // Asked again after every record: made once (creating and destroying them each time was a
    // tenth of a reader's time).
    struct Positions
    {
        std::vector<RdKafka::TopicPartition *> list;
        ~Positions() { RdKafka::TopicPartition::destroy(list); }
    } positions;
    for (const RdKafka::TopicPartition *partition : m_partitions)
        positions.list.push_back(
            RdKafka::TopicPartition::create(partition->topic(), partition->partition()));
    const QDeadlineTimer deadline(readToEndMs);
    for (;;) {
        m_consumer->position(positions.list);
        bool atEnd = true;
        for (size_t i = 0; i < positions.list.size(); ++i) {
            // A partition assigned again where it stood has no position until a record comes.
            // An offset past the end (topics made again) is reset to the beginning instead:
            // that one is not at its end.
            const int64_t at = positions.list[i]->offset() >= 0 ? positions.list[i]->offset()
                               : m_fetchFrom[i] <= ends[i]      ? m_fetchFrom[i]
                                                                : -1;
            atEnd = atEnd && (ends[i] < 0 || at >= ends[i]);
        }
        m_readToEnd = m_readToEnd || atEnd;
        // Short of the end, fetching goes on: the next page is on its way while the caller
        // folds this one (paused and resumed after each page of 10,000, a fold waited for
        // fetches three quarters of the time).
        if (!atEnd && enough > 0 && m_complete >= enough)
            return Done{};
        if (atEnd) {
            // Left running, the consumer keeps fetching every record the ledger gets into memory
            // until the next read; a client or a serve that rarely reads paid for it in CPU
            // (a quarter of a benchmark client's) and in hundreds of megabytes.
            for (size_t i = 0; i < positions.list.size(); ++i) {
                if (positions.list[i]->offset() >= 0)
                    m_fetchFrom[i] = positions.list[i]->offset();
            }
            if (const RdKafka::ErrorCode unassigned = m_consumer->unassign();
                unassigned != RdKafka::ERR_NO_ERROR)
                return failure(
                    QStringLiteral("unassign: %1").arg(text(RdKafka::err2str(unassigned))));
            m_paused = true;
            return Done{};
        }
        if (deadline.hasExpired())
            return failure(QStringLiteral("could not read the event topics to their end within "
                                          "%1 ms (an unfinished transaction?)")
                               .arg(readToEndMs));
        std::unique_ptr<RdKafka::Message> message(m_consumer->consume(100));
        if (message->err() == RdKafka::ERR__TIMED_OUT ||
            message->err() == RdKafka::ERR__PARTITION_EOF)
            continue;
        if (message->err() != RdKafka::ERR_NO_ERROR)
            return failure(QStringLiteral("reading events: %1").arg(text(message->errstr())));
        // Consumed, a record that cannot be read would not be met again: the log stays refused.
        const Result<kafka::EventRecord> record = kafka::eventRecord(*message);
        if (!record.ok())
            return refuse(record.error());
        if (Status done =
                take(record.value().event, record.value().appendEnd, record.value().record);
            !done.ok())
            return done;
    }
}

Result<QList<EventEnvelope>> KafkaEventLog::read(qint64 after, int limit)
{
    BILLING_ASSERT(after >= 0 && limit > 0);
    if (after < m_forgotten)
        return readAgain(after, limit);
    // Read only as far as this page needs, keeping its events while the older ones go (those
    // of the last page too, kept for sourceRecords()).
    m_keepAfter = after;
    forgetOldEvents();
    const Status done =
        refresh(after > std::numeric_limits<qint64>::max() - limit ? 0 : after + limit);
    m_keepAfter = std::numeric_limits<qint64>::max();
    if (!done.ok())
        return done.error();
    // The page stays in memory until the next record is read, for sourceRecords().
    QList<EventEnvelope> events;
    for (auto it = m_events.lowerBound(after + 1);
         it != m_events.cend() && it.key() <= m_complete && events.size() < limit; ++it)
        events.append(*it);
    return events;
}

Result<QList<EventEnvelope>> KafkaEventLog::readAgain(qint64 after, int limit)
{
    // To the end first, unless the page lies below what is known whole: a page the scan
    // leaves short is then the end of the log.
    if (after + limit > m_complete) {
        if (Status done = refresh(); !done.ok())
            return done.error();
    } else if (m_refused) {
        return *m_refused;
    }
    if (Status opened = openScan(); !opened.ok())
        return opened.error();
    learnPlaceBefore(after);
    Result<QList<EventEnvelope>> events =
        m_scan->read(after, limit, m_complete, m_checkpoints, m_scanRecords);
    if (!events.ok() && learnedPlaceFailed(events.error()) && forgetLearnedPlaces()) {
        // A place from elsewhere that does not fit these topics (a row left from topics made
        // again): the log is not to blame. Read again as if it never came, and ask no more.
        qWarning("A place in the log from PostgreSQL does not fit the topics (%s); reading "
                 "without it",
                 qPrintable(events.error().message));
        m_scan.reset();
        if (Status opened = openScan(); !opened.ok())
            return opened.error();
        events = m_scan->read(after, limit, m_complete, m_checkpoints, m_scanRecords);
    }
    if (!events.ok() && events.error().code == reason::ledgerTampered)
        (void)refuse(events.error());
    return events;
}

bool KafkaEventLog::learnedPlaceFailed(const Error &error) const
{
    // A broken chain, or no progress past the place the scan started at (offsets past the
    // events, say); a broker that went away fails the read either way and is no reason.
    if (error.code == reason::ledgerTampered)
        return true;
    const qint64 chained = m_scan ? m_scan->chained() : -1;
    return std::any_of(
        m_checkpoints.cbegin(), m_checkpoints.cend(),
        [chained](const LogCheckpoint &each) { return each.learned && each.position == chained; });
}

bool KafkaEventLog::forgetLearnedPlaces()
{
    const qsizetype before = m_checkpoints.size();
    m_checkpoints.removeIf([](const LogCheckpoint &each) { return each.learned; });
    if (m_checkpoints.size() == before)
        return false;
    m_placeLookup = {};
    return true;
}

void KafkaEventLog::learnPlaceBefore(qint64 after)
{
    // A read that continues the scan's last one starts nowhere.
    if (!m_placeLookup || (m_scan && m_scan->chained() == after))
        return;
    const auto later = checkpointAfter(after);
    const qint64 nearest = later == m_checkpoints.cbegin() ? 0 : (later - 1)->position;
    if (after - nearest <= m_settings.checkpointEvery())
        return;
    const std::optional<ReadPoint> place = m_placeLookup(after);
    if (!place || place->position <= nearest || place->position > after || place->hash.isEmpty())
        return;
    if (std::optional<std::vector<int64_t>> named = offsetsByPartition(place->offsets))
        m_checkpoints.insert(later - m_checkpoints.cbegin(),
                             LogCheckpoint{place->position, place->hash, std::move(*named), true});
}

qint64 KafkaEventLog::recordsScanned() const
{
    return m_scan ? m_scan->recordsRead() : 0;
}

void KafkaEventLog::setPlaceLookup(std::function<std::optional<ReadPoint>(qint64)> lookup)
{
    m_placeLookup = std::move(lookup);
}

std::vector<std::pair<std::string, int>> KafkaEventLog::scanPartitions() const
{
    std::vector<std::pair<std::string, int>> partitions;
    for (const RdKafka::TopicPartition *partition : m_partitions)
        partitions.emplace_back(partition->topic(), partition->partition());
    return partitions;
}

Status KafkaEventLog::openScan()
{
    if (m_scan)
        return Done{};
    Result<std::unique_ptr<KafkaLogScan>> scan = KafkaLogScan::open(m_settings, scanPartitions());
    if (!scan.ok())
        return scan.error();
    m_scan = std::move(scan.value());
    return Done{};
}

SourceRecords KafkaEventLog::sourceRecords(const QList<EventEnvelope> &events) const
{
    SourceRecords records;
    for (const EventEnvelope &event : events) {
        const SourceRecord *record = nullptr;
        for (const SourceRecords *known : {&m_records, &m_scanRecords}) {
            if (const auto found = known->constFind(event.position); found != known->cend())
                record = &*found;
        }
        BILLING_ASSERT(record);
        records.insert(event.position, *record);
    }
    return records;
}

Result<qint64> KafkaEventLog::lastPosition()
{
    forgetOldEvents();
    if (Status done = refresh(); !done.ok())
        return done.error();
    return m_complete;
}

Status KafkaEventLog::abortAfter(const QString &what, const QString &detail, bool fatal,
                                 bool abortable)
{
    if (fatal)
        m_fenced = true; // fenced by a newer writer, or broken for good: never write again
    else if (abortable) {
        std::unique_ptr<RdKafka::Error> aborted(m_producer->abort_transaction(transactionCallMs));
        if (aborted && aborted->is_fatal())
            m_fenced = true;
    }
    if (m_fenced && m_mode == WriterMode::Shared) {
        // Another process took the id. Give it a moment to commit (random, so that two
        // writers do not keep fencing each other), then let the caller decide again.
        // The fenced producer is kept, not destroyed: a CLI process racing three others once
        // died of heap corruption detected as a librdkafka thread exited, and destroying
        // producers in the fatal (fenced) state of librdkafka 2.0.2 is the suspect. It is idle
        // from here on and goes away with the process.
        m_fencedProducers.push_back(std::move(m_producer));
        m_fenced = false;
        QThread::msleep(QRandomGenerator::global()->bounded(20, 200));
        return conflict(QStringLiteral("%1: another writer took over").arg(what));
    }
    return failure(
        QStringLiteral("%1: %2%3")
            .arg(what, detail, m_fenced ? QStringLiteral(" (this writer is fenced)") : QString()));
}

Result<QList<EventEnvelope>> KafkaEventLog::append(const QList<EventEnvelope> &events,
                                                   const QHash<QString, qint64> &expectedVersions)
{
    BILLING_ASSERT(!events.isEmpty());
    return commit(events, expectedVersions, {});
}

Status KafkaEventLog::produceEvents(const QList<EventEnvelope> &written)
{
    for (const EventEnvelope &event : written) {
        const QByteArray value = codec::recordBytes(event);
        const QByteArray key = event.aggregateId.toUtf8();
        const QString topic = event.aggregateKind() == AggregateKind::Account
                                  ? m_settings.accountTopic()
                                  : m_settings.transactionTopic();
        // Kafka makes a transaction atomic, but not its visibility: one partition's records can
        // be readable before another's. Each record names the last position of its append, so
        // that readers only ever show whole appends (never half a transfer).
        RdKafka::Headers *headers = RdKafka::Headers::create();
        headers->add(kafka::appendEndHeader, std::to_string(written.last().position));
        void *const delivery = m_deliveries->expect(event.position);
        RdKafka::ErrorCode code = RdKafka::ERR__QUEUE_FULL;
        for (int attempt = 0; attempt < 100 && code == RdKafka::ERR__QUEUE_FULL; ++attempt) {
            code = m_producer->produce(
                topic.toStdString(), RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                const_cast<char *>(value.constData()), size_t(value.size()), key.constData(),
                // The record's timestamp is the broker's now, not the event's time (which is in
                // the JSON): a retention or a time index must never act on business time.
                size_t(key.size()), 0, headers, delivery);
            if (code == RdKafka::ERR__QUEUE_FULL)
                m_producer->poll(100);
        }
        if (code != RdKafka::ERR_NO_ERROR) {
            delete headers; // produce() frees them only when it succeeds
            return abortAfter(QStringLiteral("produce"), text(RdKafka::err2str(code)), false, true);
        }
    }
    return Done{};
}

Result<QList<EventEnvelope>> KafkaEventLog::commit(const QList<EventEnvelope> &events,
                                                   const QHash<QString, qint64> &expectedVersions,
                                                   const TransactionExtras &extras)
{
    BILLING_ASSERT(!events.isEmpty() || extras);
    BILLING_ASSERT(!m_transactionalId.isEmpty());
    if (m_startedAfter > 0 && !m_seeded)
        return failure(QStringLiteral("this reader started after position %1 and cannot write")
                           .arg(m_startedAfter));
    if (m_fenced)
        return failure(QStringLiteral("this writer was fenced by a newer one"));
    if (m_refused)
        return *m_refused;
    if (!m_producer) {
        // Shared writers take the id now; this fences whoever held it and aborts its open
        // transaction, so the read below sees everything that can still commit before ours.
        if (Status done = openProducer(m_transactionalId); !done.ok()) {
            m_producer.reset();
            return done.error();
        }
    }
    // An exclusive writer took its id before it read the log, so every later commit is its own
    // (another writer's init_transactions() would fence it, and its commit below would fail):
    // once it has read to the end, what it knows (versions, keys, the last hash) is the whole
    // log's, and reading the topics again before each batch only read back its own records. A
    // shared writer may have lost the id to another since.
    if (m_mode == WriterMode::Shared || !m_readToEnd) {
        if (Status done = refresh(); !done.ok())
            return done.error();
    }
    for (auto it = expectedVersions.cbegin(); it != expectedVersions.cend(); ++it) {
        if (m_versions.value(it.key(), 0) != it.value())
            return conflict(QStringLiteral("%1 moved from version %2 to %3")
                                .arg(it.key())
                                .arg(it.value())
                                .arg(m_versions.value(it.key(), 0)));
    }
    // Every event must be the next version of its aggregate, not only those the decision
    // named: a decision that touched an account it did not list (a top-up's EXTERNAL side) was
    // made on a balance that may have moved. The embedded store gets this from its unique
    // (aggregate_id, aggregate_version) index.
    QSet<QString> keys;
    QHash<QString, qint64> versions;
    for (const EventEnvelope &event : events) {
        const qint64 before =
            versions.value(event.aggregateId, m_versions.value(event.aggregateId, 0));
        if (event.aggregateVersion != before + 1)
            return conflict(QStringLiteral("%1 version %2 was taken")
                                .arg(event.aggregateId)
                                .arg(event.aggregateVersion));
        versions.insert(event.aggregateId, event.aggregateVersion);
        const QString key = event.data.value(u"idempotencyKey").toString();
        if (!key.isEmpty() && (m_idempotencyKeys.contains(key) || keys.contains(key)))
            return conflict(QStringLiteral("the idempotency key %1 was taken").arg(key));
        keys.insert(key);
    }
    // Holding the id, this writer has read every transaction whole; a torn one would be seen
    // whole on a later read.
    if (m_complete != m_contiguous)
        return conflict(QStringLiteral("another writer's append is not fully visible yet"));
    QList<EventEnvelope> written;
    qint64 position = m_contiguous;
    QString previousHash = m_lastHash;
    for (EventEnvelope event : events) {
        event.position = ++position;
        event.hash = codec::chainHash(previousHash, codec::canonicalBytes(event));
        previousHash = event.hash;
        written.append(std::move(event));
    }
    if (std::unique_ptr<RdKafka::Error> begun(m_producer->begin_transaction()); begun)
        return abortAfter(QStringLiteral("begin_transaction"), text(begun->str()),
                          begun->is_fatal(), false)
            .error();
    m_deliveries->begin(*m_producer);
    if (Status done = produceEvents(written); !done.ok())
        return done.error();
    if (extras) {
        if (Status done = extras(*m_producer, written); !done.ok())
            return abortAfter(QStringLiteral("transaction"), done.error().message, false, true)
                .error();
    }
    if (m_beforeCommit)
        m_beforeCommit();
    if (std::unique_ptr<RdKafka::Error> committed(
            m_producer->commit_transaction(transactionCallMs));
        committed)
        return abortAfter(QStringLiteral("commit_transaction"), text(committed->str()),
                          committed->is_fatal(), committed->txn_requires_abort())
            .error();
    const SourceRecords delivered = m_deliveries->delivered();
    // The append stays in memory until the next read, for sourceRecords().
    m_keepAfter = m_contiguous;
    for (const EventEnvelope &event : written) {
        if (Status done = take(event, written.last().position, delivered.value(event.position));
            !done.ok()) {
            m_keepAfter = std::numeric_limits<qint64>::max();
            return done.error();
        }
    }
    m_keepAfter = std::numeric_limits<qint64>::max();
    if (m_afterCommit && !written.isEmpty())
        m_afterCommit();
    return written;
}

} // namespace billing
