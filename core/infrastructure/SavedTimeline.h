#pragma once

#include "application/AccountTimeline.h"
#include "application/EventStore.h"

#include <optional>

namespace billing {

// The account timeline of one store, saved in a file of the user's cache folder. A cache and
// nothing more: a missing, unreadable or outdated file (one whose last event the log no longer
// holds with the same hash) only means that the log is read again.
class SavedTimeline
{
public:
    explicit SavedTimeline(QString path);
    // A file in the cache folder named after the store's location.
    static SavedTimeline forStore(const QString &storeLocation);

    const QString &path() const { return m_path; }
    std::optional<AccountTimeline> load(EventStore &store, qint64 checkpointEvery) const;
    Status save(const AccountTimeline &timeline) const;

private:
    QString m_path;
};

} // namespace billing
