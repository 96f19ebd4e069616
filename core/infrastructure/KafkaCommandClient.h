#pragma once

#include "KafkaSettings.h"
#include "application/CommandBus.h"

#include <functional>
#include <memory>

namespace RdKafka {
class KafkaConsumer;
class Producer;
} // namespace RdKafka

namespace billing {

// The client side of `billing-cli serve`: sends each command, with its idempotency key, to the
// one-partition command topic and waits (read_committed) for its outcome on the outcome topic.
// When no outcome came for `retryMs`, it sends the commands still waiting again, unchanged (same
// command id, same key): the decision maker answers a repeat with the first outcome, so a retry
// never decides twice. When nothing at all came for `silenceMs`, it gives up with an error that
// says to start `billing-cli serve`; it never decides by itself.
class KafkaCommandClient final : public CommandBus
{
public:
    static Result<std::unique_ptr<KafkaCommandClient>> open(const KafkaSettings &settings);
    ~KafkaCommandClient() override;

    Result<QList<Outcome>> submit(const QList<Command> &commands) override;
    // Runs after every submit() with the last position any outcome names (0: none), so that the
    // caller can wait for those events to be readable.
    void setAfterOutcomesHook(std::function<void(qint64 lastPosition)> hook);

private:
    explicit KafkaCommandClient(KafkaSettings settings);
    Status send(const QList<Command> &commands);

    KafkaSettings m_settings;
    std::unique_ptr<RdKafka::Producer> m_producer;
    std::unique_ptr<RdKafka::KafkaConsumer> m_consumer;
    int m_retryMs = 5000;
    int m_silenceMs = 30000;
    std::function<void(qint64)> m_afterOutcomes;
};

} // namespace billing
